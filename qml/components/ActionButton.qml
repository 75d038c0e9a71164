// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls

// The app's button: filled in brand colour when `highlighted` (the main action of a card),
// outlined otherwise, red outline for `destructive`.
Button {
    id: control

    property bool destructive: false

    // 40 px, taller only when a long label (large font, long translation) wraps to two lines.
    implicitHeight: Math.max(40, contentItem.implicitHeight + 2 * Theme.spacingS)
    leftPadding: Theme.spacingL
    rightPadding: Theme.spacingL
    font.pixelSize: Theme.fontBody
    font.bold: true
    hoverEnabled: true

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.highlighted ? Theme.textOnPrimary : control.destructive ? Theme.danger : Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        // Wider than the screen: two lines rather than "…".
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: 8
        opacity: control.enabled ? 1 : 0.45
        color: control.highlighted
               ? (control.down ? Theme.primaryDark : control.hovered ? "#00A56A" : Theme.primary)
               : (control.down ? Theme.border : control.hovered ? Theme.surfaceAlt : Theme.surface)
        border.width: control.highlighted ? 0 : 1
        border.color: control.destructive ? "#FCA5A5" : control.visualFocus ? Theme.primary : Theme.border
    }
}
