// SPDX-License-Identifier: MIT
pragma Singleton
import QtQuick
import NebengJek.Components

// Sentences for ride outcomes and places, shared by the driver and passenger panels.
QtObject {
    function outcome(outcome, isDriver) {
        switch (outcome) {
        case "no_driver": return qsTr("No driver is available near the pickup right now. Try again in a moment.")
        case "expired": return isDriver ? qsTr("The request expired before it was answered.")
                                        : qsTr("A driver did not answer in time. Still looking…")
        case "rejected": return isDriver ? qsTr("You declined the request.")
                                         : qsTr("A driver declined. Still looking…")
        case "cancelled": return isDriver ? qsTr("The passenger cancelled the ride.")
                                          : qsTr("The ride request was cancelled.")
        default: return ""
        }
    }

    function place(point) {
        if (!point || point.lat === undefined)
            return ""
        const name = Places.nameAt(point.lat, point.lng)
        return name.length > 0 ? name : Number(point.lat).toLocaleString(Qt.locale(), "f", 5) + ", "
                                        + Number(point.lng).toLocaleString(Qt.locale(), "f", 5)
    }
}
