// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Development tokens: HS256 JWTs signed with a development server's shared secret, so the app,
// the QA client and the server's own `token` tool and /dev/token endpoint can sign in anyone
// without a token service. One definition for all of them; never given a production secret.
namespace NebengJek::Dev {

struct TokenClaims
{
    QString userId;
    QString role = QStringLiteral("passenger"); // as on the wire (Protocol::roleName)
    qint64 issuedAt = 0; // seconds since the epoch ("iat"); 0: now
    qint64 lifetimeSeconds = 3600; // "exp" = iat + this
    bool notBefore = false; // also "nbf" = iat
    QString issuer; // "iss" if not empty
    QString audience; // "aud" if not empty
    // Merged last, so a test can override or add any claim.
    QJsonObject extra;
};

// The claims object: user_id and sub, role, iat, exp (and nbf, iss, aud, extra).
QJsonObject claimsFor(const TokenClaims &claims);
// header.claims.signature with {"alg":"HS256","typ":"JWT"} (and "kid" if given).
QByteArray signHs256(const QJsonObject &claims, const QByteArray &secret, const QString &kid = {});
// Both of the above.
QByteArray mintToken(const TokenClaims &claims, const QByteArray &secret);
// The JWS signing input for a header and claims (tests build broken tokens from it).
QByteArray signingInput(const QJsonObject &header, const QJsonObject &claims);
QByteArray base64Url(const QByteArray &data);

} // namespace NebengJek::Dev
