// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// The other party as a card shows them: name (the id while the server knows no name), the
// vehicle and plate of a driver, and the average rating.
ColumnLayout {
    id: root

    property RideController controller
    // "Driver" or "Passenger": the label of the name row.
    property string label
    readonly property var profile: controller ? controller.partner : ({})
    readonly property bool hasVehicle: profile.vehicle !== undefined
                                       && (profile.vehicle.length > 0 || profile.plate.length > 0)

    spacing: Theme.spacingS
    Layout.fillWidth: true

    InfoRow {
        objectName: "partnerRow"
        label: root.label
        value: root.profile.name && root.profile.name.length > 0 ? root.profile.name
               : root.controller ? root.controller.partnerId : ""
        dotColor: root.controller && root.controller.partnerOnline ? Theme.success : "#94A3B8"
    }
    InfoRow {
        objectName: "vehicleRow"
        visible: root.hasVehicle
        label: qsTr("Vehicle")
        value: root.hasVehicle ? [root.profile.vehicle, root.profile.plate].filter(s => s.length > 0).join(" · ") : ""
    }
    InfoRow {
        objectName: "ratingRow"
        label: qsTr("Rating")
        value: RideTexts.rating(root.profile.rating, root.profile.ratingCount)
    }
}
