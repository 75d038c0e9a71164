// SPDX-License-Identifier: MIT
// Shared by the app's C++ tests: signing an AppSession in and waiting for it.
#pragma once

#include "connection/connectionmanager.h"
#include "models/appsession.h"

#include <QTest>

namespace NebengJek::Test {

// Loaded 2-core CI machines: generous; the happy path takes milliseconds.
inline constexpr int kWaitMs = 20000;

// Signed in and connected.
inline bool waitUntilReady(Client::AppSession &session, int timeoutMs = kWaitMs)
{
    return QTest::qWaitFor(
            [&session] {
                return session.stage() == Client::AppSession::SignedIn
                        && session.connection()->state() == Client::ConnectionManager::Connected;
            },
            timeoutMs);
}

// No keychain daemon in tests: point D-Bus at nothing, so QtKeychain fails fast instead of
// whatever the environment has (TokenStore then reports "no keychain").
inline void isolateFromDesktop()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/nebengjek-no-bus");
}

} // namespace NebengJek::Test
