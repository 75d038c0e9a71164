// SPDX-License-Identifier: MIT
#include "commonoptions.h"

#include <protocol/messages/authmessages.h>

#include <QFile>

namespace NebengJek::TestClient {

void CommonOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({m_url, m_secretFile, m_dev, m_issuer, m_audience, m_transport});
}

bool CommonOptions::read(const QCommandLineParser &parser, QString *error)
{
    QString urlText = parser.value(m_url);
    if (urlText.isEmpty())
        urlText = qEnvironmentVariable("NEBENGJEK_URL", QLatin1String(kDefaultUrl));
    url = QUrl(urlText);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        *error = QStringLiteral("--url must be a ws:// or wss:// URL");
        return false;
    }
    if (parser.isSet(m_dev)) {
        secret = QByteArray(Protocol::kDevelopmentJwtSecret);
    } else if (parser.isSet(m_secretFile)) {
        QFile file(parser.value(m_secretFile));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("--secret-file: %1").arg(file.errorString());
            return false;
        }
        secret = file.readAll().trimmed();
    } else {
        secret = qgetenv("NEBENGJEK_JWT_SECRET");
        if (secret.isEmpty())
            secret = qgetenv("WS_JWT_SECRET");
    }
    issuer = parser.value(m_issuer);
    audience = parser.value(m_audience);
    bool ok = false;
    transport = tokenTransportFromName(parser.value(m_transport), &ok);
    if (!ok) {
        *error = QStringLiteral("--token-transport must be header, query, message or none");
        return false;
    }
    return true;
}

} // namespace NebengJek::TestClient
