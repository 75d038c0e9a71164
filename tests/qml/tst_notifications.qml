// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Notifications

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

        function initTestCase() {
            backend.signIn(user, "passenger")
            tryVerify(() => backend.ready(), 10000)
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
            backend.pushNotification(user, "ride_started", "Ride started", "Enjoy the ride", 30)
            backend.pushNotification(user, "payment_requested", "Payment requested", "Rp 12.500", 5)
            const list = findChild(center, "notificationList")
            tryCompare(list, "count", 2)
            tryVerify(() => !findChild(center, "emptyText").visible)
            tryVerify(() => list.itemAtIndex(0) !== null && list.itemAtIndex(1) !== null)
            const first = list.itemAtIndex(0)
            compare(first.kind, "payment_requested")
            compare(list.itemAtIndex(1).kind, "ride_started")
            compare(App.session.notifications.unreadCount, 2)
            compare(findChild(center, "unreadSummary").text, "2 unread")
            compare(findChild(bell, "badge").label, "2")
            compare(first.read, false)

            mouseClick(first)
            tryCompare(App.session.notifications, "unreadCount", 1)
            compare(first.read, true)
            tryVerify(() => backend.receivedCount(user, "notification.mark_read") === 1)
            compare(Number(backend.lastReceived(user, "notification.mark_read").ids[0]), Number(first.notificationId))
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
            tryVerify(() => backend.receivedCount(user, "notification.mark_all_read") === 1)
        }

        function test_4_badgeCapsAt99() {
            for (let i = 0; i < 120; ++i)
                backend.pushNotification(user, "chat_message", "New message " + i, "", 0)
            tryCompare(App.session.notifications, "unreadCount", 120, 10000)
            compare(findChild(bell, "badge").label, "99+")
            compare(findChild(center, "unreadSummary").text, "120 unread")
            // Newest first still.
            const list = findChild(center, "notificationList")
            tryVerify(() => list.itemAtIndex(0) !== null && list.itemAtIndex(0).title === "New message 119")
        }

        function test_5_closeButtonAsksToClose() {
            const spy = createTemporaryObject(spyComponent, center, { target: center, signalName: "closeRequested" })
            mouseClick(findChild(center, "closeButton"))
            compare(spy.count, 1)
        }

        Component { id: spyComponent; SignalSpy { } }
    }
}
