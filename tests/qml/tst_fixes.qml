// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.Components
import NebengJek.App
import NebengJek.Notifications

// The client bugs of issue 13, each as a user saw it, on the real hub with a partner session.
Item {
    id: host
    width: 1280
    height: 800

TestCase {
    id: testCase
    name: "Fixes"
    when: windowShown

    Component { id: mainComponent; Main { width: 1280; height: 800 } }
    Component { id: centerComponent; NotificationCenter { width: 400; height: 600 } }

    // Each test rides from its own corner of the city (`spot`), its partner's car right there,
    // so an earlier test's driver is never the nearest.
    function pickup(spot) { return { lat: -6.1754 - 0.01 * spot, lng: 106.8272 } }
    function destination(spot) { return { lat: -6.1830 - 0.01 * spot, lng: 106.8290 } }

    function cleanup() {
        backend.startHub()
        backend.dropPartners()
    }

    function connected(session) {
        return session.signedIn && session.connection.state === ConnectionManager.Connected
    }

    function openMain(user, role) {
        App.session.signOut()
        const window = createTemporaryObject(mainComponent, testCase)
        verify(window)
        backend.signInToHub(user, role)
        tryVerify(() => backend.ready() && findChild(window.contentItem, "mainPage") !== null, 10000)
        backend.fastCar(App.session)
        return window
    }

    // The app's passenger matched with a partner driver waiting near the pickup.
    function matchPassenger(driverId, spot) {
        const ride = App.session.ride
        const driver = backend.partner(driverId, "driver")
        tryVerify(() => connected(driver), 10000)
        backend.placeCar(driver, pickup(spot).lat + 0.004, pickup(spot).lng - 0.002)
        driver.ride.goOnline()
        // The hub has the beacon (acknowledged) before anyone asks for a ride.
        tryCompare(driver.connection.offlineQueue, "pendingCount", 0, 10000)
        verify(ride.requestRide(pickup(spot), destination(spot)))
        tryVerify(() => {
            if (ride.state === RideController.Idle) // no_driver: the beacon was not in yet
                ride.requestRide(pickup(spot), destination(spot))
            return driver.ride.state === RideController.Proposal
        }, 10000)
        driver.ride.accept()
        tryCompare(ride, "state", RideController.Matched, 10000)
        return driver
    }

    function waitOffline() {
        tryVerify(() => App.session.connection.state !== ConnectionManager.Connected, 10000)
    }

    // The header's chat button kept working after the chat was opened and closed from the
    // ride card (the page overwrote the window's binding).
    function test_headerChatButtonAfterRideCard() {
        const window = openMain("fix-p1", "passenger")
        matchPassenger("fix-d1", 1)
        const chatPanel = findChild(window.contentItem, "chatPanel")
        mouseClick(findChild(findChild(window.contentItem, "passengerPanel"), "chatButton"))
        tryCompare(chatPanel, "visible", true)
        mouseClick(findChild(chatPanel, "closeChatButton"))
        tryCompare(chatPanel, "visible", false)
        const headerChat = findChild(window.header, "chatButton")
        mouseClick(headerChat)
        tryCompare(chatPanel, "visible", true)
        mouseClick(headerChat)
        tryCompare(chatPanel, "visible", false)
        App.session.ride.cancel()
    }

    // The notification center created long before it is opened shows real ages, not ages
    // against the time it was created: opening it takes the time again.
    function test_notificationAgesFreshWhenOpened() {
        App.session.signOut()
        backend.signInToHub("fix-p2", "passenger")
        tryVerify(() => backend.ready(), 10000)
        const center = createTemporaryObject(centerComponent, host,
                                             { model: App.session.notifications, visible: false })
        const created = Date.now() - 10 * 60000
        center.now = created // created ten minutes ago
        matchPassenger("fix-d2", 2) // the hub's "driver found"
        tryCompare(App.session.notifications, "count", 1, 10000)
        compare(host.visible, true)
        compare(center.now, created) // hidden: the clock stood still
        center.visible = true
        compare(center.visible, true)
        verify(Math.abs(center.now - Date.now()) < 5000, "now: " + center.now)
        tryVerify(() => findChild(center, "notificationAge") !== null)
        compare(findChild(center, "notificationAge").text, "just now")
        App.session.ride.cancel()
    }

    // Right after the start the remaining distance is the way to the destination, not the
    // driver's (zero) distance to the pickup; then the payment method chosen is readable.
    function test_remainingAfterStartAndPaymentReadable() {
        const window = openMain("fix-p3", "passenger")
        const driver = matchPassenger("fix-d3", 3)
        const ride = App.session.ride
        const remaining = findChild(findChild(window.contentItem, "remainingRow"), "value")
        // The driver reaches the pickup.
        tryVerify(() => driver.ride.remainingMeters < 1, 10000)
        tryCompare(remaining, "text", "0 m", 10000)
        driver.ride.startRide()
        tryCompare(ride, "state", RideController.OnRide, 10000)
        verify(remaining.text !== "0 m", remaining.text)
        verify(/km$/.test(remaining.text) || parseInt(remaining.text) > 100, remaining.text)
        verify(findChild(findChild(window.contentItem, "etaRow"), "value").text !== "–")

        // At the destination, and the start's answer in (arrive() ignores taps while busy).
        tryVerify(() => driver.ride.remainingMeters < 1 && !driver.ride.busy, 10000)
        driver.ride.arrive()
        tryCompare(ride, "state", RideController.AwaitingPayment, 10000)
        const methods = findChild(window.contentItem, "methodBox")
        tryCompare(methods, "visible", true)
        const wallet = findChild(methods, "option_1")
        mouseClick(wallet)
        compare(methods.currentValue, "wallet")
        // White on the brand colour, not on near-white; the others dark on light.
        compare(wallet.contentItem.color, Theme.textOnPrimary)
        compare(wallet.background.color, Theme.primary)
        compare(findChild(methods, "option_0").contentItem.color, Theme.text)
        mouseClick(findChild(window.contentItem, "payButton"))
        tryCompare(ride, "state", RideController.Completed, 10000)
        ride.finish()
    }

    // While we are disconnected the partner's presence is unknown: grey, not green.
    function test_partnerDotGreyWhileDisconnected() {
        const window = openMain("fix-p5", "passenger")
        matchPassenger("fix-d5", 5)
        const ride = App.session.ride
        const driverRow = findChild(findChild(window.contentItem, "driverCard"), "partnerRow")
        tryCompare(ride, "partnerOnline", true, 10000)
        compare(findChild(driverRow, "dot").color, Theme.success)
        backend.stopHub()
        waitOffline()
        tryCompare(ride, "partnerOnline", false)
        verify(findChild(driverRow, "dot").color !== Theme.success)
        verify(backend.startHub())
        tryVerify(() => backend.ready(), 60000)
        ride.cancel()
    }

    // A ride requested offline says it will be sent, and goes out once online.
    function test_requestOfflineSaysWillBeSent() {
        const window = openMain("fix-p6", "passenger")
        backend.stopHub()
        waitOffline()
        const ride = App.session.ride
        verify(ride.requestRide(pickup(6), destination(6)))
        compare(ride.queuedAction, "request")
        const searching = findChild(window.contentItem, "searchingCard")
        tryCompare(searching, "visible", true)
        compare(searching.subtitle, "Not sent yet: waiting for a connection.")
        const banner = findChild(window.contentItem, "queuedBanner")
        verify(banner.visible)
        verify(banner.text.indexOf("will be sent when you are back online") >= 0, banner.text)
        verify(backend.startHub())
        tryCompare(ride, "queuedAction", "", 60000)
        verify(!banner.visible)
        // The hub got it: it answers (no driver is online) instead of silence.
        tryCompare(ride, "lastOutcome", "no_driver", 10000)
    }

    // "Arrived" tapped offline says the arrival will be sent, and it is once online.
    function test_arriveOfflineSaysWillBeSent() {
        const window = openMain("fix-d7", "driver")
        const ride = App.session.ride
        ride.goOnline()
        tryCompare(App.session.connection.offlineQueue, "pendingCount", 0, 10000)
        const passenger = backend.partner("fix-q7", "passenger")
        tryVerify(() => connected(passenger), 10000)
        const car = ride.ownLocation
        tryVerify(() => {
            if (passenger.ride.state === RideController.Idle)
                passenger.ride.requestRide({ lat: car.lat + 0.002, lng: car.lng },
                                           { lat: car.lat - 0.003, lng: car.lng + 0.002 })
            return ride.state === RideController.Proposal
        }, 10000)
        ride.accept()
        tryCompare(ride, "state", RideController.Matched, 10000)
        tryVerify(() => ride.remainingMeters < 1, 10000)
        ride.startRide()
        tryCompare(ride, "state", RideController.OnRide, 10000)
        tryVerify(() => ride.remainingMeters < 1, 10000)
        backend.stopHub()
        waitOffline()
        const arrive = findChild(window.contentItem, "arriveButton")
        mouseClick(arrive)
        compare(ride.queuedAction, "arrive")
        const banner = findChild(findChild(window.contentItem, "driverPanel"), "queuedBanner")
        verify(banner.visible)
        verify(banner.text.indexOf("arrival will be sent when you are back online") >= 0, banner.text)
        compare(arrive.text, "Arrival queued")
        verify(backend.startHub())
        tryCompare(ride, "queuedAction", "", 60000)
        tryCompare(ride, "state", RideController.AwaitingPayment, 10000)
        tryCompare(passenger.ride, "state", RideController.AwaitingPayment, 60000)
        passenger.ride.pay("cash")
        tryCompare(ride, "state", RideController.Completed, 10000)
        ride.finish()
        ride.goOffline()
    }
}
}
