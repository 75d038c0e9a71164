// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts
import NebengJek.Core

// Signal bars plus the level and the smoothed round-trip time.
RowLayout {
    id: root

    property int level: ConnectionQuality.Offline
    property int rttMs: -1
    property color textColor: "white"
    // Narrow headers: the bars and the round-trip time only (the bars' colour is the level).
    property bool compact: false

    readonly property int bars: {
        switch (level) {
        case ConnectionQuality.Excellent: return 4
        case ConnectionQuality.Good: return 3
        case ConnectionQuality.Fair: return 2
        case ConnectionQuality.Poor: return 1
        default: return 0
        }
    }
    readonly property string levelText: {
        switch (level) {
        case ConnectionQuality.Excellent: return qsTr("EXCELLENT")
        case ConnectionQuality.Good: return qsTr("GOOD")
        case ConnectionQuality.Fair: return qsTr("FAIR")
        case ConnectionQuality.Poor: return qsTr("POOR")
        default: return qsTr("OFFLINE")
        }
    }
    readonly property string label: level !== ConnectionQuality.Offline && rttMs >= 0
                                    ? (compact ? qsTr("%1 ms").arg(rttMs) : qsTr("%1 · %2 ms").arg(levelText).arg(rttMs))
                                    : (compact ? "" : levelText)

    spacing: Theme.spacingS

    Row {
        spacing: 2
        Layout.alignment: Qt.AlignVCenter
        Repeater {
            model: 4
            Rectangle {
                required property int index
                width: 4
                height: 5 + index * 3
                y: 14 - height
                radius: 1
                color: index < root.bars ? Theme.qualityColors[root.level] : Qt.rgba(1, 1, 1, 0.28)
            }
        }
    }
    Text {
        objectName: "qualityLabel"
        visible: text.length > 0
        text: root.label
        color: root.textColor
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }
}
