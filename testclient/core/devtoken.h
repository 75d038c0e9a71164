// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/role.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace NebengJek::TestClient {

// What goes into a development token. The gateway checks user_id and role always, and iss/aud
// only when it is configured with them, so those two are optional here.
struct DevTokenClaims
{
    QString userId;
    Protocol::Role role = Protocol::Role::Passenger;
    qint64 lifetimeSeconds = 3600;
    // Moves iat/exp (and nbf) relative to now: negative values make an already-expired token,
    // positive ones a not-yet-valid one (scenario error cases).
    qint64 timeShiftSeconds = 0;
    QString issuer;
    QString audience;
    // Merged last, so a scenario can override or add any claim.
    QJsonObject extra;
};

// Mints an HS256 JWT the way the gateway's development token tool does. It exists so that QA
// can connect as anyone against a development server without a token service; it must never be
// given a production secret.
class DevToken
{
public:
    static QByteArray mint(const DevTokenClaims &claims, const QByteArray &secret);
    static QByteArray base64Url(const QByteArray &data);
};

} // namespace NebengJek::TestClient
