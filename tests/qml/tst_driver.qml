// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Ride

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

        function proposal(matchId, expiresInMs) {
            return {
                match_id: matchId, driver_id: user, passenger_id: "qml-p9",
                pickup: { lat: -6.1754, lng: 106.8272 }, destination: { lat: -6.2244, lng: 106.8296 },
                distance_m: 900, expires_at: backend.now() + expiresInMs
            }
        }

        function initTestCase() {
            backend.signIn(user, "driver")
            tryVerify(() => backend.ready() && App.session.isDriver, 10000)
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
            tryVerify(() => backend.receivedCount(user, "beacon_update") === 1)
            compare(backend.lastReceived(user, "beacon_update").is_active, true)

            backend.push(user, "match_proposal", proposal("qm1", 15000))
            const card = findChild(panel, "proposalCard")
            tryCompare(card, "visible", true)
            const seconds = Number(findChild(card, "secondsText").text)
            verify(seconds >= 13 && seconds <= 15, "seconds: " + seconds)
            verify(!onlineSwitch.enabled) // answer first
            mouseClick(findChild(card, "acceptButton"))
            tryVerify(() => backend.receivedCount(user, "match_confirm") === 1)
            compare(backend.lastReceived(user, "match_confirm").accepted, true)
            compare(backend.lastReceived(user, "match_confirm").match_id, "qm1")

            backend.push(user, "match_status", { match_id: "qm1", status: "accepted", driver_id: user,
                                                 passenger_id: "qml-p9", ride_id: "qr1" })
            const pickupCard = findChild(panel, "pickupCard")
            tryCompare(pickupCard, "visible", true)
            verify(!card.visible)
            verify(!availability.visible)
            compare(pickupCard.subtitle, "Monas")

            mouseClick(findChild(panel, "startRideButton"))
            tryVerify(() => backend.receivedCount(user, "ride_start") === 1)
            compare(backend.lastReceived(user, "ride_start").ride_id, "qr1")
            backend.push(user, "ride_pickup", { ride_id: "qr1", driver_id: user, passenger_id: "qml-p9",
                                                started_at: backend.now() })
            const onRide = findChild(panel, "onRideCard")
            tryCompare(onRide, "visible", true)
            compare(onRide.subtitle, "Kuningan City")

            mouseClick(findChild(panel, "arriveButton"))
            tryVerify(() => backend.receivedCount(user, "ride_arrived") === 1)
            backend.push(user, "payment_request", { ride_id: "qr1", distance_m: 5400, fare: 18500, currency: "IDR" })
            const waiting = findChild(panel, "awaitingPaymentCard")
            tryCompare(waiting, "visible", true)

            backend.push(user, "ride_completed", { ride_id: "qr1", fare: 18500, distance_m: 5400,
                                                   completed_at: backend.now() })
            const done = findChild(panel, "completedCard")
            tryCompare(done, "visible", true)
            mouseClick(findChild(done, "doneButton"))
            tryCompare(availability, "visible", true)
            compare(ride.state, RideController.Online)
        }

        function test_2_expiredProposalSaysSo() {
            backend.push(user, "match_proposal", proposal("qm2", 1500))
            tryCompare(findChild(panel, "proposalCard"), "visible", true)
            const banner = findChild(panel, "outcomeBanner")
            tryCompare(banner, "visible", true, 5000)
            verify(findChild(banner, "bannerText").text.indexOf("expired") >= 0)
            verify(!findChild(panel, "proposalCard").visible)
            mouseClick(findChild(banner, "dismissButton"))
            verify(!banner.visible)
        }

        function test_3_rejectAndGoOffline() {
            backend.push(user, "match_proposal", proposal("qm3", 15000))
            const card = findChild(panel, "proposalCard")
            tryCompare(card, "visible", true)
            const confirms = backend.receivedCount(user, "match_confirm")
            mouseClick(findChild(card, "rejectButton"))
            verify(!card.visible)
            tryVerify(() => backend.receivedCount(user, "match_confirm") === confirms + 1)
            compare(backend.lastReceived(user, "match_confirm").accepted, false)
            mouseClick(findChild(panel, "onlineSwitch"))
            tryCompare(ride, "online", false)
            tryVerify(() => backend.lastReceived(user, "beacon_update").is_active === false)
        }
    }
}
