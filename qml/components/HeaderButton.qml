// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls

// A round icon button for the dark header, with an optional count badge.
AbstractButton {
    id: root

    property string iconName
    property int badgeCount: 0
    property string toolTip

    implicitWidth: 40
    implicitHeight: 40
    hoverEnabled: true
    Accessible.name: toolTip

    background: Rectangle {
        radius: width / 2
        color: root.checked ? Qt.rgba(1, 1, 1, 0.24)
             : root.down ? Qt.rgba(1, 1, 1, 0.2)
             : root.hovered ? Qt.rgba(1, 1, 1, 0.12) : "transparent"
    }
    contentItem: Item {
        Icon {
            anchors.centerIn: parent
            width: 22
            height: 22
            name: root.iconName
            color: "white"
        }
    }
    Badge {
        objectName: "badge"
        count: root.badgeCount
        anchors { right: parent.right; top: parent.top; rightMargin: -4; topMargin: 0 }
    }
    ToolTip.visible: hovered && toolTip.length > 0
    ToolTip.text: toolTip
    ToolTip.delay: 500
}
