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

        property var driver: null

        function connected(session) {
            return session.signedIn && session.connection.state === ConnectionManager.Connected
        }

        function initTestCase() {
            backend.signInToHub(user, "passenger")
            tryVerify(() => backend.ready() && !App.session.isDriver, 10000)
            // A partner driver on duty near the pickup of test_1 (-6.2, the preset's longitude).
            driver = backend.partner("qml-d7", "driver")
            tryVerify(() => connected(driver), 10000)
            backend.placeCar(driver, -6.1960, 106.8250)
            driver.ride.goOnline()
            tryCompare(driver.connection.offlineQueue, "pendingCount", 0, 10000)
        }

        function cleanupTestCase() {
            backend.dropPartners()
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
            verify(searching.visible)
            verify(!findChild(panel, "requestCard").visible)
            compare(searching.title, "Looking for a driver…")
            // The hub proposes it to the driver, with the pickup entered.
            tryCompare(driver.ride, "state", RideController.Proposal, 10000)
            fuzzyCompare(driver.ride.pickup.lat, -6.2, 1e-9)
            tryCompare(searching, "title", "Driver found", 10000)

            // Cancel asks first, with a reason; the driver proposed is told why.
            mouseClick(findChild(panel, "cancelButton"))
            const dialog = panel.cancelDialog
            tryCompare(dialog, "opened", true)
            mouseClick(findChild(dialog.contentItem, "reason_1"))
            mouseClick(findChild(dialog.contentItem, "confirmCancelButton"))
            tryCompare(findChild(panel, "requestCard"), "visible", true)
            tryCompare(driver.ride, "state", RideController.Online, 10000)
            compare(driver.ride.cancelReason, "My plans changed")
            const banner = findChild(panel, "outcomeBanner")
            verify(banner.visible)
            verify(findChild(banner, "bannerText").text.indexOf("cancelled") >= 0)
        }

        function test_3_matchedRideAndPayment() {
            tryCompare(driver.connection.offlineQueue, "pendingCount", 0, 10000)
            mouseClick(findChild(panel, "requestButton"))
            tryCompare(driver.ride, "state", RideController.Proposal, 10000)
            driver.ride.accept()
            const driverCard = findChild(panel, "driverCard")
            tryCompare(driverCard, "visible", true, 10000)
            compare(driverCard.title, "Your driver is on the way")
            verify(findChild(panel, "cancelRideButton").visible)
            verify(!findChild(panel, "outcomeBanner").visible)

            // The driver's live position (a real position source now, ~500 m from the pickup),
            // and the way left to the pickup.
            driver.ride.simulateLocation = false
            driver.ride.setOwnLocation(-6.1955, 106.8272)
            tryVerify(() => Math.abs(ride.partnerLocation.lat + 6.1955) < 1e-6, 10000)
            verify(ride.remainingMeters > 300, "remaining " + ride.remainingMeters)
            // The map names the driver from the card (or by role), never by user id.
            const car = rideMap.markers.find(m => m.kind === "driver")
            verify(car !== undefined)
            compare(car.label, ride.partner.name !== undefined ? ride.partner.name : "Driver")
            verify(car.label !== "qml-d7")

            tryVerify(() => !driver.ride.busy, 10000)
            driver.ride.startRide()
            tryCompare(driverCard, "title", "On your way", 10000)
            verify(!findChild(panel, "cancelRideButton").visible) // on board: no cancelling

            tryVerify(() => !driver.ride.busy, 10000)
            driver.ride.arrive()
            const payment = findChild(panel, "paymentCard")
            tryCompare(payment, "visible", true, 10000)
            verify(ride.fare > 0)
            tryCompare(driver.ride, "fare", ride.fare, 10000)
            const pay = findChild(payment, "payButton")
            verify(pay.text.replace(/[^0-9]/g, "") === String(ride.fare), pay.text)
            findChild(payment, "methodBox").currentIndex = 1
            mouseClick(pay)
            // The hub took the payment: the driver sees it, by wallet.
            tryCompare(driver.ride, "state", RideController.Completed, 10000)
            compare(driver.ride.paymentMethod, "wallet")

            const done = findChild(panel, "completedCard")
            tryCompare(done, "visible", true, 10000)
            mouseClick(findChild(done, "doneButton"))
            tryCompare(findChild(panel, "requestCard"), "visible", true)
            driver.ride.finish()
        }
    }
}
