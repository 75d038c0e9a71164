// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A segmented switch: one of a few options, the chosen one filled.
Rectangle {
    id: root

    property var options: []
    property int currentIndex: 0
    signal activated(int index)

    implicitHeight: Math.max(40, row.implicitHeight + 6)
    implicitWidth: 240
    radius: 8
    color: Theme.surfaceAlt
    border.color: Theme.border

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 3
        spacing: 3
        Repeater {
            model: root.options
            delegate: AbstractButton {
                id: option
                required property int index
                required property string modelData
                objectName: "option_" + index
                Layout.fillWidth: true
                Layout.fillHeight: true
                checkable: true
                checked: root.currentIndex === index
                hoverEnabled: true
                text: modelData
                Accessible.role: Accessible.RadioButton
                padding: 4
                onClicked: {
                    root.currentIndex = index
                    root.activated(index)
                }
                background: Rectangle {
                    radius: 6
                    color: option.checked ? Theme.primary : option.hovered ? Theme.border : "transparent"
                }
                contentItem: Text {
                    text: option.text
                    color: option.checked ? Theme.textOnPrimary : Theme.text
                    font.pixelSize: Theme.fontBody
                    font.bold: option.checked
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
