// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Chat

// The chat panel of the app's passenger, on the real hub, with a partner driver writing,
// typing and reading on the other side.
Item {
    width: 400
    height: 600

    ChatPanel {
        id: panel
        anchors.fill: parent
        chat: App.session.chat
        partnerOnline: App.session.ride.partnerOnline
        shown: true
    }

    // The partner's side of the conversation: what their ticks say (ChatModel::Status).
    Repeater {
        id: partnerMessages
        model: null
        delegate: Item { required property int status; required property bool mine }
    }

    TestCase {
        name: "ChatPanel"
        when: windowShown

        readonly property string user: "qml-c1"
        readonly property var chat: App.session.chat
        readonly property int statusRead: 2 // ChatModel::Read
        property var driver: null

        function connected(session) {
            return session.signedIn && session.connection.state === ConnectionManager.Connected
        }

        function initTestCase() {
            backend.signInToHub(user, "passenger")
            tryVerify(() => backend.ready(), 10000)
            const ride = App.session.ride
            driver = backend.partner("qml-c9", "driver")
            tryVerify(() => connected(driver), 10000)
            const pickup = { lat: -6.1354, lng: 106.8272 }
            const destination = { lat: -6.1430, lng: 106.8290 }
            backend.placeCar(driver, pickup.lat + 0.004, pickup.lng - 0.002)
            driver.ride.goOnline()
            tryCompare(driver.connection.offlineQueue, "pendingCount", 0, 10000)
            tryVerify(() => {
                if (ride.state === RideController.Idle) // no_driver: the beacon was not in yet
                    ride.requestRide(pickup, destination)
                return driver.ride.state === RideController.Proposal
            }, 10000)
            driver.ride.accept()
            tryCompare(chat, "available", true, 10000)
            compare(panel.partnerLabel, "qml-c9")
            partnerMessages.model = driver.chat
        }

        function cleanupTestCase() {
            App.session.ride.cancel()
            backend.dropPartners()
        }

        function bubble(row) {
            const list = findChild(panel, "messageList")
            // Delegates are created on the next polish.
            tryVerify(() => list.itemAtIndex(row) !== null)
            return list.itemAtIndex(row)
        }

        function test_1_sendPendingSentRead() {
            const input = findChild(panel, "messageInput")
            const send = findChild(panel, "sendButton")
            verify(!send.enabled)
            // Offline for a moment (the real way to see "Sending…" for longer than a round trip).
            App.session.connection.suspend()
            input.text = "Hello, I'm at the gate"
            verify(send.enabled)
            mouseClick(send)
            compare(input.text, "")
            const list = findChild(panel, "messageList")
            tryCompare(list, "count", 1)
            compare(findChild(bubble(0), "bodyText").text, "Hello, I'm at the gate")
            compare(findChild(bubble(0), "statusText").text, "Sending…")
            App.session.connection.resume()
            // Stored by the hub: ✓; the driver has it in this conversation.
            tryCompare(findChild(bubble(0), "statusText"), "text", "✓", 10000)
            tryCompare(driver.chat, "count", 1, 10000)
            compare(driver.chat.matchId, chat.matchId)
            // The driver reads it: ✓✓.
            driver.chat.active = true
            tryCompare(findChild(bubble(0), "statusText"), "text", "✓✓", 10000)
            driver.chat.active = false
        }

        function test_2_partnerTyping() {
            const indicator = findChild(panel, "typingIndicator")
            verify(!indicator.visible)
            driver.chat.setTyping(true)
            tryCompare(indicator, "visible", true, 10000)
            compare(findChild(panel, "presenceText").text, "typing…")
            driver.chat.setTyping(false)
            tryCompare(indicator, "visible", false, 10000)
        }

        function test_3_incomingIsReadWhileShown() {
            driver.chat.send("On my way!")
            tryCompare(findChild(panel, "messageList"), "count", 2, 10000)
            compare(findChild(bubble(1), "bodyText").text, "On my way!")
            verify(!findChild(bubble(1), "statusText").visible) // no ticks on the partner's messages
            // Read at once while the panel is shown: the driver sees ✓✓ on it.
            tryVerify(() => partnerMessages.count === 2 && partnerMessages.itemAt(1).mine
                      && partnerMessages.itemAt(1).status === statusRead, 10000)
            compare(chat.unreadCount, 0)
        }

        function test_4_typingIsSentWhileTyping() {
            const input = findChild(panel, "messageInput")
            input.forceActiveFocus()
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            tryCompare(driver.chat, "partnerTyping", true, 10000)
            keyClick(Qt.Key_Return)
            tryCompare(findChild(panel, "messageList"), "count", 3)
            tryCompare(driver.chat, "count", 3, 10000)
            tryCompare(driver.chat, "partnerTyping", false, 10000)
        }
    }
}
