// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts
import NebengJek.Components

// A short message at the bottom of the window (new notification, new chat message).
Rectangle {
    id: root

    function show(title, body) {
        titleText.text = title
        bodyText.text = body || ""
        opacity = 1
        hideTimer.restart()
    }
    function hide() {
        opacity = 0
    }

    width: Math.min(420, parent ? parent.width - 2 * Theme.spacingL : 420)
    implicitHeight: column.implicitHeight + 2 * Theme.spacingM
    radius: Theme.radius
    color: "#1F2937"
    opacity: 0
    visible: opacity > 0
    Behavior on opacity { NumberAnimation { duration: 200 } }

    Timer { id: hideTimer; interval: 4000; onTriggered: root.opacity = 0 }

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        spacing: 2
        Text { id: titleText; objectName: "toastTitle"; color: "white"; font.bold: true; font.pixelSize: Theme.fontBody; Layout.fillWidth: true; elide: Text.ElideRight }
        Text { id: bodyText; visible: text.length > 0; color: "#D1D5DB"; font.pixelSize: Theme.fontSmall + 1; Layout.fillWidth: true; wrapMode: Text.WordWrap; maximumLineCount: 4; elide: Text.ElideRight }
    }
    MouseArea { anchors.fill: parent; onClicked: root.opacity = 0 }
}
