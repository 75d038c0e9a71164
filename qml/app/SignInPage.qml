// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components

// Sign-in: server address, then a token or (development servers) a user id and a role.
// "Remember me" keeps the token in the system keychain; without one, only in a plain-text
// file and only if the user says so.
Rectangle {
    id: root

    property AppSession session
    readonly property bool developerMode: modeBar.currentIndex === 0
    property string role: session && session.lastRole.length > 0 ? session.lastRole : "passenger"

    function submit() {
        if (!session || session.busy)
            return
        if (developerMode)
            session.devSignIn(serverField.text, userField.text, root.role, secretField.text,
                              rememberBox.checked, plaintextBox.checked)
        else
            session.signIn(serverField.text, tokenField.text, rememberBox.checked,
                           plaintextBox.checked)
    }

    color: Theme.background

    // A band of brand colour behind the card.
    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: parent.height * 0.38
        color: Theme.header
        Text {
            anchors { left: parent.left; top: parent.top; margins: Theme.spacingXl }
            text: "NebengJek"
            color: "white"
            font.pixelSize: Theme.fontTitle
            font.bold: true
        }
    }

    Flickable {
        objectName: "signInFlickable"
        anchors.fill: parent
        contentHeight: Math.max(height, card.implicitHeight + 2 * Theme.spacingXl)
        clip: true
        // No rebound: a form that bounces swallows the next click while it settles.
        boundsBehavior: Flickable.StopAtBounds

        Card {
            id: card
            objectName: "signInCard"
            width: Math.min(460, root.width - 2 * Theme.spacingL)
            anchors.horizontalCenter: parent.horizontalCenter
            y: Math.max(Theme.spacingXl, (root.height - implicitHeight) / 2)
            title: qsTr("Sign in")
            subtitle: qsTr("Drivers and passengers use the same app. Your role comes with your account.")
            spacing: Theme.spacingM

            Label { text: qsTr("Server"); font.bold: true; color: Theme.text }
            TextField {
                id: serverField
                objectName: "serverField"
                Layout.fillWidth: true
                text: root.session ? root.session.lastServerUrl : ""
                placeholderText: "ws://127.0.0.1:8080/ws"
                selectByMouse: true
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                onAccepted: root.submit()
            }

            Segmented {
                id: modeBar
                objectName: "modeBar"
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingXs
                options: [qsTr("Developer sign-in"), qsTr("Access token")]
            }

            // Developer sign-in
            ColumnLayout {
                visible: root.developerMode
                spacing: Theme.spacingS
                Layout.fillWidth: true

                Label { text: qsTr("User id"); font.bold: true; color: Theme.text }
                TextField {
                    id: userField
                    objectName: "userField"
                    Layout.fillWidth: true
                    text: root.session ? root.session.lastUserId : ""
                    placeholderText: qsTr("for example driver-1")
                    selectByMouse: true
                    inputMethodHints: Qt.ImhNoAutoUppercase
                    onAccepted: root.submit()
                }
                Label { text: qsTr("Role"); font.bold: true; color: Theme.text; Layout.topMargin: Theme.spacingXs }
                Segmented {
                    objectName: "roleSelector"
                    Layout.fillWidth: true
                    options: [qsTr("Driver"), qsTr("Passenger")]
                    currentIndex: root.role === "driver" ? 0 : 1
                    onActivated: index => root.role = index === 0 ? "driver" : "passenger"
                }
                Label { text: qsTr("Developer secret (optional)"); font.bold: true; color: Theme.text; Layout.topMargin: Theme.spacingXs }
                TextField {
                    id: secretField
                    objectName: "secretField"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    onAccepted: root.submit()
                }
                // A hint under the field rather than a placeholder: it wraps on a phone.
                Text {
                    text: qsTr("only if the server has no /dev/token endpoint")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    Layout.topMargin: -Theme.spacingXs
                }
            }

            // Token sign-in
            ColumnLayout {
                visible: !root.developerMode
                spacing: Theme.spacingS
                Layout.fillWidth: true

                Label { text: qsTr("Access token"); font.bold: true; color: Theme.text }
                TextField {
                    id: tokenField
                    objectName: "tokenField"
                    Layout.fillWidth: true
                    echoMode: TextInput.PasswordEchoOnEdit
                    onAccepted: root.submit()
                }
                Text {
                    text: qsTr("paste the token from the NebengJek account service")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    Layout.topMargin: -Theme.spacingXs
                }
            }

            CheckBox {
                id: rememberBox
                objectName: "rememberBox"
                text: qsTr("Remember me on this device")
                Layout.topMargin: Theme.spacingXs
            }

            // No keychain: say so, and only store in plain text on explicit consent.
            Rectangle {
                objectName: "keychainWarning"
                visible: rememberBox.checked && root.session && !root.session.keychainAvailable
                Layout.fillWidth: true
                implicitHeight: warningColumn.implicitHeight + 2 * Theme.spacingM
                radius: Theme.radiusSmall
                color: Theme.warningSoft
                border.color: "#FCD34D"
                ColumnLayout {
                    id: warningColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    spacing: Theme.spacingXs
                    Text {
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        font.pixelSize: Theme.fontSmall
                        text: qsTr("No system keychain is available, so your token cannot be stored securely. "
                                   + "It can only be kept in a plain-text file that programs running as you can read.")
                    }
                    CheckBox {
                        id: plaintextBox
                        objectName: "plaintextBox"
                        text: qsTr("Store it in plain text anyway")
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }

            Text {
                objectName: "errorText"
                visible: text.length > 0
                text: root.session ? root.session.errorString : ""
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingS
                spacing: Theme.spacingS
                BusyIndicator {
                    running: root.session && root.session.busy
                    visible: running
                    Layout.preferredWidth: 32
                    Layout.preferredHeight: 32
                }
                Item { Layout.fillWidth: true }
                ActionButton {
                    objectName: "cancelButton"
                    visible: root.session && root.session.busy
                    text: qsTr("Cancel")
                    onClicked: root.session.signOut()
                }
                ActionButton {
                    objectName: "signInButton"
                    text: qsTr("Sign in")
                    highlighted: true
                    enabled: root.session && !root.session.busy
                    onClicked: root.submit()
                }
            }
        }
    }
}
