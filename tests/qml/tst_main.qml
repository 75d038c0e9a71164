// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.App

TestCase {
    id: testCase
    name: "MainWindow"
    when: windowShown

    Component { id: mainComponent; Main { } }

    function test_signInThenMainThenSignOut() {
        App.session.signOut()
        const window = createTemporaryObject(mainComponent, testCase)
        verify(window)
        tryVerify(() => findChild(window.contentItem, "signInPage") !== null)
        verify(!window.header.visible)

        backend.signIn("qml-m1", "driver")
        tryVerify(() => findChild(window.contentItem, "mainPage") !== null, 10000)
        verify(findChild(window.contentItem, "signInPage") === null)
        verify(window.header.visible)
        tryVerify(() => findChild(window.contentItem, "driverPanel") !== null)
        verify(findChild(window.contentItem, "rideMap") !== null)
        tryCompare(findChild(window.header, "connectionIndicator"), "text", "Connected", 10000)
        tryVerify(() => /ms$/.test(findChild(window.header, "qualityIndicator").label), 15000)
        verify(window.title.indexOf("qml-m1") >= 0)

        // The bell opens the notification center; a new notification shows there and on the badge.
        mouseClick(findChild(window.header, "notificationBell"))
        tryCompare(window, "notificationsOpen", true)
        backend.pushNotification("qml-m1", "ride_completed", "Ride completed", "Thanks", 0)
        tryCompare(App.session.notifications, "count", 1)
        compare(findChild(findChild(window.header, "notificationBell"), "badge").label, "1")

        // In the background, a new notification also goes to the desktop.
        const shown = backend.desktopNotifications
        App.session.applicationActive = false
        backend.pushNotification("qml-m1", "ride_started", "Ride started", "", 0)
        tryCompare(backend, "desktopNotifications", shown + 1)
        App.session.applicationActive = true

        mouseClick(findChild(window.header, "signOutButton"))
        tryVerify(() => findChild(window.contentItem, "signInPage") !== null)
        compare(App.session.stage, AppSession.SignedOut)
    }

    function test_chatButtonOnlyWithAPartner() {
        App.session.signOut()
        const window = createTemporaryObject(mainComponent, testCase)
        backend.signIn("qml-m2", "passenger")
        tryVerify(() => findChild(window.contentItem, "passengerPanel") !== null, 10000)
        const chatButton = findChild(window.header, "chatButton")
        verify(!chatButton.visible)
        verify(App.session.ride.requestRide({ lat: -6.1754, lng: 106.8272 }, { lat: -6.2244, lng: 106.8296 }))
        backend.push("qml-m2", "match_status", { match_id: "mm1", status: "accepted", driver_id: "qml-m9",
                                                 passenger_id: "qml-m2", ride_id: "mr1" })
        tryCompare(chatButton, "visible", true)
        mouseClick(chatButton)
        const chatPanel = findChild(window.contentItem, "chatPanel")
        tryCompare(chatPanel, "visible", true)
        mouseClick(findChild(chatPanel, "closeChatButton"))
        tryCompare(chatPanel, "visible", false)
    }
}
