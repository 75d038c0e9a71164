// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// The conversation with the matched partner: messages, read receipts, typing indicator.
Rectangle {
    id: root

    property ChatModel chat
    property string partnerLabel: chat ? chat.partnerId : ""
    property bool partnerOnline: false
    // True when the panel is on screen and the window has focus: new messages count as read.
    property bool shown: visible
    // Whether this panel sets chat.active from `shown`; off where a page shows the chat in one
    // of several places and binds chat.active itself.
    property bool controlsActive: true
    signal closeRequested()

    function sendCurrent() {
        if (chat && chat.send(input.text))
            input.clear()
    }

    color: Theme.background
    onShownChanged: if (chat && controlsActive) chat.active = shown
    Component.onCompleted: if (chat && controlsActive) chat.active = shown
    Component.onDestruction: if (chat && controlsActive) chat.active = false

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 60
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.spacingL
                anchors.rightMargin: Theme.spacingS
                spacing: Theme.spacingM
                Rectangle {
                    width: 36; height: 36; radius: 18
                    color: Theme.primarySoft
                    Text {
                        anchors.centerIn: parent
                        text: root.partnerLabel.length > 0 ? root.partnerLabel.charAt(0).toUpperCase() : "?"
                        color: Theme.primaryDark
                        font.bold: true
                        font.pixelSize: Theme.fontLarge
                    }
                    Rectangle {
                        anchors { right: parent.right; bottom: parent.bottom }
                        width: 11; height: 11; radius: 6
                        border.color: Theme.surface; border.width: 2
                        color: root.partnerOnline ? Theme.success : "#94A3B8"
                    }
                }
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    Text {
                        text: root.partnerLabel
                        font.pixelSize: Theme.fontBody + 1
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Text {
                        objectName: "presenceText"
                        text: root.chat && root.chat.partnerTyping ? qsTr("typing…")
                              : root.partnerOnline ? qsTr("online") : qsTr("offline")
                        font.pixelSize: Theme.fontSmall
                        color: root.chat && root.chat.partnerTyping ? Theme.primary : Theme.textMuted
                    }
                }
                IconButton {
                    objectName: "closeChatButton"
                    onClicked: root.closeRequested()
                    Accessible.name: qsTr("Close chat")
                }
            }
            Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
        }

        ListView {
            id: messages
            objectName: "messageList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.chat
            spacing: Theme.spacingXs
            topMargin: Theme.spacingM
            bottomMargin: Theme.spacingM
            leftMargin: Theme.spacingM
            rightMargin: Theme.spacingM
            ScrollBar.vertical: ScrollBar { }
            onCountChanged: Qt.callLater(positionViewAtEnd)

            delegate: MessageBubble {
                width: ListView.view.width - ListView.view.leftMargin - ListView.view.rightMargin
                maxBubbleWidth: width * 0.8
                onRetryRequested: root.chat.retry(tempId)
            }

            Text {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingXl
                visible: messages.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: qsTr("Say hello to %1. Messages stay between the two of you for this ride.").arg(root.partnerLabel)
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall + 1
            }
        }

        // Typing indicator
        Item {
            Layout.fillWidth: true
            implicitHeight: typingRow.visible ? 24 : 0
            RowLayout {
                id: typingRow
                objectName: "typingIndicator"
                visible: root.chat && root.chat.partnerTyping
                anchors.left: parent.left
                anchors.leftMargin: Theme.spacingL
                spacing: 3
                Repeater {
                    model: 3
                    Rectangle {
                        required property int index
                        width: 6; height: 6; radius: 3
                        color: Theme.textMuted
                        SequentialAnimation on opacity {
                            running: typingRow.visible
                            loops: Animation.Infinite
                            PauseAnimation { duration: index * 150 }
                            NumberAnimation { to: 0.2; duration: 300 }
                            NumberAnimation { to: 1; duration: 300 }
                            PauseAnimation { duration: (2 - index) * 150 }
                        }
                    }
                }
                Text {
                    text: qsTr("%1 is typing…").arg(root.partnerLabel)
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                    Layout.leftMargin: Theme.spacingXs
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: inputRow.implicitHeight + 2 * Theme.spacingM
            color: Theme.surface
            Rectangle { width: parent.width; height: 1; color: Theme.border }
            RowLayout {
                id: inputRow
                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingS
                TextField {
                    id: input
                    objectName: "messageInput"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Write a message")
                    maximumLength: 2000
                    enabled: root.chat && root.chat.available
                    onTextEdited: if (root.chat) root.chat.setTyping(text.length > 0)
                    onAccepted: root.sendCurrent()
                }
                RoundButton {
                    objectName: "sendButton"
                    enabled: input.text.trim().length > 0
                    highlighted: true
                    implicitWidth: 40
                    implicitHeight: 40
                    contentItem: Item {
                        Icon { anchors.centerIn: parent; width: 18; height: 18; name: "send"; color: "white" }
                    }
                    onClicked: root.sendCurrent()
                    Accessible.name: qsTr("Send")
                }
            }
        }
    }
}
