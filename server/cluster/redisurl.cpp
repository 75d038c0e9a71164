// SPDX-License-Identifier: MIT
#include "redisurl.h"

#include <QUrl>

namespace NebengJek::Server {

std::optional<RedisUrl> RedisUrl::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("redis") || url.host().isEmpty()) {
        *error = QStringLiteral("expected redis://host[:port][/db], got \"%1\"").arg(text);
        return std::nullopt;
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        *error = QStringLiteral("redis URL: credentials, query and fragment are not supported");
        return std::nullopt;
    }
    RedisUrl result;
    result.host = url.host();
    const int port = url.port(6379);
    if (port <= 0 || port > 65535) {
        *error = QStringLiteral("redis URL: bad port");
        return std::nullopt;
    }
    result.port = quint16(port);
    QString path = url.path();
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        result.database = path.toInt(&ok);
        if (!ok || result.database < 0 || result.database > 15) {
            *error = QStringLiteral("redis URL: the database must be a number 0..15");
            return std::nullopt;
        }
    }
    return result;
}

QString RedisUrl::toString() const
{
    return QStringLiteral("redis://%1:%2/%3").arg(host).arg(port).arg(database);
}

} // namespace NebengJek::Server
