// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components
import NebengJek.Notifications

// The top bar: who is signed in, the connection state and quality, chat, notifications,
// sign out. Compact (phones): the state above the quality, who is signed in and sign-out in
// a menu.
Rectangle {
    id: root

    property AppSession session
    property bool chatOpen: false
    property bool compact: false
    // Safe-area insets: the bar's colour reaches the screen edge, its contents stay clear.
    property real topInset: 0
    property real leftInset: 0
    property real rightInset: 0
    signal chatToggled()
    signal notificationsClicked()
    signal signOutClicked()
    signal historyClicked()

    readonly property ConnectionManager connection: session ? session.connection : null
    readonly property string identityText: session ? (session.isDriver ? qsTr("Driver") : qsTr("Passenger"))
                                                     + " · " + session.userId : ""

    // Taller if the status wraps (phone, large font).
    implicitHeight: Math.max(Theme.headerHeight, bar.implicitHeight + 2 * Theme.spacingXs) + topInset
    color: Theme.header

    RowLayout {
        id: bar
        anchors.fill: parent
        anchors.topMargin: root.topInset
        anchors.leftMargin: root.leftInset + (root.compact ? Theme.spacingM : Theme.spacingXl)
        anchors.rightMargin: root.rightInset + (root.compact ? Theme.spacingXs : Theme.spacingL)
        spacing: root.compact ? Theme.spacingXs : Theme.spacingL

        Text {
            visible: !root.compact
            text: "NebengJek"
            color: "white"
            font.pixelSize: Theme.fontLarge + 3
            font.bold: true
        }
        Rectangle {
            objectName: "roleChip"
            visible: !root.compact && root.session && root.session.userId.length > 0
            implicitWidth: roleRow.implicitWidth + 2 * Theme.spacingM
            implicitHeight: Math.max(28, roleRow.implicitHeight + Theme.spacingXs)
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
                    text: root.identityText
                    color: "white"
                    font.pixelSize: Theme.fontSmall
                }
            }
        }

        Item { visible: !root.compact; Layout.fillWidth: true }

        // Desktop: state and quality side by side; compact: one above the other.
        GridLayout {
            objectName: "connectionStatus"
            columns: root.compact ? 1 : 2
            rowSpacing: 2
            columnSpacing: Theme.spacingL
            Layout.fillWidth: root.compact
            ConnectionIndicator {
                objectName: "connectionIndicator"
                state: root.connection ? root.connection.state : ConnectionManager.SignedOut
                nextRetryMs: root.connection ? root.connection.nextRetryMs : 0
                Layout.leftMargin: root.compact ? -Theme.spacingS : 0
                // Compact: no wider than the room left by the buttons (the text wraps).
                Layout.maximumWidth: root.compact ? parent.width + Theme.spacingS : Number.POSITIVE_INFINITY
            }
            QualityIndicator {
                objectName: "qualityIndicator"
                compact: root.compact
                level: root.connection && root.connection.quality ? root.connection.quality.level
                                                                  : ConnectionQuality.Offline
                rttMs: root.connection && root.connection.quality ? root.connection.quality.rttMs : -1
            }
        }

        Rectangle { visible: !root.compact; width: 1; height: 28; color: Qt.rgba(1, 1, 1, 0.2) }

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
            objectName: "historyButton"
            visible: !root.compact
            iconName: "history"
            toolTip: qsTr("Trip history")
            onClicked: root.historyClicked()
        }
        HeaderButton {
            objectName: "signOutButton"
            visible: !root.compact
            iconName: "signout"
            toolTip: qsTr("Sign out")
            onClicked: root.signOutClicked()
        }
        HeaderButton {
            objectName: "menuButton"
            visible: root.compact
            iconName: "menu"
            toolTip: qsTr("Menu")
            checked: menu.visible
            onClicked: menu.opened ? menu.close() : menu.open()

            Menu {
                id: menu
                objectName: "headerMenu"
                y: parent.height
                x: parent.width - width
                MenuItem {
                    objectName: "identityItem"
                    text: root.identityText
                    enabled: false
                }
                MenuSeparator { }
                MenuItem {
                    objectName: "historyItem"
                    text: qsTr("Trip history")
                    onTriggered: root.historyClicked()
                }
                MenuItem {
                    objectName: "signOutItem"
                    text: qsTr("Sign out")
                    onTriggered: root.signOutClicked()
                }
            }
        }
    }
}
