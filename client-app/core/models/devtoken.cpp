// SPDX-License-Identifier: MIT
#include "devtoken.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>

namespace NebengJek::Client {

namespace {
QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
} // namespace

QString DevToken::mint(const QString &userId, Protocol::Role role, const QByteArray &secret,
                       qint64 nowSeconds, qint64 lifetimeSeconds)
{
    const QJsonObject header {{QStringLiteral("alg"), QStringLiteral("HS256")},
                              {QStringLiteral("typ"), QStringLiteral("JWT")}};
    // Issuer and audience are the server's defaults (docs/operations.md), which --dev keeps.
    const QJsonObject claims {{QStringLiteral("sub"), userId},
                              {QStringLiteral("user_id"), userId},
                              {QStringLiteral("role"), Protocol::roleName(role)},
                              {QStringLiteral("iss"), QStringLiteral("nebengjek")},
                              {QStringLiteral("aud"), QStringLiteral("nebengjek-realtime")},
                              {QStringLiteral("iat"), double(nowSeconds)},
                              {QStringLiteral("exp"), double(nowSeconds + lifetimeSeconds)}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact))
            + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature =
            QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256);
    return QString::fromLatin1(signingInput + '.' + base64Url(signature));
}

} // namespace NebengJek::Client
