// SPDX-License-Identifier: MIT
#include "devtoken.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace NebengJek::Dev {

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QJsonObject claimsFor(const TokenClaims &c)
{
    const qint64 now = c.issuedAt > 0 ? c.issuedAt : QDateTime::currentSecsSinceEpoch();
    QJsonObject claims {{QStringLiteral("user_id"), c.userId},
                        {QStringLiteral("sub"), c.userId},
                        {QStringLiteral("role"), c.role},
                        {QStringLiteral("iat"), double(now)},
                        {QStringLiteral("exp"), double(now + c.lifetimeSeconds)}};
    if (c.notBefore)
        claims.insert(QStringLiteral("nbf"), double(now));
    if (!c.issuer.isEmpty())
        claims.insert(QStringLiteral("iss"), c.issuer);
    if (!c.audience.isEmpty())
        claims.insert(QStringLiteral("aud"), c.audience);
    for (auto it = c.extra.constBegin(); it != c.extra.constEnd(); ++it)
        claims.insert(it.key(), it.value());
    return claims;
}

QByteArray signingInput(const QJsonObject &header, const QJsonObject &claims)
{
    return base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
}

QByteArray signHs256(const QJsonObject &claims, const QByteArray &secret, const QString &kid)
{
    QJsonObject header {{QStringLiteral("alg"), QStringLiteral("HS256")},
                        {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), kid);
    const QByteArray input = signingInput(header, claims);
    return input + '.'
            + base64Url(
                    QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
}

QByteArray mintToken(const TokenClaims &claims, const QByteArray &secret)
{
    return signHs256(claimsFor(claims), secret);
}

} // namespace NebengJek::Dev
