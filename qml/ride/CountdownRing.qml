// SPDX-License-Identifier: MIT
import QtQuick
import NebengJek.Components

// Seconds left to answer, as a ring that empties.
Item {
    id: root

    property int secondsLeft: 0
    property int totalSeconds: 15
    readonly property real fraction: totalSeconds > 0 ? Math.max(0, Math.min(1, secondsLeft / totalSeconds)) : 0
    readonly property color ringColor: secondsLeft <= 5 ? Theme.danger : Theme.accent

    implicitWidth: 64
    implicitHeight: 64
    onFractionChanged: canvas.requestPaint()
    onRingColorChanged: canvas.requestPaint()

    Canvas {
        id: canvas
        anchors.fill: parent
        onPaint: {
            const ctx = getContext("2d")
            const r = Math.min(width, height) / 2 - 4
            ctx.reset()
            ctx.lineWidth = 6
            ctx.strokeStyle = Theme.border
            ctx.beginPath()
            ctx.arc(width / 2, height / 2, r, 0, 2 * Math.PI)
            ctx.stroke()
            ctx.strokeStyle = root.ringColor
            ctx.lineCap = "round"
            ctx.beginPath()
            ctx.arc(width / 2, height / 2, r, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * root.fraction)
            ctx.stroke()
        }
    }
    Text {
        objectName: "secondsText"
        anchors.centerIn: parent
        text: root.secondsLeft
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: root.ringColor
    }
}
