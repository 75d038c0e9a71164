// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// One chat message: mine on the right in brand colour with its delivery state (sending,
// sent ✓, read ✓✓, failed), the partner's on the left.
Item {
    id: root

    // Model roles of ChatModel.
    required property string body
    required property bool mine
    required property int status
    required property real sentAt
    required property string tempId
    property real maxBubbleWidth: 280
    signal retryRequested()

    readonly property string statusText: {
        switch (status) {
        case ChatModel.Pending: return qsTr("Sending…")
        case ChatModel.Sent: return "✓"
        case ChatModel.Read: return "✓✓"
        case ChatModel.Failed: return qsTr("Not sent · tap to retry")
        default: return ""
        }
    }

    implicitHeight: bubble.height + Theme.spacingXs

    Rectangle {
        id: bubble
        anchors.right: root.mine ? parent.right : undefined
        anchors.left: root.mine ? undefined : parent.left
        width: Math.min(root.maxBubbleWidth, Math.max(bodyText.implicitWidth, metaRow.implicitWidth) + 2 * Theme.spacingM)
        height: content.implicitHeight + 2 * Theme.spacingS
        radius: 12
        color: root.mine ? (root.status === ChatModel.Failed ? Theme.dangerSoft : Theme.primary) : Theme.surface
        border.color: root.mine ? "transparent" : Theme.border

        ColumnLayout {
            id: content
            anchors.fill: parent
            anchors.margins: Theme.spacingS
            anchors.leftMargin: Theme.spacingM
            anchors.rightMargin: Theme.spacingM
            spacing: 2
            Text {
                id: bodyText
                objectName: "bodyText"
                Layout.fillWidth: true
                text: root.body
                wrapMode: Text.Wrap
                color: root.mine && root.status !== ChatModel.Failed ? "white" : Theme.text
                font.pixelSize: Theme.fontBody
            }
            RowLayout {
                id: metaRow
                Layout.alignment: Qt.AlignRight
                spacing: Theme.spacingXs
                Text {
                    text: root.sentAt > 0 ? Format.time(root.sentAt) : ""
                    font.pixelSize: 10
                    color: root.mine && root.status !== ChatModel.Failed ? Qt.rgba(1, 1, 1, 0.8) : Theme.textMuted
                }
                Text {
                    objectName: "statusText"
                    visible: root.mine
                    text: root.statusText
                    font.pixelSize: root.status === ChatModel.Sent || root.status === ChatModel.Read ? 12 : 10
                    font.bold: root.status === ChatModel.Read
                    color: root.status === ChatModel.Failed ? Theme.danger
                         : root.status === ChatModel.Read ? "#BFDBFE" : Qt.rgba(1, 1, 1, 0.85)
                }
            }
        }
        MouseArea {
            anchors.fill: parent
            enabled: root.status === ChatModel.Failed
            cursorShape: enabled ? Qt.PointingHandCursor : Qt.ArrowCursor
            onClicked: root.retryRequested()
        }
    }
}
