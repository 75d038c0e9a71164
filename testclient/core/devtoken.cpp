// SPDX-License-Identifier: MIT
#include "devtoken.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace NebengJek::TestClient {

QByteArray DevToken::base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray DevToken::mint(const DevTokenClaims &claims, const QByteArray &secret)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch() + claims.timeShiftSeconds;
    QJsonObject payload {{QStringLiteral("user_id"), claims.userId},
                         {QStringLiteral("sub"), claims.userId},
                         {QStringLiteral("role"), Protocol::roleName(claims.role)},
                         {QStringLiteral("iat"), double(now)},
                         {QStringLiteral("nbf"), double(now)},
                         {QStringLiteral("exp"), double(now + claims.lifetimeSeconds)}};
    if (!claims.issuer.isEmpty())
        payload.insert(QStringLiteral("iss"), claims.issuer);
    if (!claims.audience.isEmpty())
        payload.insert(QStringLiteral("aud"), claims.audience);
    for (auto it = claims.extra.constBegin(); it != claims.extra.constEnd(); ++it)
        payload.insert(it.key(), it.value());

    const QJsonObject header {{QStringLiteral("alg"), QStringLiteral("HS256")},
                              {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact))
            + '.' + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray signature =
            QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256);
    return signingInput + '.' + base64Url(signature);
}

} // namespace NebengJek::TestClient
