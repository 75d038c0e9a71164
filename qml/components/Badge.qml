// SPDX-License-Identifier: MIT
import QtQuick

// An unread-count bubble: hidden at 0, "99+" above 99.
Rectangle {
    id: root

    property int count: 0
    readonly property string label: count > 99 ? "99+" : String(count)

    visible: count > 0
    height: 18
    width: Math.max(height, countText.implicitWidth + 10)
    radius: height / 2
    color: Theme.danger
    border.color: Theme.surface
    border.width: 2

    Text {
        id: countText
        anchors.centerIn: parent
        text: root.label
        color: "white"
        font.pixelSize: 10
        font.bold: true
    }
}
