// SPDX-License-Identifier: MIT
#include "devtoken.h"

#include <devtoken/devtoken.h>

#include <QDateTime>

namespace NebengJek::TestClient {

QByteArray DevToken::base64Url(const QByteArray &data)
{
    return Dev::base64Url(data);
}

QByteArray DevToken::mint(const DevTokenClaims &claims, const QByteArray &secret)
{
    Dev::TokenClaims c;
    c.userId = claims.userId;
    c.role = Protocol::roleName(claims.role);
    c.issuedAt = QDateTime::currentSecsSinceEpoch() + claims.timeShiftSeconds;
    c.lifetimeSeconds = claims.lifetimeSeconds;
    c.notBefore = true;
    c.issuer = claims.issuer;
    c.audience = claims.audience;
    c.extra = claims.extra;
    return Dev::mintToken(c, secret);
}

} // namespace NebengJek::TestClient
