// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import NebengJek.Core
import NebengJek.App

Item {
    width: 1000
    height: 800

    SignInPage {
        id: page
        anchors.fill: parent
        session: App.session
    }

    TestCase {
        name: "SignInPage"
        when: windowShown

        function init() {
            App.session.signOut()
            App.session.clearError()
            findChild(page, "modeBar").currentIndex = 0
            tryCompare(findChild(page, "signInFlickable"), "moving", false)
            waitForRendering(page)
        }

        function test_refusesAnEmptyServer() {
            findChild(page, "serverField").text = ""
            findChild(page, "userField").text = "someone"
            mouseClick(findChild(page, "signInButton"))
            compare(App.session.stage, AppSession.SignedOut)
            const error = findChild(page, "errorText")
            verify(error.visible)
            verify(error.text.length > 0)
        }

        function test_roleSelector() {
            const roles = findChild(page, "roleSelector")
            mouseClick(findChild(roles, "option_0"))
            compare(page.role, "driver")
            mouseClick(findChild(roles, "option_1"))
            compare(page.role, "passenger")
        }

        function test_modeSwitch() {
            verify(findChild(page, "userField").visible)
            verify(!findChild(page, "tokenField").visible)
            mouseClick(findChild(findChild(page, "modeBar"), "option_1"))
            verify(page.developerMode === false)
            verify(findChild(page, "tokenField").visible)
            verify(!findChild(page, "userField").visible)
        }

        function test_keychainWarningNeedsRememberAndNoKeychain() {
            const remember = findChild(page, "rememberBox")
            const warning = findChild(page, "keychainWarning")
            remember.checked = false
            verify(!warning.visible)
            mouseClick(remember)
            verify(remember.checked)
            // The test runs without a keychain daemon: the store finds out, the form says so
            // and offers the plain-text file only as an explicit choice.
            tryCompare(App.session.tokenStore, "probed", true, 10000)
            compare(App.session.keychainAvailable, false)
            verify(warning.visible)
            compare(findChild(page, "plaintextBox").checked, false)
            mouseClick(remember)
            verify(!warning.visible)
        }

        function test_developerSignIn() {
            findChild(page, "serverField").text = backend.hubUrl
            findChild(page, "userField").text = "qml-signin"
            mouseClick(findChild(findChild(page, "roleSelector"), "option_0"))
            mouseClick(findChild(page, "signInButton"))
            tryCompare(App.session, "stage", AppSession.SignedIn, 10000)
            compare(App.session.userId, "qml-signin")
            compare(App.session.role, "driver")
            compare(findChild(page, "errorText").visible, false)
        }

        function test_badTokenIsRefusedByTheServer() {
            findChild(page, "serverField").text = backend.hubUrl
            mouseClick(findChild(findChild(page, "modeBar"), "option_1"))
            findChild(page, "tokenField").text = "not-a-jwt"
            mouseClick(findChild(page, "signInButton"))
            // The real gateway refuses it before the upgrade (HTTP 401).
            tryCompare(App.session, "stage", AppSession.SignedOut, 10000)
            verify(App.session.errorString.length > 0)
            // A sentence, not the close reason's code.
            verify(App.session.errorString.indexOf("http_401") < 0, App.session.errorString)
            verify(App.session.errorString.indexOf("did not accept your sign-in") >= 0, App.session.errorString)
            verify(findChild(page, "errorText").visible)
        }
    }
}
