// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.App

// The main window on the real hub: sign-in, the role's page, the header (connection, quality,
// bell, chat), notifications the hub raises for a ride with a partner driver, sign-out.
TestCase {
    id: testCase
    name: "MainWindow"
    when: windowShown

    Component { id: mainComponent; Main { } }

    function cleanup() {
        App.session.applicationActive = true
        if (App.session.signedIn)
            App.session.ride.cancel()
        backend.dropPartners()
    }

    function connected(session) {
        return session.signedIn && session.connection.state === ConnectionManager.Connected
    }

    // A partner driver near `pickup` accepts the app's passenger.
    function matchPassenger(driverId, pickup) {
        const ride = App.session.ride
        const destination = { lat: pickup.lat - 0.008, lng: pickup.lng + 0.002 }
        const driver = backend.partner(driverId, "driver")
        tryVerify(() => connected(driver), 10000)
        backend.placeCar(driver, pickup.lat + 0.004, pickup.lng - 0.002)
        driver.ride.goOnline()
        tryCompare(driver.connection.offlineQueue, "pendingCount", 0, 10000)
        tryVerify(() => {
            if (ride.state === RideController.Idle) // no_driver: the beacon was not in yet
                ride.requestRide(pickup, destination)
            return driver.ride.state === RideController.Proposal
        }, 10000)
        driver.ride.accept()
        tryCompare(ride, "state", RideController.Matched, 10000)
        return driver
    }

    function test_driverGetsTheDriverPage() {
        App.session.signOut()
        const window = createTemporaryObject(mainComponent, testCase)
        verify(window)
        tryVerify(() => findChild(window.contentItem, "signInPage") !== null)
        backend.signInToHub("qml-m0", "driver")
        tryVerify(() => findChild(window.contentItem, "driverPanel") !== null, 10000)
        verify(findChild(window.contentItem, "passengerPanel") === null)
        verify(findChild(window.contentItem, "rideMap") !== null)
    }

    function test_signInThenMainThenSignOut() {
        App.session.signOut()
        const window = createTemporaryObject(mainComponent, testCase)
        verify(window)
        tryVerify(() => findChild(window.contentItem, "signInPage") !== null)
        verify(!window.header.visible)

        backend.signInToHub("qml-m1", "passenger")
        tryVerify(() => findChild(window.contentItem, "mainPage") !== null, 10000)
        verify(findChild(window.contentItem, "signInPage") === null)
        verify(window.header.visible)
        tryVerify(() => findChild(window.contentItem, "passengerPanel") !== null)
        verify(findChild(window.contentItem, "rideMap") !== null)
        tryCompare(findChild(window.header, "connectionIndicator"), "text", "Connected", 10000)
        tryVerify(() => /ms$/.test(findChild(window.header, "qualityIndicator").label), 15000)
        verify(window.title.indexOf("qml-m1") >= 0)
        compare(App.session.notifications.count, 0)

        // The bell opens the notification center; the hub's "driver found" shows there and on
        // the badge.
        mouseClick(findChild(window.header, "notificationBell"))
        tryCompare(window, "notificationsOpen", true)
        const driver = matchPassenger("qml-m9", { lat: -6.1154, lng: 106.8272 })
        tryCompare(App.session.notifications, "count", 1, 10000)
        compare(findChild(findChild(window.header, "notificationBell"), "badge").label, "1")

        // In the background, a new notification ("ride started") also goes to the desktop.
        const shown = backend.desktopNotifications
        App.session.applicationActive = false
        tryVerify(() => driver.ride.remainingMeters < 1 && !driver.ride.busy, 10000)
        driver.ride.startRide()
        tryCompare(backend, "desktopNotifications", shown + 1, 10000)
        compare(App.session.notifications.count, 2)
        App.session.applicationActive = true

        mouseClick(findChild(window.header, "signOutButton"))
        tryVerify(() => findChild(window.contentItem, "signInPage") !== null)
        compare(App.session.stage, AppSession.SignedOut)
    }

    function test_chatButtonOnlyWithAPartner() {
        App.session.signOut()
        const window = createTemporaryObject(mainComponent, testCase)
        backend.signInToHub("qml-m2", "passenger")
        tryVerify(() => findChild(window.contentItem, "passengerPanel") !== null, 10000)
        const chatButton = findChild(window.header, "chatButton")
        verify(!chatButton.visible)
        matchPassenger("qml-m8", { lat: -6.1054, lng: 106.8272 })
        tryCompare(chatButton, "visible", true)
        mouseClick(chatButton)
        const chatPanel = findChild(window.contentItem, "chatPanel")
        tryCompare(chatPanel, "visible", true)
        mouseClick(findChild(chatPanel, "closeChatButton"))
        tryCompare(chatPanel, "visible", false)
    }
}
