// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts
import NebengJek.Components

// "Label ........ value" on one line.
RowLayout {
    property alias label: labelText.text
    property alias value: valueText.text
    objectName: "infoRow"
    property color dotColor: "transparent"
    property bool strong: false

    spacing: Theme.spacingS
    Layout.fillWidth: true

    Rectangle {
        objectName: "dot"
        visible: parent.dotColor.a > 0
        Layout.preferredWidth: 10
        Layout.preferredHeight: 10
        radius: 5
        color: parent.dotColor
    }
    Text {
        id: labelText
        Layout.alignment: Qt.AlignTop
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
    }
    Text {
        id: valueText
        objectName: "value"
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignRight
        color: Theme.text
        font.pixelSize: parent.strong ? Theme.fontLarge : Theme.fontBody
        font.bold: parent.strong
        // Long place names and translations wrap instead of being cut off (phones).
        wrapMode: Text.Wrap
    }
}
