// SPDX-License-Identifier: MIT
pragma Singleton
import QtQuick
import NebengJek.Core

// One palette and one spacing scale for every screen.
QtObject {
    // Brand and state colours
    readonly property color primary: "#00965E"
    readonly property color primaryDark: "#007549"
    readonly property color primarySoft: "#E3F5EC"
    readonly property color accent: "#F59E0B"
    readonly property color danger: "#DC2626"
    readonly property color dangerSoft: "#FDECEC"
    readonly property color warning: "#D97706"
    readonly property color warningSoft: "#FEF3C7"
    readonly property color info: "#2563EB"
    readonly property color infoSoft: "#E0EAFF"
    readonly property color success: "#16A34A"

    // Surfaces and text
    readonly property color background: "#F3F5F7"
    readonly property color surface: "#FFFFFF"
    readonly property color surfaceAlt: "#F8FAFC"
    readonly property color border: "#E2E8F0"
    readonly property color text: "#1E293B"
    readonly property color textMuted: "#64748B"
    readonly property color textOnPrimary: "#FFFFFF"
    readonly property color header: "#0F3D2E"

    // Map
    readonly property color mapLand: "#EEF2E6"
    readonly property color mapRoad: "#FFFFFF"
    readonly property color mapRoadMajor: "#FDE7B0"
    readonly property color mapWater: "#CFE3F5"
    readonly property color mapPark: "#D8EBCB"
    readonly property color pickup: "#00965E"
    readonly property color destination: "#DC2626"
    readonly property color driver: "#2563EB"

    // Connection quality levels (ConnectionQuality.Level order)
    readonly property var qualityColors: ["#16A34A", "#65A30D", "#D97706", "#DC2626", "#94A3B8"]

    // Spacing scale
    readonly property int spacingXs: 4
    readonly property int spacingS: 8
    readonly property int spacingM: 12
    readonly property int spacingL: 16
    readonly property int spacingXl: 24
    readonly property int radius: 10
    readonly property int radiusSmall: 6

    // Type scale, times the user's font scale (App.fontScale: the system's, or --font-scale).
    readonly property real fontScale: App.fontScale > 0 ? App.fontScale : 1
    readonly property int fontSmall: Math.round(12 * fontScale)
    readonly property int fontBody: Math.round(14 * fontScale)
    readonly property int fontLarge: Math.round(17 * fontScale)
    readonly property int fontTitle: Math.round(22 * fontScale)
    readonly property int fontDisplay: Math.round(30 * fontScale)

    // Below this window width the app is one column: the map with a bottom sheet, a compact
    // header. 720 leaves room for the desktop header's brand, status and buttons.
    readonly property int compactWidth: 720
    // Below this the header is compact (the full one needs ~930 px in Indonesian).
    readonly property int compactHeaderWidth: 1000
    readonly property int headerHeight: Math.max(60, Math.round(2 * fontSmall + 32))
    readonly property int sidePanelWidth: 380
    readonly property int chatPanelWidth: 360
}
