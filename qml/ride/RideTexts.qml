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
        case "driver_cancelled": return isDriver ? qsTr("You cancelled the ride. The passenger is matched with another driver.")
                                                 : qsTr("Your driver cancelled. We are finding you another driver.")
        default: return ""
        }
    }

    // The outcome with the reason the other party gave, when there is one.
    function outcomeWithReason(name, isDriver, reason) {
        const text = outcome(name, isDriver)
        if (!reason || reason.length === 0 || text.length === 0)
            return text
        return qsTr("%1 Reason: %2").arg(text).arg(reason)
    }

    // "★ 4,8 (12)" in the locale's number format; "new" before the first rating.
    function rating(average, count) {
        if (average === undefined || average === null || !(count > 0))
            return qsTr("New, not rated yet")
        return "★ " + Number(average).toLocaleString(Qt.locale(), "f", 1) + " (" + Number(count).toLocaleString(Qt.locale(), "f", 0) + ")"
    }

    // An action taken while the connection is down (RideController.queuedAction): it goes out
    // as soon as the app is back online, and nothing happened yet.
    function queued(action) {
        switch (action) {
        case "request": return qsTr("You are offline. Your ride request will be sent when you are back online.")
        case "cancel": return qsTr("You are offline. The cancellation will be sent when you are back online.")
        case "accept": return qsTr("You are offline. Your answer will be sent when you are back online.")
        case "start": return qsTr("You are offline. The ride start will be sent when you are back online.")
        case "arrive": return qsTr("You are offline. Your arrival will be sent when you are back online.")
        case "pay": return qsTr("You are offline. The payment will be sent when you are back online.")
        case "online": return qsTr("You are offline. You will be available once the connection is back.")
        case "at_pickup": return qsTr("You are offline. The passenger will be told you arrived when you are back online.")
        case "rate": return qsTr("You are offline. Your rating will be sent when you are back online.")
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
