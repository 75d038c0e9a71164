// SPDX-License-Identifier: MIT
import QtQuick
import NebengJek.Core

// The connection state as a pill: offline, connecting, connected, reconnecting in N s,
// suspended, signed out.
Pill {
    id: root

    property int state: ConnectionManager.SignedOut
    // Delay before the next reconnect attempt, as reported when the state became Reconnecting.
    property real nextRetryMs: 0
    property int secondsLeft: 0
    property real deadline: 0

    function restartCountdown() {
        deadline = Date.now() + nextRetryMs
        updateCountdown()
    }
    function updateCountdown() {
        secondsLeft = Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
    }

    readonly property string stateText: {
        switch (state) {
        case ConnectionManager.Offline: return qsTr("Offline")
        case ConnectionManager.Connecting: return qsTr("Connecting…")
        case ConnectionManager.Connected: return qsTr("Connected")
        case ConnectionManager.Reconnecting:
            return secondsLeft > 0 ? qsTr("Reconnecting in %1 s").arg(secondsLeft)
                                   : qsTr("Reconnecting…")
        case ConnectionManager.Suspended: return qsTr("Suspended")
        default: return qsTr("Signed out")
        }
    }

    text: stateText
    color: state === ConnectionManager.Connected ? Qt.rgba(0.09, 0.64, 0.29, 0.16)
         : state === ConnectionManager.Reconnecting || state === ConnectionManager.Connecting
           ? Qt.rgba(0.85, 0.47, 0.02, 0.18) : Qt.rgba(1, 1, 1, 0.12)
    textColor: "white"
    dotColor: state === ConnectionManager.Connected ? "#4ADE80"
            : state === ConnectionManager.Reconnecting || state === ConnectionManager.Connecting
              ? "#FBBF24" : state === ConnectionManager.Offline ? "#F87171" : "#CBD5E1"
    pulsing: state === ConnectionManager.Reconnecting || state === ConnectionManager.Connecting

    onStateChanged: restartCountdown()
    onNextRetryMsChanged: restartCountdown()
    Component.onCompleted: restartCountdown()

    Timer {
        interval: 250
        repeat: true
        running: root.state === ConnectionManager.Reconnecting
        onTriggered: root.updateCountdown()
    }
}
