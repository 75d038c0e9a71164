// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Components
import NebengJek.Ride

Item {
    width: 420
    height: 1100

    PassengerPanel {
        id: panel
        width: 380
        height: 1100
        controller: App.session.ride
    }

    RideMap {
        id: rideMap
        x: 380
        width: 40
        height: 40
        controller: App.session.ride
    }

    TestCase {
        name: "PassengerPanel"
        when: windowShown

        readonly property string user: "qml-p1"
        readonly property var ride: App.session.ride

        function initTestCase() {
            backend.signIn(user, "passenger")
            tryVerify(() => backend.ready() && !App.session.isDriver, 10000)
        }

        function test_1_customCoordinatesAreValidated() {
            const pickup = findChild(panel, "pickupSelector")
            const combo = findChild(pickup, "placeCombo")
            const lat = findChild(pickup, "latField")
            verify(!lat.enabled) // a preset: coordinates are the preset's
            combo.currentIndex = combo.count - 1 // "Custom location…"
            verify(pickup.custom)
            verify(lat.enabled)
            lat.text = "95"
            lat.editingFinished()
            verify(!pickup.valid)
            verify(!findChild(panel, "requestButton").enabled)
            verify(findChild(panel, "requestError").visible)
            // The Indonesian decimal comma is accepted.
            lat.text = "-6,2000"
            lat.editingFinished()
            verify(pickup.valid)
            fuzzyCompare(pickup.latitude, -6.2, 1e-9)
            verify(findChild(panel, "requestButton").enabled)
            verify(!findChild(panel, "requestError").visible)
        }

        function test_2_requestAndCancel() {
            mouseClick(findChild(panel, "requestButton"))
            const searching = findChild(panel, "searchingCard")
            tryCompare(searching, "visible", true)
            verify(!findChild(panel, "requestCard").visible)
            tryVerify(() => backend.receivedCount(user, "finder_update") === 1)
            const finder = backend.lastReceived(user, "finder_update")
            compare(finder.is_active, true)
            fuzzyCompare(finder.pickup.lat, -6.2, 1e-9)
            compare(searching.title, "Looking for a driver…")

            backend.push(user, "match_proposal", {
                match_id: "pm1", driver_id: "qml-d7", passenger_id: user,
                pickup: finder.pickup, destination: finder.destination, distance_m: 700,
                expires_at: backend.now() + 15000 })
            tryCompare(searching, "title", "Driver found")

            // Cancel asks first, with a reason; the driver proposed is told why (ride.cancel).
            mouseClick(findChild(panel, "cancelButton"))
            const dialog = panel.cancelDialog
            tryCompare(dialog, "opened", true)
            mouseClick(findChild(dialog.contentItem, "reason_1"))
            mouseClick(findChild(dialog.contentItem, "confirmCancelButton"))
            tryCompare(findChild(panel, "requestCard"), "visible", true)
            tryVerify(() => backend.receivedCount(user, "ride.cancel") === 1)
            compare(backend.lastReceived(user, "ride.cancel").match_id, "pm1")
            compare(backend.lastReceived(user, "ride.cancel").reason, "My plans changed")
            const banner = findChild(panel, "outcomeBanner")
            verify(banner.visible)
            verify(findChild(banner, "bannerText").text.indexOf("cancelled") >= 0)
        }

        function test_3_matchedRideAndPayment() {
            mouseClick(findChild(panel, "requestButton"))
            tryVerify(() => backend.receivedCount(user, "finder_update") === 2)
            backend.push(user, "match_status", { match_id: "pm2", status: "accepted", driver_id: "qml-d7",
                                                 passenger_id: user, ride_id: "pr2",
                                                 driver: { user_id: "qml-d7", name: "Budi" } })
            const driverCard = findChild(panel, "driverCard")
            tryCompare(driverCard, "visible", true)
            compare(driverCard.title, "Your driver is on the way")
            verify(findChild(panel, "cancelRideButton").visible)
            verify(!findChild(panel, "outcomeBanner").visible)

            backend.push(user, "location_update", { lat: -6.19, lng: 106.84, ride_id: "pr2", driver_id: "qml-d7",
                                                    timestamp: backend.now() }, false)
            tryVerify(() => ride.partnerLocation.lat !== undefined)
            verify(ride.remainingMeters > 0)
            // The map names the driver from the card, not by user id.
            const car = rideMap.markers.find(m => m.kind === "driver")
            verify(car !== undefined)
            compare(car.label, "Budi")

            backend.push(user, "ride_pickup", { ride_id: "pr2", driver_id: "qml-d7", passenger_id: user,
                                                started_at: backend.now() })
            tryCompare(driverCard, "title", "On your way")
            verify(!findChild(panel, "cancelRideButton").visible) // on board: no cancelling

            backend.push(user, "payment_request", { ride_id: "pr2", distance_m: 6400, fare: 21000, currency: "IDR" })
            const payment = findChild(panel, "paymentCard")
            tryCompare(payment, "visible", true)
            const pay = findChild(payment, "payButton")
            verify(pay.text.replace(/[^0-9]/g, "") === "21000", pay.text)
            findChild(payment, "methodBox").currentIndex = 1
            mouseClick(pay)
            tryVerify(() => backend.receivedCount(user, "payment_process") === 1)
            const sent = backend.lastReceived(user, "payment_process")
            compare(sent.ride_id, "pr2")
            compare(sent.amount, 21000)
            compare(sent.method, "wallet")

            backend.push(user, "ride_completed", { ride_id: "pr2", fare: 21000, distance_m: 6400,
                                                   completed_at: backend.now() })
            const done = findChild(panel, "completedCard")
            tryCompare(done, "visible", true)
            mouseClick(findChild(done, "doneButton"))
            tryCompare(findChild(panel, "requestCard"), "visible", true)
        }
    }
}
