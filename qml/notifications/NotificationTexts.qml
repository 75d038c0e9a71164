// SPDX-License-Identifier: MIT
pragma Singleton
import QtQuick

// Titles of the hub's notification kinds in the app's language (the server's own titles are
// English and used for kinds the app does not know).
QtObject {
    function title(kind, serverTitle) {
        switch (kind) {
        case "match_found": return qsTr("Driver found")
        case "no_driver": return qsTr("No driver available")
        case "match_proposal": return qsTr("New ride request")
        case "ride_started": return qsTr("Ride started")
        case "payment_requested": return qsTr("Payment requested")
        case "ride_completed": return qsTr("Ride completed")
        case "chat_message": return qsTr("New message")
        case "collect_cash": return qsTr("Collect cash")
        case "ride_cancelled": return qsTr("Ride cancelled")
        case "driver_cancelled": return qsTr("Driver cancelled")
        case "driver_at_pickup": return qsTr("Your driver has arrived")
        default: return serverTitle
        }
    }
}
