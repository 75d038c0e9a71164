// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Notifications

// The notification center and the bell of the app's passenger, with what the real hub raises:
// a ride with a partner driver (driver found, ride started), then the driver's chat messages
// while the passenger is offline (one notification each).
Item {
    width: 500
    height: 700

    NotificationCenter {
        id: center
        anchors.fill: parent
        model: App.session.notifications
    }
    NotificationBell {
        id: bell
        unreadCount: App.session.notifications.unreadCount
    }

    TestCase {
        name: "NotificationCenter"
        when: windowShown

        readonly property string user: "qml-n1"
        property var driver: null

        function connected(session) {
            return session.signedIn && session.connection.state === ConnectionManager.Connected
        }

        function initTestCase() {
            backend.signInToHub(user, "passenger")
            tryVerify(() => backend.ready(), 10000)
        }

        function cleanupTestCase() {
            App.session.ride.cancel()
            backend.dropPartners()
        }

        function test_1_emptyState() {
            const list = findChild(center, "notificationList")
            compare(list.count, 0)
            verify(findChild(center, "emptyText").visible)
            compare(findChild(center, "unreadSummary").text, "All caught up")
            verify(!findChild(center, "markAllReadButton").enabled)
            verify(!findChild(bell, "badge").visible)
        }

        function test_2_newestFirstAndMarkRead() {
            // A partner driver accepts ("Driver found") and starts the ride ("Ride started").
            const ride = App.session.ride
            driver = backend.partner("qml-n9", "driver")
            tryVerify(() => connected(driver), 10000)
            const pickup = { lat: -6.1254, lng: 106.8272 }
            const destination = { lat: -6.1330, lng: 106.8290 }
            backend.placeCar(driver, pickup.lat + 0.004, pickup.lng - 0.002)
            driver.ride.goOnline()
            tryCompare(driver.connection.offlineQueue, "pendingCount", 0, 10000)
            tryVerify(() => {
                if (ride.state === RideController.Idle) // no_driver: the beacon was not in yet
                    ride.requestRide(pickup, destination)
                return driver.ride.state === RideController.Proposal
            }, 10000)
            driver.ride.accept()
            tryCompare(ride, "state", RideController.Matched, 10000)
            tryVerify(() => driver.ride.remainingMeters < 1 && !driver.ride.busy, 10000)
            driver.ride.startRide()
            tryCompare(ride, "state", RideController.OnRide, 10000)

            const list = findChild(center, "notificationList")
            tryCompare(list, "count", 2, 10000)
            tryVerify(() => !findChild(center, "emptyText").visible)
            tryVerify(() => list.itemAtIndex(0) !== null && list.itemAtIndex(1) !== null)
            const first = list.itemAtIndex(0)
            compare(first.kind, "ride_started")
            compare(list.itemAtIndex(1).kind, "match_found")
            compare(App.session.notifications.unreadCount, 2)
            compare(findChild(center, "unreadSummary").text, "2 unread")
            compare(findChild(bell, "badge").label, "2")
            compare(first.read, false)

            mouseClick(first)
            tryCompare(App.session.notifications, "unreadCount", 1)
            compare(first.read, true)
            compare(findChild(bell, "badge").label, "1")
        }

        function test_3_markAllRead() {
            const button = findChild(center, "markAllReadButton")
            verify(button.enabled)
            mouseClick(button)
            compare(App.session.notifications.unreadCount, 0)
            compare(findChild(center, "unreadSummary").text, "All caught up")
            verify(!button.enabled)
            verify(!findChild(bell, "badge").visible)
        }

        function test_4_badgeCapsAt99() {
            // The passenger is offline: each of the driver's messages becomes a notification.
            App.session.connection.suspend()
            tryCompare(driver.ride, "partnerOnline", false, 10000)
            for (let i = 0; i < 120; ++i)
                driver.chat.send("New message " + i)
            tryCompare(driver.connection.offlineQueue, "pendingCount", 0, 20000)
            App.session.connection.resume()
            tryCompare(App.session.notifications, "unreadCount", 120, 20000)
            compare(findChild(bell, "badge").label, "99+")
            compare(findChild(center, "unreadSummary").text, "120 unread")
            // Newest first still.
            const list = findChild(center, "notificationList")
            tryVerify(() => list.itemAtIndex(0) !== null && list.itemAtIndex(0).body === "New message 119")
            compare(list.itemAtIndex(0).kind, "chat_message")
        }

        function test_5_closeButtonAsksToClose() {
            const spy = createTemporaryObject(spyComponent, center, { target: center, signalName: "closeRequested" })
            mouseClick(findChild(center, "closeButton"))
            compare(spy.count, 1)
        }

        Component { id: spyComponent; SignalSpy { } }
    }
}
