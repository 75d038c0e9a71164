// SPDX-License-Identifier: MIT
import QtQuick
import NebengJek.Core
import NebengJek.Components

// The map for the current ride: the driver (live), pickup, destination and the route. The
// driver's marker carries the name from their card, not the user id.
MapView {
    id: root

    property RideController controller
    // Passenger before requesting: the places picked in the form.
    property var previewPickup: null
    property var previewDestination: null

    readonly property bool hasTrip: controller && controller.pickup.lat !== undefined

    function label(point, fallback) {
        const name = Places.nameAt(point.lat, point.lng)
        return name.length > 0 ? name : fallback
    }

    markers: {
        let list = []
        if (!controller)
            return list
        const pickup = hasTrip ? controller.pickup : previewPickup
        const destination = hasTrip ? controller.destination : previewDestination
        const picked = controller.state === RideController.OnRide
                    || controller.state === RideController.AwaitingPayment
                    || controller.state === RideController.Completed
        if (pickup && !picked)
            list.push({ lat: pickup.lat, lng: pickup.lng, kind: "pickup", label: label(pickup, qsTr("Pickup")) })
        if (destination)
            list.push({ lat: destination.lat, lng: destination.lng, kind: "destination", label: label(destination, qsTr("Destination")) })
        if (controller.isDriver) {
            if (controller.ownLocation.lat !== undefined)
                list.push({ lat: controller.ownLocation.lat, lng: controller.ownLocation.lng, kind: "self", label: qsTr("You") })
        } else if (controller.partnerLocation.lat !== undefined) {
            list.push({ lat: controller.partnerLocation.lat, lng: controller.partnerLocation.lng, kind: "driver",
                        label: controller.partner.name || qsTr("Driver") })
        }
        return list
    }
    route: controller ? controller.route : []
    routeColor: controller && controller.state === RideController.Matched ? Theme.driver : Theme.primary
    caption: controller && controller.isDriver && controller.simulateLocation
             ? qsTr("Schematic map · simulated GPS") : qsTr("Schematic map")
}
