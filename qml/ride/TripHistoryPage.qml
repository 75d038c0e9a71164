// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// Past rides from the server, newest first; the next page loads at the end of the list.
Rectangle {
    id: root

    property TripHistoryModel model
    signal closeRequested()

    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spacingL
            Text {
                objectName: "historyTitle"
                Layout.fillWidth: true
                text: qsTr("Trip history")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            IconButton {
                objectName: "closeHistoryButton"
                iconName: "close"
                onClicked: root.closeRequested()
            }
        }

        ListView {
            id: list
            objectName: "historyList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.model
            spacing: Theme.spacingS
            ScrollBar.vertical: ScrollBar { }
            onAtYEndChanged: if (atYEnd && root.model && root.model.canLoadMore) root.model.loadMore()

            delegate: Card {
                id: trip
                required property string rideState
                required property string myRole
                required property var at
                required property var pickup
                required property var destination
                required property real distanceMeters
                required property var fare
                required property string currency
                required property string partnerName
                required property real partnerRating
                required property string vehicle
                required property int myRating

                objectName: "trip"
                x: Theme.spacingL
                width: ListView.view.width - 2 * Theme.spacingL
                accentColor: rideState === "completed" ? Theme.success : Theme.danger
                title: new Date(at).toLocaleString(Qt.locale(), "d MMM yyyy, HH:mm")

                InfoRow { dotColor: Theme.pickup; label: qsTr("From"); value: RideTexts.place(trip.pickup) }
                InfoRow { dotColor: Theme.destination; label: qsTr("To"); value: RideTexts.place(trip.destination) }
                InfoRow {
                    label: trip.myRole === "driver" ? qsTr("Passenger") : qsTr("Driver")
                    value: trip.vehicle.length > 0 ? trip.partnerName + " · " + trip.vehicle : trip.partnerName
                }
                InfoRow {
                    objectName: "tripFare"
                    label: trip.rideState === "completed" ? qsTr("Fare") : qsTr("Cancelled")
                    strong: trip.rideState === "completed"
                    value: trip.rideState === "completed"
                           ? Format.money(trip.fare, trip.currency) + " · " + Format.distance(trip.distanceMeters) : ""
                }
                InfoRow {
                    visible: trip.myRating > 0
                    label: qsTr("Your rating")
                    value: "★".repeat(trip.myRating)
                }
            }

            footer: Item {
                width: list.width
                height: footerColumn.implicitHeight + 2 * Theme.spacingL
                ColumnLayout {
                    id: footerColumn
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacingL
                    BusyIndicator {
                        visible: root.model && root.model.loading
                        running: visible
                        Layout.alignment: Qt.AlignHCenter
                    }
                    Text {
                        objectName: "historyEmpty"
                        visible: root.model && !root.model.loading && list.count === 0
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        text: root.model && root.model.error === "offline"
                              ? qsTr("Trip history needs a connection.") : qsTr("No trips yet.")
                    }
                    ActionButton {
                        objectName: "loadMoreButton"
                        visible: root.model && root.model.canLoadMore && !root.model.loading
                        text: qsTr("Show older trips")
                        Layout.alignment: Qt.AlignHCenter
                        onClicked: root.model.loadMore()
                    }
                }
            }
        }
    }
}
