// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// Passenger: request a ride, wait for a driver, follow the driver, pay.
ColumnLayout {
    id: root

    property RideController controller
    // The confirmation with the reason picker (a popup: not a child item, so tests reach it here).
    readonly property alias cancelDialog: cancelDialog
    // Connected to the server: estimates are only asked for then.
    property bool connected: true
    signal chatRequested()

    readonly property int state: controller ? controller.state : RideController.Idle
    readonly property var previewPickup: pickupSelector.valid ? pickupSelector.point : null
    readonly property var previewDestination: destinationSelector.valid ? destinationSelector.point : null
    readonly property RideEstimator estimator: controller ? controller.estimator : null
    // Ask again whenever the trip or the connection changes (debounced: typing coordinates).
    readonly property string estimateKey: root.state === RideController.Idle && connected
                                          ? JSON.stringify([previewPickup, previewDestination]) : ""
    onEstimateKeyChanged: estimateTimer.restart()
    Component.onCompleted: estimateTimer.restart()
    Timer {
        id: estimateTimer
        interval: 250
        onTriggered: if (root.estimator && root.estimateKey.length > 0 && root.previewPickup && root.previewDestination)
                         root.estimator.estimate(root.previewPickup, root.previewDestination)
    }

    spacing: Theme.spacingL

    StatusBanner {
        objectName: "outcomeBanner"
        Layout.fillWidth: true
        text: root.controller ? RideTexts.outcomeWithReason(root.controller.lastOutcome, false, root.controller.cancelReason) : ""
        onDismissed: root.controller.clearOutcome()
    }
    StatusBanner {
        objectName: "errorBanner"
        Layout.fillWidth: true
        error: true
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

    // Request
    Card {
        objectName: "requestCard"
        Layout.fillWidth: true
        visible: root.state === RideController.Idle
        title: qsTr("Where to?")
        subtitle: qsTr("Pick a place or enter coordinates.")

        PlaceSelector {
            id: pickupSelector
            objectName: "pickupSelector"
            Layout.fillWidth: true
            label: qsTr("Pickup")
            markerColor: Theme.pickup
            presetIndex: 0
        }
        PlaceSelector {
            id: destinationSelector
            objectName: "destinationSelector"
            Layout.fillWidth: true
            label: qsTr("Destination")
            markerColor: Theme.destination
            presetIndex: 6
        }
        // The server's estimate (the same tariff as the final fare); the straight line until
        // it answers or while offline.
        InfoRow {
            objectName: "estimateDistanceRow"
            label: qsTr("Trip distance")
            value: root.estimator && root.estimator.available ? Format.distance(root.estimator.distanceMeters)
                   : pickupSelector.valid && destinationSelector.valid
                     ? Format.distance(distanceMeters(pickupSelector.point, destinationSelector.point)) : ""
        }
        InfoRow {
            objectName: "estimateFareRow"
            label: qsTr("Estimated fare")
            strong: root.estimator !== null && root.estimator.available
            value: !root.estimator ? ""
                   : root.estimator.available ? Format.money(root.estimator.fare, root.estimator.currency)
                   : root.estimator.loading ? qsTr("calculating…")
                   : root.estimator.error === "offline" ? qsTr("needs a connection") : "–"
        }
        InfoRow {
            objectName: "estimateTimeRow"
            visible: root.estimator !== null && root.estimator.available
            label: qsTr("Trip time")
            value: root.estimator ? Format.duration(root.estimator.durationSeconds) : ""
        }
        InfoRow {
            objectName: "estimatePickupRow"
            visible: root.estimator !== null && root.estimator.available
            label: qsTr("Nearest driver")
            value: !root.estimator ? "" : root.estimator.pickupEtaSeconds >= 0
                   ? Format.duration(root.estimator.pickupEtaSeconds) : qsTr("none nearby")
        }
        Text {
            objectName: "requestError"
            visible: !pickupSelector.valid || !destinationSelector.valid
            text: qsTr("Enter a latitude between -90 and 90 and a longitude between -180 and 180.")
            color: Theme.danger
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontSmall
            Layout.fillWidth: true
        }
        ActionButton {
            objectName: "requestButton"
            text: qsTr("Request ride")
            highlighted: true
            Layout.fillWidth: true
            enabled: pickupSelector.valid && destinationSelector.valid
            onClicked: root.controller.requestRide(pickupSelector.point, destinationSelector.point)
        }
    }

    // Searching
    Card {
        objectName: "searchingCard"
        Layout.fillWidth: true
        visible: root.state === RideController.Searching
        accentColor: Theme.accent
        title: root.controller && root.controller.driverFound ? qsTr("Driver found") : qsTr("Looking for a driver…")
        subtitle: root.controller && root.controller.queuedAction === "request"
                  ? qsTr("Not sent yet: waiting for a connection.")
                  : root.controller && root.controller.driverFound
                  ? qsTr("Waiting for %1 to confirm.").arg(root.controller.partner.name || root.controller.partnerId)
                  : qsTr("We are asking drivers near your pickup.")
        BusyIndicator { running: parent.visible; Layout.alignment: Qt.AlignHCenter }
        InfoRow { dotColor: Theme.pickup; label: qsTr("Pickup"); value: root.controller ? RideTexts.place(root.controller.pickup) : "" }
        InfoRow { dotColor: Theme.destination; label: qsTr("Destination"); value: root.controller ? RideTexts.place(root.controller.destination) : "" }
        InfoRow {
            objectName: "searchingFareRow"
            visible: root.controller && root.controller.tripFare > 0
            label: qsTr("Estimated fare")
            value: root.controller ? Format.money(root.controller.tripFare, root.controller.currency) : ""
        }
        ActionButton {
            objectName: "cancelButton"
            text: qsTr("Cancel request")
            Layout.fillWidth: true
            onClicked: cancelDialog.open()
        }
    }

    // Matched or on the ride: the driver
    Card {
        objectName: "driverCard"
        Layout.fillWidth: true
        visible: root.state === RideController.Matched || root.state === RideController.OnRide
        accentColor: root.state === RideController.OnRide ? Theme.primary : Theme.driver
        title: root.state === RideController.OnRide ? qsTr("On your way")
               : root.controller && root.controller.driverAtPickup ? qsTr("Your driver has arrived")
               : qsTr("Your driver is on the way")
        subtitle: root.state === RideController.OnRide
                  ? qsTr("Heading to %1").arg(root.controller ? RideTexts.place(root.controller.destination) : "")
                  : qsTr("Meet your driver at %1").arg(root.controller ? RideTexts.place(root.controller.pickup) : "")

        StatusBanner {
            objectName: "driverAtPickupBanner"
            Layout.fillWidth: true
            dismissable: false
            text: root.controller && root.controller.driverAtPickup && root.state === RideController.Matched
                  ? qsTr("Your driver is waiting at the pickup.") : ""
        }
        PartnerInfo {
            controller: root.controller
            label: qsTr("Driver")
        }
        InfoRow {
            objectName: "tripFareRow"
            visible: root.controller && root.controller.tripFare > 0
            label: qsTr("Estimated fare")
            value: root.controller ? Format.money(root.controller.tripFare, root.controller.currency) : ""
        }
        InfoRow {
            label: root.state === RideController.OnRide ? qsTr("Remaining") : qsTr("Driver distance")
            objectName: "remainingRow"
            value: root.controller && root.controller.route.length > 1 ? Format.distance(root.controller.remainingMeters) : qsTr("waiting for location…")
        }
        InfoRow {
            label: root.state === RideController.OnRide ? qsTr("Arriving in") : qsTr("Driver arrives in")
            objectName: "etaRow"
            value: root.controller && root.controller.route.length > 1 ? Format.duration(root.controller.etaSeconds) : "–"
        }
        // Two rows rather than a button that appears inside one: a grid layout in Qt 6.4 does
        // not always make room for a child that turns visible (Cancel was missing on screen).
        ButtonRow {
            Layout.fillWidth: true
            visible: root.state === RideController.Matched
            ActionButton {
                objectName: "cancelRideButton"
                text: qsTr("Cancel")
                destructive: true
                Layout.fillWidth: true
                onClicked: cancelDialog.open()
            }
            ActionButton {
                objectName: "chatButton"
                text: qsTr("Chat with driver")
                highlighted: true
                Layout.fillWidth: true
                onClicked: root.chatRequested()
            }
        }
        ActionButton {
            objectName: "chatButtonOnRide"
            visible: root.state === RideController.OnRide
            text: qsTr("Chat with driver")
            highlighted: true
            Layout.fillWidth: true
            onClicked: root.chatRequested()
        }
    }

    // Payment
    Card {
        objectName: "paymentCard"
        Layout.fillWidth: true
        visible: root.state === RideController.AwaitingPayment
        accentColor: Theme.accent
        title: qsTr("You have arrived")
        subtitle: qsTr("Please pay your driver.")

        InfoRow { label: qsTr("Fare"); strong: true; value: root.controller ? Format.money(root.controller.fare, root.controller.currency) : "" }
        InfoRow { label: qsTr("Distance"); value: root.controller ? Format.distance(root.controller.rideDistanceMeters) : "" }
        Label { text: qsTr("Payment method"); color: Theme.textMuted }
        // Three big targets rather than a drop-down: the chosen one is filled in brand colour.
        Segmented {
            id: methodBox
            objectName: "methodBox"
            readonly property var values: ["cash", "wallet", "card"]
            readonly property string currentValue: values[currentIndex]
            Layout.fillWidth: true
            options: [qsTr("Cash"), qsTr("Wallet"), qsTr("Card")]
        }
        ActionButton {
            objectName: "payButton"
            text: root.controller && root.controller.busy ? qsTr("Paying…")
                  : qsTr("Pay %1").arg(root.controller ? Format.money(root.controller.fare, root.controller.currency) : "")
            highlighted: true
            Layout.fillWidth: true
            enabled: root.controller && !root.controller.busy
            onClicked: root.controller.pay(methodBox.currentValue)
        }
    }

    // Done
    Card {
        objectName: "completedCard"
        Layout.fillWidth: true
        visible: root.state === RideController.Completed
        accentColor: Theme.success
        title: qsTr("Ride completed")
        subtitle: qsTr("Thanks for riding with NebengJek.")
        InfoRow { label: qsTr("Paid"); strong: true; value: root.controller ? Format.money(root.controller.fare, root.controller.currency) : "" }
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

    function distanceMeters(a, b) {
        const rad = Math.PI / 180
        const dLat = (b.lat - a.lat) * rad, dLng = (b.lng - a.lng) * rad
        const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
        return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
    }
}
