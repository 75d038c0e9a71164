// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// "Cancel this ride?" with a reason to pick (or type): the other party is told why.
Dialog {
    id: root

    property RideController controller
    readonly property bool isDriver: controller ? controller.isDriver : false
    readonly property var reasons: isDriver
        ? [qsTr("The passenger is not at the pickup"), qsTr("The pickup is too far"),
           qsTr("Problem with my vehicle")]
        : [qsTr("The driver is taking too long"), qsTr("My plans changed"),
           qsTr("I booked by mistake")]
    property int choice: 0
    readonly property bool otherChosen: choice === reasons.length
    readonly property string reason: otherChosen ? otherField.text.trim() : reasons[choice] || ""

    objectName: "cancelDialog"
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(Overlay.overlay ? Overlay.overlay.width - 2 * Theme.spacingL : 400, 420)
    padding: Theme.spacingL
    title: qsTr("Cancel this ride?")
    onAboutToShow: { choice = 0; otherField.text = "" }

    contentItem: ColumnLayout {
        spacing: Theme.spacingS
        Text {
            objectName: "cancelExplanation"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            text: root.isDriver ? qsTr("The passenger is told why and matched with another driver.")
                                : qsTr("Your driver is told why.")
        }
        Repeater {
            model: root.reasons.length + 1
            RadioButton {
                required property int index
                objectName: "reason_" + index
                Layout.fillWidth: true
                checked: root.choice === index
                text: index < root.reasons.length ? root.reasons[index] : qsTr("Other reason")
                onClicked: root.choice = index
                contentItem: Text {
                    leftPadding: parent.indicator.width + parent.spacing
                    text: parent.text
                    font.pixelSize: Theme.fontBody
                    color: Theme.text
                    wrapMode: Text.WordWrap
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }
        TextField {
            id: otherField
            objectName: "otherReasonField"
            visible: root.otherChosen
            Layout.fillWidth: true
            maximumLength: 200
            placeholderText: qsTr("Tell them why (optional)")
        }
        ButtonRow {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacingS
            ActionButton {
                objectName: "keepRideButton"
                text: qsTr("Keep ride")
                Layout.fillWidth: true
                onClicked: root.reject()
            }
            ActionButton {
                objectName: "confirmCancelButton"
                text: qsTr("Cancel ride")
                destructive: true
                Layout.fillWidth: true
                onClicked: {
                    root.controller.cancelRide(root.reason)
                    root.accept()
                }
            }
        }
    }
}
