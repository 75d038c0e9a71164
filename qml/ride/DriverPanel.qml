// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// Driver: availability, the incoming proposal, then pickup -> ride -> arrival -> payment.
ColumnLayout {
    id: root

    property RideController controller
    // The confirmation with the reason picker (a popup: not a child item, so tests reach it here).
    readonly property alias cancelDialog: cancelDialog
    // Phones: the location card (a developer's detail) is left out of the bottom sheet.
    property bool compact: false
    signal chatRequested()

    readonly property int state: controller ? controller.state : RideController.Idle
    readonly property bool inRide: state >= RideController.Matched

    spacing: Theme.spacingL

    StatusBanner {
        objectName: "outcomeBanner"
        Layout.fillWidth: true
        text: root.controller ? RideTexts.outcomeWithReason(root.controller.lastOutcome, true, root.controller.cancelReason) : ""
        onDismissed: root.controller.clearOutcome()
    }
    StatusBanner {
        objectName: "errorBanner"
        Layout.fillWidth: true
        error: true
        // TOO_FAR and friends in the app's language (ServerTexts), else the server's English.
        text: root.controller && root.controller.lastError.length > 0
              ? ServerTexts.text(root.controller.lastErrorKey, root.controller.lastErrorArgs,
                                 qsTr("The server refused: %1").arg(root.controller.lastError)) : ""
        onDismissed: root.controller.clearError()
    }
    StatusBanner {
        objectName: "queuedBanner"
        Layout.fillWidth: true
        dismissable: false
        text: root.controller ? RideTexts.queued(root.controller.queuedAction) : ""
    }

    // Availability
    Card {
        objectName: "availabilityCard"
        Layout.fillWidth: true
        visible: !root.inRide
        accentColor: root.controller && root.controller.online ? Theme.primary : "transparent"
        title: root.controller && root.controller.online ? qsTr("You are online") : qsTr("You are offline")
        subtitle: root.controller && root.controller.online
                  ? (root.state === RideController.Proposal ? qsTr("A passenger is waiting for your answer.")
                                                             : qsTr("Waiting for ride requests near you."))
                  : qsTr("Go online to receive ride requests.")

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Available for rides")
                wrapMode: Text.WordWrap
                color: Theme.text
                Layout.fillWidth: true
            }
            Switch {
                id: onlineSwitch
                objectName: "onlineSwitch"
                checked: root.controller && root.controller.online
                enabled: root.controller && root.state !== RideController.Proposal
                onToggled: checked ? root.controller.goOnline() : root.controller.goOffline()
            }
        }
        BusyIndicator {
            visible: root.controller && root.controller.online && root.state === RideController.Online
            running: visible
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredHeight: 36
            Layout.preferredWidth: 36
        }
    }

    ProposalCard {
        objectName: "proposalCard"
        Layout.fillWidth: true
        visible: root.state === RideController.Proposal
        controller: root.controller
    }

    // Matched: drive to the pickup
    Card {
        objectName: "pickupCard"
        Layout.fillWidth: true
        visible: root.state === RideController.Matched
        accentColor: Theme.driver
        title: qsTr("Pick up the passenger")
        subtitle: root.controller ? RideTexts.place(root.controller.pickup) : ""

        PartnerInfo { controller: root.controller; label: qsTr("Passenger") }
        InfoRow {
            objectName: "tripFareRow"
            visible: root.controller && root.controller.tripFare > 0
            label: qsTr("Fare")
            value: root.controller ? Format.money(root.controller.tripFare, root.controller.currency)
                                     + " · " + Format.distance(root.controller.tripDistanceMeters) : ""
        }
        InfoRow { label: qsTr("Distance"); value: root.controller && root.controller.route.length > 1 ? Format.distance(root.controller.remainingMeters) : "–" }
        InfoRow { label: qsTr("Arriving in"); value: root.controller && root.controller.route.length > 1 ? Format.duration(root.controller.etaSeconds) : "–" }
        ButtonRow {
            Layout.fillWidth: true
            ActionButton { text: qsTr("Chat"); Layout.fillWidth: true; onClicked: root.chatRequested() }
            ActionButton {
                objectName: "startRideButton"
                text: qsTr("Start ride")
                highlighted: true
                Layout.fillWidth: true
                enabled: root.controller && !root.controller.busy
                onClicked: root.controller.startRide()
            }
        }
        ButtonRow {
            Layout.fillWidth: true
            ActionButton {
                objectName: "driverCancelButton"
                text: qsTr("Cancel")
                destructive: true
                Layout.fillWidth: true
                enabled: root.controller && !root.controller.busy
                onClicked: cancelDialog.open()
            }
            ActionButton {
                objectName: "atPickupButton"
                text: root.controller && root.controller.driverAtPickup ? qsTr("Passenger notified") : qsTr("I'm here")
                Layout.fillWidth: true
                enabled: root.controller && !root.controller.busy && !root.controller.driverAtPickup
                onClicked: root.controller.atPickup()
            }
        }
    }

    // On the ride
    Card {
        objectName: "onRideCard"
        Layout.fillWidth: true
        visible: root.state === RideController.OnRide
        accentColor: Theme.primary
        title: qsTr("On the way to the destination")
        subtitle: root.controller ? RideTexts.place(root.controller.destination) : ""

        InfoRow { objectName: "remainingRow"; label: qsTr("Remaining")
                  value: root.controller && root.controller.route.length > 1 ? Format.distance(root.controller.remainingMeters) : "–" }
        InfoRow { objectName: "etaRow"; label: qsTr("Arriving in")
                  value: root.controller && root.controller.route.length > 1 ? Format.duration(root.controller.etaSeconds) : "–" }
        ButtonRow {
            Layout.fillWidth: true
            ActionButton { text: qsTr("Chat"); Layout.fillWidth: true; onClicked: root.chatRequested() }
            ActionButton {
                objectName: "arriveButton"
                text: root.controller && root.controller.queuedAction === "arrive" ? qsTr("Arrival queued") : qsTr("Arrived")
                highlighted: true
                Layout.fillWidth: true
                enabled: root.controller && !root.controller.busy
                onClicked: root.controller.arrive()
            }
        }
    }

    // Waiting for the passenger to pay
    Card {
        objectName: "awaitingPaymentCard"
        Layout.fillWidth: true
        visible: root.state === RideController.AwaitingPayment
        accentColor: Theme.accent
        title: qsTr("Waiting for payment")
        subtitle: qsTr("The passenger has been asked to pay.")
        InfoRow { label: qsTr("Fare"); strong: true
                  value: root.controller ? Format.money(root.controller.fare, root.controller.currency) : "" }
        InfoRow { label: qsTr("Distance"); value: root.controller ? Format.distance(root.controller.rideDistanceMeters) : "" }
        BusyIndicator { running: parent.visible; Layout.alignment: Qt.AlignHCenter; Layout.preferredHeight: 36; Layout.preferredWidth: 36 }
    }

    // Done
    Card {
        objectName: "completedCard"
        Layout.fillWidth: true
        visible: root.state === RideController.Completed
        accentColor: Theme.success
        title: qsTr("Ride completed")
        subtitle: qsTr("Payment received. Thank you!")
        StatusBanner {
            objectName: "collectCashBanner"
            Layout.fillWidth: true
            dismissable: false
            text: root.controller && root.controller.paymentMethod === "cash"
                  ? qsTr("Collect %1 in cash from the passenger.").arg(Format.money(root.controller.fare, root.controller.currency)) : ""
        }
        InfoRow { label: qsTr("You earned"); strong: true
                  value: root.controller ? Format.money(root.controller.fare, root.controller.currency) : "" }
        InfoRow { label: qsTr("Distance"); value: root.controller ? Format.distance(root.controller.rideDistanceMeters) : "" }
        RatingPanel { controller: root.controller; visible: root.state === RideController.Completed }
        ActionButton {
            objectName: "doneButton"
            text: qsTr("Done")
            highlighted: true
            Layout.fillWidth: true
            onClicked: root.controller.finish()
        }
    }

    // Where the driver is
    Card {
        objectName: "locationCard"
        visible: !root.compact
        Layout.fillWidth: true
        title: qsTr("Location")
        subtitle: root.controller && root.controller.simulateLocation
                  ? qsTr("Simulated GPS: the car drives along the route on its own.")
                  : qsTr("From this device's positioning.")
        InfoRow {
            label: qsTr("Position")
            value: root.controller && root.controller.ownLocation.lat !== undefined
                   ? Format.coordinate(root.controller.ownLocation.lat) + ", " + Format.coordinate(root.controller.ownLocation.lng)
                   : qsTr("unknown")
        }
    }

    StatusBanner {
        objectName: "offlineTrackBanner"
        Layout.fillWidth: true
        dismissable: false
        text: root.controller && root.controller.offlineFixes > 0
              ? qsTr("Offline: %n position(s) kept, sent when you are back online.", "", root.controller.offlineFixes) : ""
    }

    Item { Layout.fillHeight: true }

    CancelDialog {
        id: cancelDialog
        controller: root.controller
    }
    // Demo screenshots: the dialog as the user sees it once matched.
    Connections {
        target: root.controller
        function onStateChanged() {
            if (App.initialPanel === "cancel" && root.state === RideController.Matched)
                cancelDialog.open()
        }
    }
}
