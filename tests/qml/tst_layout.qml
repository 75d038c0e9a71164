// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtTest
import NebengJek.Core
import NebengJek.App

// Every main screen at phone size (360x640, 400x800) and desktop size (1280x800), in English
// and Indonesian, driven through whole rides on the real hub with a partner session: every
// visible control lies inside the window (or inside a scrollable area that does) and no text
// is elided or cut off. The rider screens of issue #13 too: the fare estimate, the driver card,
// the cancel dialog, "driver has arrived", the rating and the trip history; and a hub
// notification rendered in Indonesian with the locale's money format.
TestCase {
    id: testCase
    name: "Layout"
    when: windowShown

    Component { id: mainComponent; Main { } }

    property var window: null
    property string where: ""
    property string language: "en"

    function cleanup() {
        backend.setLanguage("en")
        backend.dropPartners()
    }

    // --- the checks ---

    function isButton(item) { return "autoRepeat" in item && "pressed" in item && "checkable" in item }
    function isText(item) { return "truncated" in item && "wrapMode" in item && "elide" in item }
    function isField(item) { return "placeholderText" in item && "echoMode" in item }
    function isCombo(item) { return "currentIndex" in item && "popup" in item && "displayText" in item }

    function nearestFlickable(item) {
        for (let p = item.parent; p; p = p.parent) {
            if ("contentY" in p && "flickableDirection" in p)
                return p
        }
        return null
    }

    function describe(item) {
        const name = item.objectName ? item.objectName : String(item)
        return where + ": " + name + (isText(item) ? " \"" + item.text + "\"" : "")
               + (isButton(item) ? " [" + item.text + "]" : "")
    }

    // Inside the window horizontally; vertically too unless a scrollable area holds it (then
    // that area must be inside the window and the item within its content).
    function checkBounds(item, root) {
        const p = item.mapToItem(null, 0, 0)
        const tolerance = 0.5
        verify(p.x >= -tolerance && p.x + item.width <= root.width + tolerance,
               describe(item) + " sticks out sideways: x " + p.x + " width " + item.width)
        const flick = nearestFlickable(item)
        if (flick) {
            const f = flick.mapToItem(null, 0, 0)
            verify(f.y >= -tolerance && f.y + flick.height <= root.height + tolerance,
                   describe(flick) + " (scroll area) is outside the window")
            const c = item.mapToItem(flick.contentItem, 0, 0)
            verify(c.y >= -tolerance && c.y + item.height <= Math.max(flick.contentHeight, flick.height) + tolerance,
                   describe(item) + " is outside its scroll area")
            verify(p.x >= f.x - tolerance && p.x + item.width <= f.x + flick.width + tolerance,
                   describe(item) + " sticks out of its scroll area")
        } else {
            verify(p.y >= -tolerance && p.y + item.height <= root.height + tolerance,
                   describe(item) + " is outside the window: y " + p.y + " height " + item.height)
        }
    }

    function checkText(item) {
        verify(!item.truncated, describe(item) + " is elided")
        if (item.wrapMode === Text.NoWrap && item.text.length > 0)
            verify(item.implicitWidth <= item.width + 1,
                   describe(item) + " is cut off: needs " + item.implicitWidth + ", has " + item.width)
    }

    // Walks the visible item tree; the map's own labels are clipped by design and skipped.
    function walk(item, root, counts) {
        if (!item || !item.visible || item.opacity === 0 || item.objectName === "rideMap")
            return
        if (isText(item) && item.text.length > 0) {
            // Even squeezed to nothing: a text with no room is a bug, not an invisible item.
            checkBounds(item, root)
            checkText(item)
            ++counts.texts
        } else if (item.width <= 0 || item.height <= 0) {
            // A visible button squeezed to nothing is a button the user cannot press.
            verify(!isButton(item) || item.text.length === 0,
                   describe(item) + " is visible but has no size: " + item.width + "x" + item.height)
            if (item.clip)
                return
        } else if (isButton(item) || isField(item) || isCombo(item)) {
            checkBounds(item, root)
            ++counts.controls
            if (isButton(item) && item.contentItem && isText(item.contentItem))
                checkText(item.contentItem)
        }
        for (let i = 0; i < item.children.length; ++i)
            walk(item.children[i], root, counts)
    }

    function checkScreen(screen) {
        where = screen + " @" + window.width + "x" + window.height + " " + App.session.userId
        // Let layouts settle after the last state change (a banner that just appeared is laid
        // out in the next polish pass).
        waitForRendering(window.contentItem, 2000)
        wait(50)
        const counts = { controls: 0, texts: 0 }
        walk(window.contentItem.parent, window.contentItem.parent, counts)
        // Popups (drawer, menus) live in the overlay.
        verify(counts.controls > 0, where + ": no controls found")
        verify(counts.texts > 0, where + ": no texts found")
        return counts
    }

    // --- the screens ---

    function openWindow(w, h, language) {
        verify(backend.setLanguage(language), "translation " + language)
        testCase.language = language
        App.session.signOut()
        window = createTemporaryObject(mainComponent, testCase, { width: w, height: h })
        verify(window)
        tryCompare(window, "width", w)
        tryVerify(() => findChild(window.contentItem, "signInPage") !== null)
    }

    function signIn(user, role) {
        backend.signInToHub(user, role)
        tryVerify(() => backend.ready() && findChild(window.contentItem, "mainPage") !== null, 10000)
        backend.fastCar(App.session)
    }

    function connected(session) {
        return session.signedIn && session.connection.state === ConnectionManager.Connected
    }

    // The real hub, a real partner: the passenger asks, the app's driver answers.
    function driverScreens(suffix) {
        const user = "lay-d" + suffix
        signIn(user, "driver")
        const ride = App.session.ride
        checkScreen("driver offline")
        ride.goOnline()
        tryCompare(ride, "state", RideController.Online)
        tryCompare(App.session.connection.offlineQueue, "pendingCount", 0, 10000)
        checkScreen("driver online")
        const passenger = backend.partner("lay-q" + suffix, "passenger")
        tryVerify(() => connected(passenger), 10000)
        const car = ride.ownLocation
        const pickup = { lat: car.lat + 0.003, lng: car.lng + 0.002 }
        const destination = { lat: car.lat - 0.004, lng: car.lng + 0.005 }
        tryVerify(() => {
            if (passenger.ride.state === RideController.Idle)
                passenger.ride.requestRide(pickup, destination)
            return ride.state === RideController.Proposal
        }, 10000)
        checkScreen("proposal")
        ride.accept()
        tryCompare(ride, "state", RideController.Matched)
        checkScreen("driver to pickup")
        cancelDialog("driver", true)
        tryVerify(() => ride.remainingMeters < 1, 10000)
        ride.atPickup()
        tryVerify(() => ride.driverAtPickup, 10000)
        checkScreen("driver at pickup")
        ride.startRide()
        tryCompare(ride, "state", RideController.OnRide)
        checkScreen("driver on ride")
        tryVerify(() => ride.remainingMeters < 1 && !ride.busy, 10000)
        ride.arrive()
        tryCompare(ride, "state", RideController.AwaitingPayment)
        checkScreen("driver awaiting payment")
        tryCompare(passenger.ride, "state", RideController.AwaitingPayment)
        passenger.ride.pay("cash")
        tryCompare(ride, "state", RideController.Completed)
        verify(findChild(window.contentItem, "collectCashBanner").visible, "no collect-cash notice")
        checkScreen("driver completed")
        rate("driver")
        ride.finish()
        ride.goOffline()
        passenger.ride.finish()
    }

    // The app's passenger asks, a partner driver answers and drives.
    function passengerScreens(suffix) {
        const user = "lay-p" + suffix
        signIn(user, "passenger")
        const ride = App.session.ride
        checkScreen("passenger request")
        const driver = backend.partner("lay-e" + suffix, "driver")
        tryVerify(() => connected(driver), 10000)
        backend.placeCar(driver, -6.1700, 106.8250)
        driver.ride.goOnline()
        // The hub has the beacon (acknowledged) before anyone asks for a ride.
        tryCompare(driver.connection.offlineQueue, "pendingCount", 0, 10000)
        const pickup = { lat: -6.1754, lng: 106.8272 }
        const destination = { lat: -6.1830, lng: 106.8290 }
        // The request card's presets (Monas -> ...) get the server's estimate.
        tryVerify(() => ride.estimator.available, 10000)
        const fareRow = findChild(window.contentItem, "estimateFareRow")
        verify(findChild(fareRow, "value").text.indexOf("Rp") === 0, "no estimated fare")
        checkScreen("passenger estimate")
        verify(ride.requestRide(pickup, destination))
        checkScreen("passenger searching")
        tryVerify(() => {
            if (ride.state === RideController.Idle) // no_driver: the beacon was not in yet
                ride.requestRide(pickup, destination)
            return driver.ride.state === RideController.Proposal
        }, 10000)
        driver.ride.accept()
        tryCompare(ride, "state", RideController.Matched)
        tryVerify(() => ride.partnerLocation.lat !== undefined, 10000)
        checkScreen("passenger matched")
        verify(findChild(window.contentItem, "vehicleRow").visible, "driver card without vehicle")
        cancelDialog("passenger", false)
        // The chat over (phone) or beside (desktop) the map.
        mouseClick(findChild(window.header, "chatButton"))
        tryVerify(() => window.chatOpen)
        driver.chat.send("On my way!")
        tryVerify(() => App.session.chat.count >= 1, 10000)
        checkScreen("chat")
        window.chatOpen = false
        // The notification center (the hub's "driver found").
        mouseClick(findChild(window.header, "notificationBell"))
        tryCompare(window, "notificationsOpen", true)
        tryVerify(() => App.session.notifications.count >= 1, 10000)
        checkScreen("notifications")
        const drawer = findChild(window, "notificationDrawer")
        mouseClick(findChild(drawer.contentItem, "closeButton"))
        tryCompare(window, "notificationsOpen", false)
        tryCompare(drawer, "visible", false) // slid out
        tryVerify(() => driver.ride.remainingMeters < 1, 10000)
        driver.ride.atPickup()
        tryVerify(() => ride.driverAtPickup, 10000)
        checkScreen("passenger driver arrived")
        driver.ride.startRide()
        tryCompare(ride, "state", RideController.OnRide)
        checkScreen("passenger on ride")
        tryVerify(() => driver.ride.remainingMeters < 1 && !driver.ride.busy, 10000)
        driver.ride.arrive()
        tryCompare(ride, "state", RideController.AwaitingPayment)
        checkScreen("payment")
        ride.pay("wallet")
        tryCompare(ride, "state", RideController.Completed)
        checkScreen("passenger completed")
        if (language === "id")
            notificationInIndonesian()
        rate("passenger")
        ride.finish()
        tryCompare(driver.ride, "state", RideController.Completed)
        driver.ride.finish()
        driver.ride.goOffline()
        history()
    }

    // Opens the cancel dialog, checks it (with the free-text reason when `other`), keeps the ride.
    function cancelDialog(who, other) {
        const dialog = findChild(window.contentItem, who === "driver" ? "driverPanel" : "passengerPanel").cancelDialog
        const button = findChild(window.contentItem, who === "driver" ? "driverCancelButton" : "cancelRideButton")
        verify(button && button.visible, where + ": no cancel button")
        button.clicked() // maybe below the sheet's fold on a small phone
        tryCompare(dialog, "opened", true)
        if (other) {
            mouseClick(findChild(dialog.contentItem, "reason_3"))
            tryVerify(() => findChild(dialog.contentItem, "otherReasonField").visible)
        }
        checkScreen(who + " cancel dialog")
        mouseClick(findChild(dialog.contentItem, "keepRideButton"))
        tryCompare(dialog, "visible", false)
        verify(App.session.ride.state === RideController.Matched, "keeping the ride cancelled it")
    }

    // The hub's "ride completed" notification (text_key + fare) in Indonesian: "Dibayar Rp 6.170."
    function notificationInIndonesian() {
        mouseClick(findChild(window.header, "notificationBell"))
        tryCompare(window, "notificationsOpen", true)
        const drawer = findChild(window, "notificationDrawer")
        let body = null
        tryVerify(() => {
            body = findText(drawer.contentItem, /^Dibayar Rp\u00a0\d{1,3}(\.\d{3})+\. Terima kasih/)
            return body !== null
        }, 10000, "no Indonesian ride-completed notification")
        mouseClick(findChild(drawer.contentItem, "closeButton"))
        tryCompare(window, "notificationsOpen", false)
        tryCompare(drawer, "visible", false)
    }

    function findText(item, pattern) {
        if (!item)
            return null
        if (isText(item) && item.visible && pattern.test(item.text))
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = findText(item.children[i], pattern)
            if (found)
                return found
        }
        return null
    }

    // Four stars and a comment field, then sent: the panel thanks.
    function rate(who) {
        const panel = findChild(window.contentItem, "ratingPanel")
        verify(panel && panel.visible, where + ": no rating after the ride")
        mouseClick(findChild(panel, "star_4"))
        tryVerify(() => findChild(panel, "ratingComment").visible)
        checkScreen(who + " rating")
        // Maybe scrolled below the sheet's fold on a small phone: the button's own action.
        findChild(panel, "sendRatingButton").clicked()
        tryCompare(App.session.ride, "myRating", 4)
        tryCompare(App.session.connection.offlineQueue, "pendingCount", 0, 10000)
        compare(App.session.ride.lastError, "")
        checkScreen(who + " rated")
    }

    // The trip history from the header (desktop) or the menu (phones): the ride just done.
    function history() {
        if (window.header.compact) {
            mouseClick(findChild(window.header, "menuButton"))
            const menu = findChild(window.header, "headerMenu")
            tryCompare(menu, "opened", true)
            mouseClick(findChild(menu.contentItem, "historyItem"))
        } else {
            mouseClick(findChild(window.header, "historyButton"))
        }
        const drawer = findChild(window, "historyDrawer")
        tryCompare(drawer, "opened", true)
        tryVerify(() => App.session.history.count >= 1 && !App.session.history.loading, 10000)
        checkScreen("trip history")
        mouseClick(findChild(drawer.contentItem, "closeHistoryButton"))
        tryCompare(drawer, "visible", false)
    }

    function compactHeaderMenu() {
        // Phones: sign-out lives in the menu.
        const menuButton = findChild(window.header, "menuButton")
        verify(menuButton.visible, where + ": no menu button")
        verify(!findChild(window.header, "signOutButton").visible)
        mouseClick(menuButton)
        const menu = findChild(window.header, "headerMenu")
        tryCompare(menu, "opened", true)
        const signOutItem = menu.itemAt(3)
        compare(signOutItem.objectName, "signOutItem")
        checkScreen("header menu")
        mouseClick(signOutItem)
        tryVerify(() => findChild(window.contentItem, "signInPage") !== null)
    }

    function runAll(w, h, language, suffix) {
        openWindow(w, h, language)
        checkScreen("sign-in")
        const page = findChild(window.contentItem, "signInPage")
        mouseClick(findChild(findChild(page, "modeBar"), "option_1"))
        checkScreen("sign-in with a token")
        mouseClick(findChild(findChild(page, "modeBar"), "option_0"))
        driverScreens(suffix)
        passengerScreens(suffix)
        if (window.header.compact)
            compactHeaderMenu()
        else
            verify(findChild(window.header, "signOutButton").visible)
    }

    function test_phone_en() { runAll(360, 640, "en", "1") }
    function test_phone_id() { runAll(360, 640, "id", "2") }
    function test_tall_phone_id() { runAll(400, 800, "id", "3") }
    function test_desktop_en() { runAll(1280, 800, "en", "4") }
    function test_desktop_id() { runAll(1280, 800, "id", "5") }
    // A small laptop or a tablet: the desktop page, the compact header.
    function test_narrow_desktop_id() { runAll(760, 700, "id", "7") }

    // Large text (the user's font scale) on a phone still fits.
    function test_phone_large_font() {
        App.fontScale = 1.3
        try {
            runAll(360, 640, "id", "6")
        } finally {
            App.fontScale = 1
        }
    }

    // Safe-area insets (notch, home indicator) keep the header and the sheet clear.
    function test_phone_safe_area() {
        App.setSafeAreaInsets(32, 0, 20, 0)
        try {
            openWindow(360, 640, "en")
            signIn("lay-s1", "passenger")
            const header = window.header
            const status = findChild(header, "connectionStatus")
            verify(status.mapToItem(null, 0, 0).y >= 32, "header content under the notch")
            const sheet = findChild(window.contentItem, "bottomSheet")
            const bottom = sheet.mapToItem(null, 0, 0).y + sheet.height
            verify(bottom <= window.height - 20 + 0.5, "sheet under the home indicator: " + bottom)
            checkScreen("safe area")
        } finally {
            App.setSafeAreaInsets(0, 0, 0, 0)
        }
    }
}
