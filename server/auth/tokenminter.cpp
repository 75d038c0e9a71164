// SPDX-License-Identifier: MIT
#include "tokenminter.h"

#include "base64url.h"
#include "rsaprivatekey.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace NebengJek::Server {

namespace {
QJsonObject headerFor(const char *alg, const QString &kid)
{
    QJsonObject header {{QStringLiteral("alg"), QLatin1String(alg)},
                        {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), kid);
    return header;
}
} // namespace

QJsonObject TokenMinter::claimsFor(const TokenSpec &spec)
{
    const qint64 now = spec.nowSeconds > 0 ? spec.nowSeconds : QDateTime::currentSecsSinceEpoch();
    QJsonObject claims {{QStringLiteral("user_id"), spec.userId},
                        {QStringLiteral("sub"), spec.userId},
                        {QStringLiteral("role"), Protocol::roleName(spec.role)},
                        {QStringLiteral("iat"), double(now)},
                        {QStringLiteral("exp"), double(now + spec.ttlSeconds)}};
    if (!spec.issuer.isEmpty())
        claims.insert(QStringLiteral("iss"), spec.issuer);
    if (!spec.audience.isEmpty())
        claims.insert(QStringLiteral("aud"), spec.audience);
    return claims;
}

QByteArray TokenMinter::signingInput(const QJsonObject &header, const QJsonObject &claims)
{
    return base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
}

QByteArray TokenMinter::signHs256(const QJsonObject &claims, const QByteArray &secret,
                                  const QString &kid)
{
    const QByteArray input = signingInput(headerFor("HS256", kid), claims);
    return input + '.'
            + base64UrlEncode(
                    QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
}

QByteArray TokenMinter::signRs256(const QJsonObject &claims, const RsaPrivateKey &key,
                                  const QString &kid)
{
    const QByteArray input = signingInput(headerFor("RS256", kid), claims);
    return input + '.' + base64UrlEncode(key.signSha256(input));
}

} // namespace NebengJek::Server
