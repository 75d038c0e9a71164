// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace NebengJek::Server {

// redis://host[:port][/db]: where the cluster's Redis is. No password support yet (bind Redis
// to a private network; see docs/operations.md).
struct RedisUrl
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    int database = 0;

    // nullopt and *error set when `url` is not a redis:// URL of that form.
    static std::optional<RedisUrl> parse(const QString &url, QString *error);
    QString toString() const;
};

} // namespace NebengJek::Server
