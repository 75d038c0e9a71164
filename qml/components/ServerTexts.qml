// SPDX-License-Identifier: MIT
pragma Singleton
import QtQuick

// The server's texts in the app's language: notifications and refusals carry a `text_key` and
// `text_args` (docs/protocol.md § Texts) beside an English fallback. Known keys are translated
// here, with money and distances in the locale's format (Rp 6.170 in Indonesian); an unknown key
// (a newer server) shows the fallback.
QtObject {
    function text(key, args, fallback) {
        const a = args || {}
        const money = function () { return Format.money(a.fare, a.currency) }
        const name = function (value, otherwise) { return value && value.length > 0 ? value : otherwise }
        switch (key) {
        case "notification.match_found":
            return a.plate && a.plate.length > 0
                    ? qsTr("%1 is on the way: %2, %3.").arg(name(a.driver_name, qsTr("Your driver")))
                      .arg(name(a.vehicle, qsTr("a car"))).arg(a.plate)
                    : qsTr("%1 is on the way.").arg(name(a.driver_name, qsTr("Your driver")))
        case "notification.no_driver":
            return qsTr("No driver is available near the pickup right now. Try again in a moment.")
        case "notification.ride_started":
            return qsTr("Your ride has started. Enjoy the trip!")
        case "notification.payment_requested":
            return qsTr("You have arrived. Please pay %1.").arg(money())
        case "notification.ride_completed":
            return qsTr("Paid %1. Thanks for riding with NebengJek.").arg(money())
        case "notification.collect_cash":
            return qsTr("Collect %1 in cash from the passenger.").arg(money())
        case "notification.chat_message":
            return qsTr("New message from %1.").arg(name(a.sender_name, qsTr("your partner")))
        case "notification.ride_cancelled":
            return a.reason && a.reason.length > 0
                    ? (a.by === "driver" ? qsTr("The driver cancelled the ride: %1").arg(a.reason)
                                         : qsTr("The passenger cancelled the ride: %1").arg(a.reason))
                    : (a.by === "driver" ? qsTr("The driver cancelled the ride.")
                                         : qsTr("The passenger cancelled the ride."))
        case "notification.driver_cancelled":
            return a.reason && a.reason.length > 0
                    ? qsTr("Your driver cancelled (%1). We are finding you another driver.").arg(a.reason)
                    : qsTr("Your driver cancelled. We are finding you another driver.")
        case "notification.driver_at_pickup":
            return a.plate && a.plate.length > 0
                    ? qsTr("%1 has arrived at the pickup (%2).").arg(name(a.driver_name, qsTr("Your driver"))).arg(a.plate)
                    : qsTr("%1 has arrived at the pickup.").arg(name(a.driver_name, qsTr("Your driver")))
        case "error.too_far_from_pickup":
            return qsTr("You are %1 from the pickup. Start the ride within %2 of it.")
                    .arg(Format.distance(a.distance_m)).arg(Format.distance(a.limit_m))
        case "error.too_far_from_destination":
            return qsTr("You are %1 from the destination. End the ride within %2 of it.")
                    .arg(Format.distance(a.distance_m)).arg(Format.distance(a.limit_m))
        case "error.position_unknown":
            return qsTr("Your position is not known yet. Wait for a location fix and try again.")
        case "error.cannot_cancel":
            return qsTr("This ride can no longer be cancelled.")
        case "error.already_rated":
            return qsTr("You have already rated this ride.")
        case "error.not_completed":
            return qsTr("A ride can be rated once it is completed.")
        default:
            return fallback || ""
        }
    }
}
