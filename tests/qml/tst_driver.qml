// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Ride

// The driver panel of the app's driver on the real hub; a partner passenger asks for the rides
// (Monas -> Kuningan City) and pays.
Item {
    width: 420
    height: 1000

    DriverPanel {
        id: panel
        width: 380
        height: 1000
        controller: App.session.ride
    }

    TestCase {
        name: "DriverPanel"
        when: windowShown

        readonly property string user: "qml-d1"
        readonly property var ride: App.session.ride
        readonly property var pickup: ({ lat: -6.1754, lng: 106.8272 })
        readonly property var destination: ({ lat: -6.2244, lng: 106.8296 })
        property var passenger: null

        function connected(session) {
            return session.signedIn && session.connection.state === ConnectionManager.Connected
        }

        function initTestCase() {
            backend.signInToHub(user, "driver")
            tryVerify(() => backend.ready() && App.session.isDriver, 10000)
            backend.placeCar(App.session, pickup.lat + 0.004, pickup.lng - 0.002)
            backend.fastCar(App.session)
            passenger = backend.partner("qml-p9", "passenger")
            tryVerify(() => connected(passenger), 10000)
        }

        function cleanupTestCase() {
            ride.goOffline()
            backend.dropPartners()
        }

        // The partner passenger asks until the proposal is on the card.
        function proposed() {
            const card = findChild(panel, "proposalCard")
            tryVerify(() => {
                if (passenger.ride.state === RideController.Idle)
                    passenger.ride.requestRide(pickup, destination)
                return card.visible
            }, 10000)
            return card
        }

        function test_1_wholeRide() {
            const onlineSwitch = findChild(panel, "onlineSwitch")
            const availability = findChild(panel, "availabilityCard")
            verify(availability.visible)
            compare(onlineSwitch.checked, false)
            compare(availability.title, "You are offline")

            mouseClick(onlineSwitch)
            tryCompare(ride, "online", true)
            compare(availability.title, "You are online")
            // The hub acknowledged the beacon.
            tryCompare(App.session.connection.offlineQueue, "pendingCount", 0, 10000)

            const card = proposed()
            const seconds = Number(findChild(card, "secondsText").text)
            verify(seconds >= 12 && seconds <= 15, "seconds: " + seconds)
            verify(!onlineSwitch.enabled) // answer first
            mouseClick(findChild(card, "acceptButton"))

            const pickupCard = findChild(panel, "pickupCard")
            tryCompare(pickupCard, "visible", true, 10000)
            verify(!card.visible)
            verify(!availability.visible)
            compare(pickupCard.subtitle, "Monas")
            tryCompare(passenger.ride, "state", RideController.Matched, 10000)

            tryVerify(() => !ride.busy, 10000)
            mouseClick(findChild(panel, "startRideButton"))
            const onRide = findChild(panel, "onRideCard")
            tryCompare(onRide, "visible", true, 10000)
            compare(onRide.subtitle, "Kuningan City")
            tryCompare(passenger.ride, "state", RideController.OnRide, 10000)

            tryVerify(() => !ride.busy, 10000)
            mouseClick(findChild(panel, "arriveButton"))
            const waiting = findChild(panel, "awaitingPaymentCard")
            tryCompare(waiting, "visible", true, 10000)

            tryCompare(passenger.ride, "state", RideController.AwaitingPayment, 10000)
            passenger.ride.pay("cash")
            const done = findChild(panel, "completedCard")
            tryCompare(done, "visible", true, 10000)
            mouseClick(findChild(done, "doneButton"))
            tryCompare(availability, "visible", true)
            compare(ride.state, RideController.Online)
            passenger.ride.finish()
        }

        function test_2_expiredProposalSaysSo() {
            // Unanswered: the hub gives a driver 15 s.
            proposed()
            const banner = findChild(panel, "outcomeBanner")
            tryCompare(banner, "visible", true, 20000)
            verify(findChild(banner, "bannerText").text.indexOf("expired") >= 0)
            verify(!findChild(panel, "proposalCard").visible)
            mouseClick(findChild(banner, "dismissButton"))
            verify(!banner.visible)
            // The passenger heard no driver answered.
            tryCompare(passenger.ride, "state", RideController.Idle, 10000)
        }

        function test_3_rejectAndGoOffline() {
            const card = proposed()
            mouseClick(findChild(card, "rejectButton"))
            verify(!card.visible)
            // The hub has the answer: the only driver declined, the passenger hears so.
            tryCompare(passenger.ride, "state", RideController.Idle, 10000)
            compare(ride.state, RideController.Online)
            mouseClick(findChild(panel, "onlineSwitch"))
            tryCompare(ride, "online", false)
            tryCompare(App.session.connection.offlineQueue, "pendingCount", 0, 10000)
            // Off duty: the next request finds no one, and nothing reaches this panel.
            verify(passenger.ride.requestRide(pickup, destination))
            tryVerify(() => passenger.ride.state === RideController.Idle
                      && passenger.ride.lastOutcome === "no_driver", 10000)
            verify(!findChild(panel, "proposalCard").visible)
        }
    }
}
