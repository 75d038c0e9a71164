// SPDX-License-Identifier: MIT
#include "tokenminter.h"

#include "base64url.h"
#include "rsaprivatekey.h"

#include <devtoken/devtoken.h>

namespace NebengJek::Server {

QJsonObject TokenMinter::claimsFor(const TokenSpec &spec)
{
    Dev::TokenClaims claims;
    claims.userId = spec.userId;
    claims.role = Protocol::roleName(spec.role);
    claims.issuedAt = spec.nowSeconds;
    claims.lifetimeSeconds = spec.ttlSeconds;
    claims.issuer = spec.issuer;
    claims.audience = spec.audience;
    const std::pair<const char *, QString> display[] = {
            {"name", spec.name}, {"vehicle", spec.vehicle}, {"plate", spec.plate}};
    for (const auto &[key, value] : display) {
        if (!value.isEmpty())
            claims.extra.insert(QLatin1String(key), value);
    }
    return Dev::claimsFor(claims);
}

QByteArray TokenMinter::signingInput(const QJsonObject &header, const QJsonObject &claims)
{
    return Dev::signingInput(header, claims);
}

QByteArray TokenMinter::signHs256(const QJsonObject &claims, const QByteArray &secret,
                                  const QString &kid)
{
    return Dev::signHs256(claims, secret, kid);
}

QByteArray TokenMinter::signRs256(const QJsonObject &claims, const RsaPrivateKey &key,
                                  const QString &kid)
{
    QJsonObject header {{QStringLiteral("alg"), QStringLiteral("RS256")},
                        {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), kid);
    const QByteArray input = signingInput(header, claims);
    return input + '.' + base64UrlEncode(key.signSha256(input));
}

} // namespace NebengJek::Server
