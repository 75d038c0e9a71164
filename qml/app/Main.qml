// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import NebengJek.Core
import NebengJek.Components
import NebengJek.Notifications
import NebengJek.Ride

ApplicationWindow {
    id: window

    readonly property AppSession session: App.session
    property bool chatOpen: false
    readonly property bool notificationsOpen: notificationDrawer.opened
    // Phones and narrow windows: one column (map + bottom sheet) and a compact header.
    readonly property bool compact: width < Theme.compactWidth

    width: 1280
    height: 800
    minimumWidth: 320
    minimumHeight: 480
    visible: true
    title: session && session.signedIn ? qsTr("NebengJek — %1").arg(session.userId) : qsTr("NebengJek")
    color: Theme.background

    palette.highlight: Theme.primary
    palette.highlightedText: "white"
    // The Basic style draws from the palette: switches and combo arrows in brand colour,
    // field borders a shade darker than card borders.
    palette.button: "#EEF2F6"
    palette.window: Theme.background
    palette.base: Theme.surface
    palette.text: Theme.text
    palette.windowText: Theme.text
    palette.buttonText: Theme.text
    palette.brightText: "white"
    palette.mid: "#CBD5E1"
    palette.midlight: "#E2E8F0"
    palette.dark: Theme.primary
    palette.placeholderText: "#94A3B8"
    font.pixelSize: Theme.fontBody

    onActiveChanged: if (session) session.applicationActive = active
    Component.onCompleted: {
        if (session)
            session.applicationActive = active
        // Demo scenes run without a window manager (screenshots under Xvfb): take the focus.
        if (App.demo)
            requestActivate()
    }

    header: AppHeader {
        visible: window.session && window.session.signedIn
        height: visible ? implicitHeight : 0
        session: window.session
        compact: window.width < Theme.compactHeaderWidth
        topInset: App.safeAreaTop
        leftInset: App.safeAreaLeft
        rightInset: App.safeAreaRight
        chatOpen: window.chatOpen
        onChatToggled: window.chatOpen = !window.chatOpen && window.session.chat.available
        onNotificationsClicked: notificationDrawer.open()
        onSignOutClicked: window.session.signOut()
        onHistoryClicked: historyDrawer.open()
    }

    Loader {
        anchors.fill: parent
        // The header already keeps clear of the top inset; without it (sign-in) the page does.
        anchors.topMargin: window.header.visible ? 0 : App.safeAreaTop
        anchors.leftMargin: App.safeAreaLeft
        anchors.rightMargin: App.safeAreaRight
        anchors.bottomMargin: App.safeAreaBottom
        sourceComponent: window.session && window.session.signedIn ? mainComponent : signInComponent
    }

    Component {
        id: signInComponent
        SignInPage { objectName: "signInPage"; session: window.session }
    }
    Component {
        id: mainComponent
        MainPage {
            objectName: "mainPage"
            session: window.session
            compact: window.compact
            chatOpen: window.chatOpen
            onChatOpenRequested: open => window.chatOpen = open
        }
    }

    Drawer {
        id: notificationDrawer
        objectName: "notificationDrawer"
        edge: Qt.RightEdge
        y: window.header.height
        width: Math.min(400, window.width)
        height: window.height - window.header.height - App.safeAreaBottom
        dim: false
        // The app stays usable beside the open notification center.
        modal: false
        interactive: window.session && window.session.signedIn
        background: Rectangle {
            color: Theme.surface
            Rectangle { width: 1; height: parent.height; color: Theme.border }
        }
        onOpened: toast.hide()
        Component.onCompleted: if (App.initialPanel === "notifications") open()

        NotificationCenter {
            anchors.fill: parent
            model: window.session ? window.session.notifications : null
            onCloseRequested: notificationDrawer.close()
        }
    }

    // Trip history over the page, from the right (the whole width on phones).
    Drawer {
        id: historyDrawer
        objectName: "historyDrawer"
        edge: Qt.RightEdge
        y: window.header.height
        width: window.compact ? window.width : Math.min(440, window.width)
        height: window.height - window.header.height - App.safeAreaBottom
        interactive: window.session && window.session.signedIn
        onOpened: if (window.session) window.session.history.refresh()
        Component.onCompleted: if (App.initialPanel === "history") open()

        TripHistoryPage {
            anchors.fill: parent
            model: window.session ? window.session.history : null
            onCloseRequested: historyDrawer.close()
        }
    }

    Toast {
        id: toast
        objectName: "toast"
        anchors.horizontalCenter: parent.horizontalCenter
        // Phones: at the top, clear of the bottom sheet's main button (Pay, Accept...).
        y: window.compact ? Theme.spacingS
                          : parent.height - height - Theme.spacingXl - App.safeAreaBottom
        z: 10
    }

    Connections {
        target: window.session ? window.session.notifications : null
        function onNotificationArrived(id, kind, title, body, textKey, textArgs) {
            if (!notificationDrawer.opened)
                toast.show(NotificationTexts.title(kind, title), ServerTexts.text(textKey, textArgs, body))
        }
        function onDesktopNotificationRequested(id, kind, title, body, textKey, textArgs) {
            App.showDesktopNotification(NotificationTexts.title(kind, title),
                                        ServerTexts.text(textKey, textArgs, body))
        }
    }
    Connections {
        target: window.session ? window.session.chat : null
        // A demo scene may ask for the chat: open it once there is a conversation.
        function onAvailableChanged() {
            if (App.initialPanel === "chat" && window.session.chat.available)
                window.chatOpen = true
        }
        function onMessageArrived(senderId, body) {
            toast.show(qsTr("Message from %1").arg(senderId), body)
            if (!window.active)
                App.showDesktopNotification(qsTr("Message from %1").arg(senderId), body)
        }
    }
    Connections {
        target: window.session
        function onNotice(message) {
            toast.show(message, "")
        }
        function onSignedOutByServer(reason) {
            window.chatOpen = false
            notificationDrawer.close()
            historyDrawer.close()
        }
    }
}
