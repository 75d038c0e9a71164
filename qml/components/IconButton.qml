// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls

// A small round icon button for light surfaces (close, dismiss).
AbstractButton {
    id: root

    property string iconName: "close"
    property color iconColor: Theme.textMuted
    property int iconSize: 16

    implicitWidth: 32
    implicitHeight: 32
    hoverEnabled: true
    focusPolicy: Qt.TabFocus

    background: Rectangle {
        radius: width / 2
        color: root.down ? Theme.border : root.hovered || root.visualFocus ? Theme.surfaceAlt : "transparent"
    }
    contentItem: Item {
        Icon {
            anchors.centerIn: parent
            width: root.iconSize
            height: root.iconSize
            name: root.iconName
            color: root.iconColor
        }
    }
}
