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
    // Phones: the location card (a developer's detail) is left out of the bottom sheet.
    property bool compact: false
    signal chatRequested()

    readonly property int state: controller ? controller.state : RideController.Idle
    readonly property bool inRide: state >= RideController.Matched

    spacing: Theme.spacingL

    StatusBanner {
        objectName: "outcomeBanner"
        Layout.fillWidth: true
        text: root.controller ? RideTexts.outcome(root.controller.lastOutcome, true) : ""
        onDismissed: root.controller.clearOutcome()
    }
    StatusBanner {
        objectName: "errorBanner"
        Layout.fillWidth: true
        error: true
        text: root.controller && root.controller.lastError.length > 0
              ? qsTr("The server refused: %1").arg(root.controller.lastError) : ""
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

        InfoRow { label: qsTr("Passenger"); value: root.controller ? root.controller.partnerId : ""
                  dotColor: root.controller && root.controller.partnerOnline ? Theme.success : "#94A3B8" }
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
        InfoRow { label: qsTr("You earned"); strong: true
                  value: root.controller ? Format.money(root.controller.fare, root.controller.currency) : "" }
        InfoRow { label: qsTr("Distance"); value: root.controller ? Format.distance(root.controller.rideDistanceMeters) : "" }
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

    Item { Layout.fillHeight: true }
}
