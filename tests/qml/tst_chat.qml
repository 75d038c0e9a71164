// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Chat

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

    TestCase {
        name: "ChatPanel"
        when: windowShown

        readonly property string user: "qml-c1"
        readonly property var chat: App.session.chat

        function initTestCase() {
            backend.signIn(user, "passenger")
            tryVerify(() => backend.ready(), 10000)
            verify(App.session.ride.requestRide({ lat: -6.1754, lng: 106.8272 }, { lat: -6.2244, lng: 106.8296 }))
            backend.push(user, "match_status", { match_id: "cm1", status: "accepted", driver_id: "qml-c9",
                                                 passenger_id: user, ride_id: "cr1" })
            tryCompare(chat, "available", true)
            compare(panel.partnerLabel, "qml-c9")
        }

        function bubble(row) {
            const list = findChild(panel, "messageList")
            // Delegates are created on the next polish.
            tryVerify(() => list.itemAtIndex(row) !== null)
            return list.itemAtIndex(row)
        }

        function cleanup() {
            backend.setAutoReply(true)
        }

        function test_1_sendPendingSentRead() {
            backend.setAutoReply(false)
            const input = findChild(panel, "messageInput")
            const send = findChild(panel, "sendButton")
            verify(!send.enabled)
            input.text = "Hello, I'm at the gate"
            verify(send.enabled)
            mouseClick(send)
            compare(input.text, "")
            const list = findChild(panel, "messageList")
            tryCompare(list, "count", 1)
            compare(findChild(bubble(0), "bodyText").text, "Hello, I'm at the gate")
            compare(findChild(bubble(0), "statusText").text, "Sending…")
            tryVerify(() => backend.receivedCount(user, "message.send") === 1)
            const request = backend.lastReceived(user, "message.send")
            compare(request.match_id, "cm1")

            backend.push(user, "message.sent", { temp_id: request.temp_id, message_id: "cmsg1", match_id: "cm1",
                                                 sent_at: backend.now() }, false)
            tryCompare(findChild(bubble(0), "statusText"), "text", "✓")
            backend.push(user, "read_update", { match_id: "cm1", message_ids: ["cmsg1"], read_by: "qml-c9",
                                                read_at: backend.now() })
            tryCompare(findChild(bubble(0), "statusText"), "text", "✓✓")
        }

        function test_2_partnerTyping() {
            const indicator = findChild(panel, "typingIndicator")
            verify(!indicator.visible)
            backend.push(user, "typing", { match_id: "cm1", is_typing: true, user_id: "qml-c9" }, false)
            tryCompare(indicator, "visible", true)
            compare(findChild(panel, "presenceText").text, "typing…")
            backend.push(user, "typing", { match_id: "cm1", is_typing: false, user_id: "qml-c9" }, false)
            tryCompare(indicator, "visible", false)
        }

        function test_3_incomingIsReadWhileShown() {
            backend.push(user, "message.new", { message_id: "cmsg2", match_id: "cm1", sender_id: "qml-c9",
                                                body: "On my way!", sent_at: backend.now() })
            tryCompare(findChild(panel, "messageList"), "count", 2)
            compare(findChild(bubble(1), "bodyText").text, "On my way!")
            verify(!findChild(bubble(1), "statusText").visible) // no ticks on the partner's messages
            tryVerify(() => backend.receivedCount(user, "message.read") === 1)
            compare(backend.lastReceived(user, "message.read").up_to_message_id, "cmsg2")
            compare(chat.unreadCount, 0)
        }

        function test_4_typingIsSentWhileTyping() {
            const input = findChild(panel, "messageInput")
            input.forceActiveFocus()
            const before = backend.receivedCount(user, "typing")
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            tryVerify(() => backend.receivedCount(user, "typing") === before + 1)
            compare(backend.lastReceived(user, "typing").is_typing, true)
            keyClick(Qt.Key_Return)
            tryCompare(findChild(panel, "messageList"), "count", 3)
            tryVerify(() => backend.lastReceived(user, "typing").is_typing === false)
        }
    }
}
