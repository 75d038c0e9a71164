// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components
import NebengJek.Ride
import NebengJek.Chat

// Signed in. Desktop: ride controls on the left, the map in the middle, the chat on the right
// when open. Compact (phones): the map with the ride card in a bottom sheet, the chat over
// everything.
Item {
    id: root

    property AppSession session
    // Whether the chat is shown: owned by the window (the header toggles it too); this page
    // only asks for changes, so no binding is ever overwritten.
    property bool chatOpen: false
    property bool compact: false
    signal chatOpenRequested(bool open)

    readonly property RideController ride: session ? session.ride : null
    // Between compact and desktop: the chat covers the map instead of sitting beside it.
    readonly property bool narrow: compact || width < 980
    readonly property bool chatShown: chatOpen && session !== null && session.chat.available
    // Bottom sheet: at most this share of the page, the rest is map.
    readonly property real sheetMaxHeight: Math.round(height * (sheetExpanded ? 0.66 : 0))
                                           + sheetHandle.height
    property bool sheetExpanded: true

    // The chat is on screen (beside or over the map) and the window has focus: incoming
    // messages are read as they arrive.
    Binding {
        target: root.session ? root.session.chat : null
        property: "active"
        value: root.chatShown && root.Window.active
    }
    Connections {
        target: root.session ? root.session.chat : null
        function onAvailableChanged() {
            if (!root.session.chat.available && root.chatOpen)
                root.chatOpenRequested(false)
        }
    }
    // A new ride card (state change) is worth seeing: open the sheet again.
    Connections {
        target: root.ride
        function onStateChanged() { root.sheetExpanded = true }
    }

    // Ride controls: the side panel (desktop) or the bottom sheet (compact).
    Rectangle {
        id: panel
        objectName: root.compact ? "bottomSheet" : "sidePanel"
        z: 2
        color: Theme.background
        radius: root.compact ? 16 : 0
        anchors.left: parent.left
        anchors.right: root.compact ? parent.right : undefined
        anchors.top: root.compact ? undefined : parent.top
        anchors.bottom: parent.bottom
        width: root.compact ? parent.width : Theme.sidePanelWidth
        height: root.compact ? Math.min(panelContent.implicitHeight + sheetHandle.height, root.sheetMaxHeight)
                             : parent.height
        border.color: root.compact ? Theme.border : "transparent"

        // Compact: a grip to fold the sheet down to show the whole map, and up again.
        AbstractButton {
            id: sheetHandle
            objectName: "sheetHandle"
            visible: root.compact
            width: parent.width
            height: root.compact ? 28 : 0
            Accessible.name: root.sheetExpanded ? qsTr("Show the map") : qsTr("Show the ride")
            onClicked: root.sheetExpanded = !root.sheetExpanded
            contentItem: Item {
                Rectangle {
                    anchors.centerIn: parent
                    width: 40
                    height: 5
                    radius: 3
                    color: "#CBD5E1"
                }
            }
        }

        ScrollView {
            id: sideScroll
            objectName: "panelScroll"
            anchors.fill: parent
            anchors.topMargin: sheetHandle.height
            contentWidth: availableWidth
            clip: true
            visible: height > 0

            Loader {
                id: panelContent
                width: sideScroll.availableWidth
                height: Math.max(implicitHeight, sideScroll.availableHeight)
                sourceComponent: root.ride && root.ride.isDriver ? driverComponent : passengerComponent
            }
        }
        Rectangle {
            visible: !root.compact
            anchors.right: parent.right
            width: 1
            height: parent.height
            color: Theme.border
        }
        // The sheet's square bottom under its rounded top.
        Rectangle {
            visible: root.compact
            z: -1
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
            height: Math.min(parent.height, 16)
            color: Theme.background
        }
    }

    RideMap {
        id: map
        objectName: "rideMap"
        controller: root.ride
        anchors.top: parent.top
        anchors.left: root.compact ? parent.left : panel.right
        anchors.right: root.chatShown && !root.narrow ? chatPanel.left : parent.right
        // The sheet's rounded corners lie over the map.
        anchors.bottom: root.compact ? panel.top : parent.bottom
        anchors.bottomMargin: root.compact ? -16 : 0
    }

    ChatPanel {
        id: chatPanel
        objectName: "chatPanel"
        visible: root.chatShown && !root.narrow
        anchors { top: parent.top; bottom: parent.bottom; right: parent.right }
        width: Theme.chatPanelWidth
        chat: root.session ? root.session.chat : null
        partnerOnline: root.ride ? root.ride.partnerOnline : false
        controlsActive: false
        onCloseRequested: root.chatOpenRequested(false)
        Rectangle { anchors.left: parent.left; width: 1; height: parent.height; color: Theme.border }
    }

    // Narrow layout: the chat slides over the map (and the sheet).
    ChatPanel {
        objectName: "chatOverlay"
        z: 3
        visible: root.chatShown && root.narrow
        anchors { top: parent.top; bottom: parent.bottom; right: parent.right }
        width: root.compact ? root.width : Math.min(root.width, Theme.chatPanelWidth)
        chat: root.session ? root.session.chat : null
        partnerOnline: root.ride ? root.ride.partnerOnline : false
        controlsActive: false
        onCloseRequested: root.chatOpenRequested(false)
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
                anchors.topMargin: root.compact ? 0 : Theme.spacingL
                controller: root.ride
                compact: root.compact
                onChatRequested: root.chatOpenRequested(true)
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
                anchors.topMargin: root.compact ? 0 : Theme.spacingL
                controller: root.ride
                connected: root.session !== null && root.session.connection.state === ConnectionManager.Connected
                onChatRequested: root.chatOpenRequested(true)
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
