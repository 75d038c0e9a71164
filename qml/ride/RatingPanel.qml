// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// After the ride: 1-5 stars and an optional comment for the other party (sent once).
ColumnLayout {
    id: root

    property RideController controller
    property int stars: 0
    readonly property bool sent: controller && controller.myRating > 0

    objectName: "ratingPanel"
    spacing: Theme.spacingS
    Layout.fillWidth: true

    Text {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        font.pixelSize: Theme.fontBody
        color: Theme.text
        text: root.sent ? qsTr("Thanks for your rating!")
                        : root.controller && root.controller.isDriver ? qsTr("How was the passenger?")
                                                                      : qsTr("How was your driver?")
    }
    RowLayout {
        spacing: Theme.spacingXs
        Repeater {
            model: 5
            AbstractButton {
                required property int index
                objectName: "star_" + (index + 1)
                implicitWidth: 40
                implicitHeight: 40
                enabled: !root.sent
                Accessible.name: qsTr("%n star(s)", "", index + 1)
                onClicked: root.stars = index + 1
                contentItem: Icon {
                    name: "star"
                    color: index < (root.sent ? root.controller.myRating : root.stars) ? Theme.accent : Theme.border
                }
            }
        }
    }
    TextField {
        id: commentField
        objectName: "ratingComment"
        visible: !root.sent && root.stars > 0
        Layout.fillWidth: true
        maximumLength: 500
        placeholderText: qsTr("Comment (optional)")
    }
    ActionButton {
        objectName: "sendRatingButton"
        visible: !root.sent
        enabled: root.stars > 0
        text: qsTr("Send rating")
        Layout.fillWidth: true
        onClicked: root.controller.rate(root.stars, commentField.text.trim())
    }
}
