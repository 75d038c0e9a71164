// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components
import NebengJek.Notifications

// The top bar: who is signed in, the connection state and quality, chat, notifications,
// sign out.
Rectangle {
    id: root

    property AppSession session
    property bool chatOpen: false
    signal chatToggled()
    signal notificationsClicked()
    signal signOutClicked()

    readonly property ConnectionManager connection: session ? session.connection : null

    implicitHeight: Theme.headerHeight
    color: Theme.header

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingXl
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingL

        Text {
            text: "NebengJek"
            color: "white"
            font.pixelSize: Theme.fontLarge + 3
            font.bold: true
        }
        Rectangle {
            objectName: "roleChip"
            visible: root.session && root.session.userId.length > 0
            implicitWidth: roleRow.implicitWidth + 2 * Theme.spacingM
            implicitHeight: 28
            radius: 14
            color: Qt.rgba(1, 1, 1, 0.12)
            RowLayout {
                id: roleRow
                anchors.centerIn: parent
                spacing: Theme.spacingS
                Icon {
                    name: root.session && root.session.isDriver ? "car" : "person"
                    color: "white"
                    Layout.preferredWidth: 16
                    Layout.preferredHeight: 16
                }
                Text {
                    text: root.session ? (root.session.isDriver ? qsTr("Driver") : qsTr("Passenger"))
                                         + " · " + root.session.userId : ""
                    color: "white"
                    font.pixelSize: Theme.fontSmall
                }
            }
        }

        Item { Layout.fillWidth: true }

        ConnectionIndicator {
            objectName: "connectionIndicator"
            state: root.connection ? root.connection.state : ConnectionManager.SignedOut
            nextRetryMs: root.connection ? root.connection.nextRetryMs : 0
        }
        QualityIndicator {
            objectName: "qualityIndicator"
            level: root.connection && root.connection.quality ? root.connection.quality.level
                                                              : ConnectionQuality.Offline
            rttMs: root.connection && root.connection.quality ? root.connection.quality.rttMs : -1
        }

        Rectangle { width: 1; height: 28; color: Qt.rgba(1, 1, 1, 0.2) }

        HeaderButton {
            objectName: "chatButton"
            visible: root.session && root.session.chat.available
            iconName: "chat"
            checked: root.chatOpen
            badgeCount: root.session ? root.session.chat.unreadCount : 0
            toolTip: qsTr("Chat")
            onClicked: root.chatToggled()
        }
        NotificationBell {
            objectName: "notificationBell"
            unreadCount: root.session ? root.session.notifications.unreadCount : 0
            onClicked: root.notificationsClicked()
        }
        HeaderButton {
            objectName: "signOutButton"
            iconName: "signout"
            toolTip: qsTr("Sign out")
            onClicked: root.signOutClicked()
        }
    }
}
