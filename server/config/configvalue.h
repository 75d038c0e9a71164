// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

namespace NebengJek::Server {

// Parsers for setting values, shared by flags, environment and config file.

// "250ms", "30s", "5m", "1h"; a bare number is seconds ("0.5" = 500 ms). Result in ms.
std::optional<qint64> parseDurationMs(const QString &text);
// "65536", "64KiB", "64K", "1MiB", "1M" (binary units). Result in bytes.
std::optional<qint64> parseByteSize(const QString &text);
// 1/0, true/false, yes/no, on/off.
std::optional<bool> parseBool(const QString &text);
// "127.0.0.1", "0.0.0.0", "::", "[::1]:8080", "localhost:9000", "*" (any address).
struct ListenSpec
{
    QHostAddress address;
    std::optional<quint16> port;
};
std::optional<ListenSpec> parseListen(const QString &text);

QString formatDurationMs(qint64 ms);

} // namespace NebengJek::Server
