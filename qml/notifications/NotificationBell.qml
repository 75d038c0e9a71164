// SPDX-License-Identifier: MIT
import QtQuick
import NebengJek.Components

// The bell in the header: unread count as a badge ("99+" above 99).
HeaderButton {
    property int unreadCount: 0

    iconName: "bell"
    badgeCount: unreadCount
    toolTip: unreadCount > 0 ? qsTr("Notifications (%1 unread)").arg(unreadCount > 99 ? "99+" : unreadCount)
                             : qsTr("Notifications")
}
