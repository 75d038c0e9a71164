// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/role.h>

#include <QByteArray>
#include <QString>

namespace NebengJek::Client {

// A development-only sign-in: an HS256 JWT signed with the dev secret a `--dev` server was
// started with. Used when the server does not offer a /dev/token endpoint. Never used with a
// production server (those verify RS256 or a secret the app never sees).
struct DevToken
{
    // Long enough for a demo or a test run, short enough that a leaked dev token dies soon.
    static constexpr qint64 kLifetimeSeconds = 12 * 3600;

    static QString mint(const QString &userId, Protocol::Role role, const QByteArray &secret,
                        qint64 nowSeconds, qint64 lifetimeSeconds = kLifetimeSeconds);
};

} // namespace NebengJek::Client
