// SPDX-License-Identifier: MIT
pragma Singleton
import QtQuick

// Locale-aware formatting of money, distances, durations and times (Qt.locale() follows the
// app language).
QtObject {
    function money(amount, currency) {
        const number = Number(amount || 0).toLocaleString(Qt.locale(), "f", 0)
        if (!currency || currency === "IDR")
            return "Rp\u00a0" + number
        return currency + "\u00a0" + number
    }

    function distance(meters) {
        if (meters === undefined || meters === null || isNaN(meters))
            return ""
        if (meters < 1000)
            return qsTr("%1 m").arg(Math.round(meters))
        return qsTr("%1 km").arg(Number(meters / 1000).toLocaleString(Qt.locale(), "f", 1))
    }

    function duration(seconds) {
        if (seconds < 60)
            return qsTr("under a minute")
        return qsTr("%n min", "", Math.round(seconds / 60))
    }

    function time(ms) {
        return new Date(ms).toLocaleTimeString(Qt.locale(), "HH:mm")
    }

    function relative(ms, now) {
        const seconds = Math.max(0, Math.floor(((now || Date.now()) - ms) / 1000))
        if (seconds < 60)
            return qsTr("just now")
        if (seconds < 3600)
            return qsTr("%n min ago", "", Math.floor(seconds / 60))
        if (seconds < 86400)
            return qsTr("%n h ago", "", Math.floor(seconds / 3600))
        return new Date(ms).toLocaleString(Qt.locale(), "d MMM, HH:mm")
    }

    function coordinate(value) {
        return Number(value).toLocaleString(Qt.locale(), "f", 5)
    }
}
