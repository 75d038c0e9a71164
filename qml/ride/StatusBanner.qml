// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Components

// A dismissable line of information or error above the ride cards.
Rectangle {
    id: root

    property string text
    property bool error: false
    property bool dismissable: true
    signal dismissed()

    visible: text.length > 0
    implicitHeight: row.implicitHeight + 2 * Theme.spacingM
    radius: Theme.radiusSmall
    color: error ? Theme.dangerSoft : Theme.infoSoft
    border.color: error ? "#FCA5A5" : "#BFD3FE"

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        anchors.rightMargin: Theme.spacingXs
        Text {
            objectName: "bannerText"
            Layout.fillWidth: true
            text: root.text
            wrapMode: Text.WordWrap
            color: root.error ? "#991B1B" : "#1E3A8A"
            font.pixelSize: Theme.fontSmall + 1
        }
        IconButton {
            objectName: "dismissButton"
            visible: root.dismissable
            iconSize: 12
            implicitWidth: 28
            implicitHeight: 28
            onClicked: root.dismissed()
            Accessible.name: qsTr("Dismiss")
        }
    }
}
