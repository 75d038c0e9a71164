// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts

// A white panel with a title; children go into a column.
Rectangle {
    id: root

    property string title
    property string subtitle
    property color accentColor: "transparent"
    default property alias content: column.data
    property alias spacing: column.spacing

    implicitWidth: column.implicitWidth + 2 * Theme.spacingL
    implicitHeight: column.implicitHeight + 2 * Theme.spacingL
    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.border

    // A coloured strip on the left marks the card's meaning (waiting, attention, done).
    Rectangle {
        visible: root.accentColor.a > 0
        width: 4
        radius: 2
        color: root.accentColor
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom; margins: 1 }
    }

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        Text {
            visible: root.title.length > 0
            text: root.title
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Text {
            visible: root.subtitle.length > 0
            text: root.subtitle
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            Layout.topMargin: -Theme.spacingS
        }
    }
}
