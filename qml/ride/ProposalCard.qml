// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// Driver: an incoming ride request to accept or reject before the countdown ends.
Card {
    id: root

    property RideController controller

    title: qsTr("New ride request")
    accentColor: Theme.accent

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingL
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingS
            InfoRow {
                objectName: "proposalPassenger"
                label: qsTr("Passenger")
                value: root.controller ? (root.controller.partner.name || root.controller.partnerId) : ""
            }
            InfoRow {
                objectName: "proposalRating"
                label: qsTr("Rating")
                value: root.controller ? RideTexts.rating(root.controller.partner.rating, root.controller.partner.ratingCount) : ""
            }
            InfoRow {
                label: qsTr("To pickup")
                value: root.controller ? Format.distance(root.controller.proposalDistanceMeters) : ""
            }
        }
        CountdownRing {
            objectName: "countdown"
            implicitWidth: 56
            implicitHeight: 56
            secondsLeft: root.controller ? root.controller.proposalSecondsLeft : 0
            totalSeconds: root.controller ? root.controller.proposalTotalSeconds : 15
        }
    }
    InfoRow {
        objectName: "proposalFare"
        visible: root.controller && root.controller.tripFare > 0
        label: qsTr("Fare")
        strong: true
        value: root.controller ? Format.money(root.controller.tripFare, root.controller.currency) : ""
    }
    InfoRow {
        objectName: "proposalTrip"
        visible: root.controller && root.controller.tripDistanceMeters > 0
        label: qsTr("Trip length")
        value: root.controller ? Format.distance(root.controller.tripDistanceMeters) : ""
    }
    InfoRow {
        dotColor: Theme.pickup
        label: qsTr("Pickup")
        value: root.controller ? placeText(root.controller.pickup) : ""
    }
    InfoRow {
        dotColor: Theme.destination
        label: qsTr("Destination")
        value: root.controller ? placeText(root.controller.destination) : ""
    }

    ButtonRow {
        Layout.fillWidth: true
        ActionButton {
            objectName: "rejectButton"
            text: qsTr("Reject")
            Layout.fillWidth: true
            enabled: root.controller && !root.controller.busy
            onClicked: root.controller.reject()
        }
        ActionButton {
            objectName: "acceptButton"
            text: root.controller && root.controller.busy ? qsTr("Accepting…") : qsTr("Accept")
            highlighted: true
            Layout.fillWidth: true
            enabled: root.controller && !root.controller.busy
            onClicked: root.controller.accept()
        }
    }

    function placeText(point) {
        if (!point || point.lat === undefined)
            return ""
        const name = Places.nameAt(point.lat, point.lng)
        return name.length > 0 ? name : Format.coordinate(point.lat) + ", " + Format.coordinate(point.lng)
    }
}
