// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components
import NebengJek.Ride
import NebengJek.Chat

// Signed in: ride controls on the left, the map in the middle, the chat on the right when open.
Item {
    id: root

    property AppSession session
    property bool chatOpen: false
    readonly property RideController ride: session ? session.ride : null
    // Narrow windows (phones, split screens): the chat covers the map instead of sitting beside it.
    readonly property bool narrow: width < 980

    onChatOpenChanged: if (chatOpen && session && !session.chat.available) chatOpen = false
    // The chat is on screen (beside or over the map) and the window has focus: incoming
    // messages are read as they arrive.
    Binding {
        target: root.session ? root.session.chat : null
        property: "active"
        value: root.chatOpen && root.Window.active
    }
    Connections {
        target: root.session ? root.session.chat : null
        function onAvailableChanged() { if (!root.session.chat.available) root.chatOpen = false }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        // Side panel
        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: root.narrow ? Math.min(Theme.sidePanelWidth, root.width * 0.45) : Theme.sidePanelWidth
            color: Theme.background

            ScrollView {
                id: sideScroll
                anchors.fill: parent
                contentWidth: availableWidth
                clip: true

                Loader {
                    width: sideScroll.availableWidth
                    height: Math.max(implicitHeight, sideScroll.availableHeight)
                    sourceComponent: root.ride && root.ride.isDriver ? driverComponent : passengerComponent
                }
            }
            Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.border }
        }

        // Map
        RideMap {
            id: map
            objectName: "rideMap"
            Layout.fillWidth: true
            Layout.fillHeight: true
            controller: root.ride
        }

        ChatPanel {
            objectName: "chatPanel"
            visible: root.chatOpen && !root.narrow
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.chatPanelWidth
            chat: root.session ? root.session.chat : null
            partnerOnline: root.ride ? root.ride.partnerOnline : false
            controlsActive: false
            onCloseRequested: root.chatOpen = false
            Rectangle { anchors.left: parent.left; width: 1; height: parent.height; color: Theme.border }
        }
    }

    // Narrow layout: the chat slides over the map.
    ChatPanel {
        objectName: "chatOverlay"
        visible: root.chatOpen && root.narrow
        anchors { top: parent.top; bottom: parent.bottom; right: parent.right }
        width: Math.min(root.width, Theme.chatPanelWidth)
        chat: root.session ? root.session.chat : null
        partnerOnline: root.ride ? root.ride.partnerOnline : false
        controlsActive: false
        onCloseRequested: root.chatOpen = false
    }

    Component {
        id: driverComponent
        Item {
            implicitHeight: driverPanel.implicitHeight + 2 * Theme.spacingL
            DriverPanel {
                id: driverPanel
                objectName: "driverPanel"
                anchors.fill: parent
                anchors.margins: Theme.spacingL
                controller: root.ride
                onChatRequested: root.chatOpen = true
            }
        }
    }
    Component {
        id: passengerComponent
        Item {
            implicitHeight: passengerPanel.implicitHeight + 2 * Theme.spacingL
            PassengerPanel {
                id: passengerPanel
                objectName: "passengerPanel"
                anchors.fill: parent
                anchors.margins: Theme.spacingL
                controller: root.ride
                onChatRequested: root.chatOpen = true
                onPreviewPickupChanged: map.previewPickup = previewPickup
                onPreviewDestinationChanged: map.previewDestination = previewDestination
                Component.onCompleted: {
                    map.previewPickup = previewPickup
                    map.previewDestination = previewDestination
                }
            }
        }
    }
}
