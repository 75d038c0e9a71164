// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/role.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace NebengJek::Server {

class RsaPrivateKey;

// What a minted token says.
struct TokenSpec
{
    QString userId;
    Protocol::Role role = Protocol::Role::Passenger;
    qint64 ttlSeconds = 3600;
    QString issuer; // "iss" if not empty
    QString audience; // "aud" if not empty
    qint64 nowSeconds = 0; // "iat"; 0: the current time
    // Display claims (the other party's card), left out when empty.
    QString name;
    QString vehicle;
    QString plate;
};

// Creates signed JWTs: development tokens (`nebengjek-server token`, the dev /dev/token
// endpoint) and tokens for tests. Production tokens come from the users service.
class TokenMinter
{
public:
    static QJsonObject claimsFor(const TokenSpec &spec);
    static QByteArray signHs256(const QJsonObject &claims, const QByteArray &secret,
                                const QString &kid = {});
    static QByteArray signRs256(const QJsonObject &claims, const RsaPrivateKey &key,
                                const QString &kid = {});
    // header.payload, base64url-encoded: the JWS signing input (exposed for tests that build
    // deliberately broken tokens).
    static QByteArray signingInput(const QJsonObject &header, const QJsonObject &claims);
};

} // namespace NebengJek::Server
