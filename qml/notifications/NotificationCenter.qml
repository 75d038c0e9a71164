// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// The notification center: newest first; a click marks one read, a button marks all read.
Rectangle {
    id: root

    property NotificationModel model
    signal closeRequested()

    // The reference for the relative times ("2 min ago"): set again whenever the center
    // becomes visible (it may have been created long before) and every 15 s while shown.
    property real now: Date.now()

    color: Theme.surface
    onVisibleChanged: if (visible) now = Date.now()

    Timer {
        interval: 15000
        repeat: true
        running: root.visible
        onTriggered: root.now = Date.now()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Title, "mark all read", close in a row; on a narrow screen (or with large text) the
        // button goes under the title.
        GridLayout {
            id: headerGrid
            readonly property bool stacked: titleColumn.implicitWidth + markAllButton.implicitWidth
                                            + closeButton.implicitWidth + 2 * columnSpacing
                                            > root.width - 2 * Theme.spacingL
            Layout.fillWidth: true
            Layout.margins: Theme.spacingL
            columns: 3
            rowSpacing: Theme.spacingS
            columnSpacing: Theme.spacingS
            ColumnLayout {
                id: titleColumn
                Layout.row: 0
                Layout.column: 0
                spacing: 2
                Layout.fillWidth: true
                Text {
                    text: qsTr("Notifications")
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    objectName: "unreadSummary"
                    text: root.model && root.model.unreadCount > 0
                          ? qsTr("%n unread", "", root.model.unreadCount) : qsTr("All caught up")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                }
            }
            ActionButton {
                id: markAllButton
                objectName: "markAllReadButton"
                Layout.row: headerGrid.stacked ? 1 : 0
                Layout.column: headerGrid.stacked ? 0 : 1
                Layout.columnSpan: headerGrid.stacked ? 3 : 1
                Layout.alignment: Qt.AlignLeft
                text: qsTr("Mark all read")
                implicitHeight: 32
                font.pixelSize: Theme.fontSmall
                enabled: root.model && root.model.unreadCount > 0
                onClicked: root.model.markAllRead()
            }
            IconButton {
                id: closeButton
                objectName: "closeButton"
                Layout.row: 0
                Layout.column: headerGrid.stacked ? 1 : 2
                Layout.alignment: Qt.AlignTop
                onClicked: root.closeRequested()
                Accessible.name: qsTr("Close")
            }
        }
        Rectangle { Layout.fillWidth: true; height: 1; color: Theme.border }

        ListView {
            id: list
            objectName: "notificationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.model
            ScrollBar.vertical: ScrollBar { }

            delegate: ItemDelegate {
                id: delegate
                required property int index
                required property var notificationId
                required property string kind
                required property string title
                required property string body
                required property var createdAt
                required property bool read
                required property string textKey
                required property var textArgs

                objectName: "notification_" + notificationId
                width: ListView.view.width
                padding: Theme.spacingL
                background: Rectangle {
                    color: delegate.down ? Theme.border
                         : delegate.hovered ? Theme.surfaceAlt
                         : delegate.read ? Theme.surface : "#F1FBF6"
                    Rectangle {
                        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                        height: 1
                        color: Theme.border
                    }
                }
                onClicked: root.model.markRead(notificationId)

                contentItem: RowLayout {
                    spacing: Theme.spacingM
                    Rectangle {
                        objectName: "unreadDot"
                        Layout.alignment: Qt.AlignTop
                        Layout.topMargin: 6
                        width: 8; height: 8; radius: 4
                        color: delegate.read ? "transparent" : Theme.primary
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        RowLayout {
                            Layout.fillWidth: true
                            Text {
                                objectName: "notificationTitle"
                                Layout.fillWidth: true
                                Layout.alignment: Qt.AlignTop
                                text: NotificationTexts.title(delegate.kind, delegate.title)
                                font.pixelSize: Theme.fontBody
                                font.bold: !delegate.read
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            Text {
                                objectName: "notificationAge"
                                Layout.alignment: Qt.AlignTop
                                text: Format.relative(delegate.createdAt, root.now)
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                        }
                        Text {
                            objectName: "notificationBody"
                            Layout.fillWidth: true
                            visible: text.length > 0
                            // In the app's language when the server sent a key (ServerTexts).
                            text: ServerTexts.text(delegate.textKey, delegate.textArgs, delegate.body)
                            font.pixelSize: Theme.fontSmall + 1
                            color: Theme.textMuted
                            wrapMode: Text.WordWrap
                            maximumLineCount: 3
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            Text {
                objectName: "emptyText"
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No notifications yet")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }
        }
    }
}
