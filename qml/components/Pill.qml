// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts

// A rounded label with an optional status dot.
Rectangle {
    id: root

    property alias text: label.text
    property color dotColor: "transparent"
    property color textColor: Theme.text
    property bool pulsing: false

    implicitWidth: row.implicitWidth + 2 * Theme.spacingM
    // Taller when the text wraps (a narrow header, a large font).
    implicitHeight: Math.max(28, label.height + 10)
    radius: Math.min(height / 2, 14)

    RowLayout {
        id: row
        anchors.centerIn: parent
        width: Math.min(implicitWidth, root.width - 2 * Theme.spacingM)
        spacing: Theme.spacingS

        Rectangle {
            id: dot
            visible: root.dotColor.a > 0
            width: 8
            height: 8
            radius: 4
            color: root.dotColor

            SequentialAnimation on opacity {
                running: root.pulsing && root.visible
                loops: Animation.Infinite
                NumberAnimation { to: 0.25; duration: 600 }
                NumberAnimation { to: 1; duration: 600 }
                onStopped: dot.opacity = 1
            }
        }
        Text {
            id: label
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: root.textColor
            font.pixelSize: Theme.fontSmall
            font.bold: true
        }
    }
}
