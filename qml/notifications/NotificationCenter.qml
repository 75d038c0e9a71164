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

    // Refreshes the relative times while open.
    property real now: Date.now()

    color: Theme.surface

    Timer {
        interval: 30000
        repeat: true
        running: root.visible
        onTriggered: root.now = Date.now()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spacingL
            spacing: Theme.spacingS
            ColumnLayout {
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
                objectName: "markAllReadButton"
                text: qsTr("Mark all read")
                implicitHeight: 32
                font.pixelSize: Theme.fontSmall
                enabled: root.model && root.model.unreadCount > 0
                onClicked: root.model.markAllRead()
            }
            IconButton {
                objectName: "closeButton"
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
                                Layout.fillWidth: true
                                text: NotificationTexts.title(delegate.kind, delegate.title)
                                font.pixelSize: Theme.fontBody
                                font.bold: !delegate.read
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Text {
                                text: Format.relative(delegate.createdAt, root.now)
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: text.length > 0
                            text: delegate.body
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
