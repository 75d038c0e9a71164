// SPDX-License-Identifier: MIT
import QtQuick

// Small line icons drawn on a canvas (no icon theme or font is guaranteed on every desktop).
Canvas {
    id: root

    // bell, chat, signout, send, close, pin, person, car, check, menu, history, star
    property string name
    property color color: Theme.text
    property real lineWidth: Math.max(1.5, width / 12)

    implicitWidth: 20
    implicitHeight: 20
    onNameChanged: requestPaint()
    onColorChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        const w = width, h = height
        ctx.reset()
        ctx.strokeStyle = color
        ctx.fillStyle = color
        ctx.lineWidth = lineWidth
        ctx.lineCap = "round"
        ctx.lineJoin = "round"
        ctx.beginPath()
        switch (name) {
        case "bell":
            ctx.moveTo(w * 0.2, h * 0.72)
            ctx.lineTo(w * 0.8, h * 0.72)
            ctx.moveTo(w * 0.27, h * 0.72)
            ctx.lineTo(w * 0.27, h * 0.45)
            ctx.bezierCurveTo(w * 0.27, h * 0.12, w * 0.73, h * 0.12, w * 0.73, h * 0.45)
            ctx.lineTo(w * 0.73, h * 0.72)
            ctx.stroke()
            ctx.beginPath()
            ctx.arc(w * 0.5, h * 0.8, w * 0.08, 0, Math.PI)
            ctx.stroke()
            break
        case "chat":
            ctx.moveTo(w * 0.18, h * 0.22)
            ctx.lineTo(w * 0.82, h * 0.22)
            ctx.lineTo(w * 0.82, h * 0.66)
            ctx.lineTo(w * 0.45, h * 0.66)
            ctx.lineTo(w * 0.28, h * 0.82)
            ctx.lineTo(w * 0.28, h * 0.66)
            ctx.lineTo(w * 0.18, h * 0.66)
            ctx.closePath()
            ctx.stroke()
            break
        case "signout":
            ctx.moveTo(w * 0.45, h * 0.2)
            ctx.lineTo(w * 0.2, h * 0.2)
            ctx.lineTo(w * 0.2, h * 0.8)
            ctx.lineTo(w * 0.45, h * 0.8)
            ctx.moveTo(w * 0.4, h * 0.5)
            ctx.lineTo(w * 0.85, h * 0.5)
            ctx.moveTo(w * 0.7, h * 0.35)
            ctx.lineTo(w * 0.85, h * 0.5)
            ctx.lineTo(w * 0.7, h * 0.65)
            ctx.stroke()
            break
        case "send":
            ctx.moveTo(w * 0.15, h * 0.2)
            ctx.lineTo(w * 0.88, h * 0.5)
            ctx.lineTo(w * 0.15, h * 0.8)
            ctx.lineTo(w * 0.28, h * 0.5)
            ctx.closePath()
            ctx.fill()
            break
        case "close":
            ctx.moveTo(w * 0.25, h * 0.25)
            ctx.lineTo(w * 0.75, h * 0.75)
            ctx.moveTo(w * 0.75, h * 0.25)
            ctx.lineTo(w * 0.25, h * 0.75)
            ctx.stroke()
            break
        case "check":
            ctx.moveTo(w * 0.2, h * 0.52)
            ctx.lineTo(w * 0.42, h * 0.74)
            ctx.lineTo(w * 0.82, h * 0.28)
            ctx.stroke()
            break
        case "pin":
            ctx.arc(w * 0.5, h * 0.4, w * 0.26, Math.PI * 0.85, Math.PI * 2.15)
            ctx.lineTo(w * 0.5, h * 0.92)
            ctx.closePath()
            ctx.fill()
            ctx.beginPath()
            ctx.fillStyle = "white"
            ctx.arc(w * 0.5, h * 0.4, w * 0.1, 0, Math.PI * 2)
            ctx.fill()
            break
        case "person":
            ctx.arc(w * 0.5, h * 0.34, w * 0.16, 0, Math.PI * 2)
            ctx.stroke()
            ctx.beginPath()
            ctx.moveTo(w * 0.2, h * 0.85)
            ctx.bezierCurveTo(w * 0.2, h * 0.55, w * 0.8, h * 0.55, w * 0.8, h * 0.85)
            ctx.stroke()
            break
        case "car":
            ctx.moveTo(w * 0.12, h * 0.66)
            ctx.lineTo(w * 0.12, h * 0.48)
            ctx.lineTo(w * 0.26, h * 0.46)
            ctx.lineTo(w * 0.36, h * 0.28)
            ctx.lineTo(w * 0.66, h * 0.28)
            ctx.lineTo(w * 0.78, h * 0.46)
            ctx.lineTo(w * 0.88, h * 0.5)
            ctx.lineTo(w * 0.88, h * 0.66)
            ctx.closePath()
            ctx.stroke()
            ctx.beginPath()
            ctx.arc(w * 0.3, h * 0.68, w * 0.08, 0, Math.PI * 2)
            ctx.fill()
            ctx.beginPath()
            ctx.arc(w * 0.7, h * 0.68, w * 0.08, 0, Math.PI * 2)
            ctx.fill()
            break
        case "menu":
            for (const y of [0.28, 0.5, 0.72]) {
                ctx.moveTo(w * 0.2, h * y)
                ctx.lineTo(w * 0.8, h * y)
            }
            ctx.stroke()
            break
        case "history": // a clock
            ctx.arc(w * 0.5, h * 0.5, w * 0.32, 0, Math.PI * 2)
            ctx.moveTo(w * 0.5, h * 0.3)
            ctx.lineTo(w * 0.5, h * 0.5)
            ctx.lineTo(w * 0.64, h * 0.6)
            ctx.stroke()
            break
        case "star": // filled; an outline when lineWidth matters less than the shape
            for (let i = 0; i < 10; ++i) {
                const r = (i % 2 === 0 ? 0.45 : 0.19) * w
                const a = -Math.PI / 2 + i * Math.PI / 5
                const x = w * 0.5 + r * Math.cos(a), y = h * 0.53 + r * Math.sin(a)
                if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y)
            }
            ctx.closePath()
            ctx.fill()
            break
        default:
            break
        }
    }
}
