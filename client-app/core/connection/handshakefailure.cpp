// SPDX-License-Identifier: MIT
#include "handshakefailure.h"

#include <QRegularExpression>

namespace NebengJek::Client {

std::optional<int> refusedHttpStatus(const QString &webSocketErrorString)
{
    static const QRegularExpression pattern(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch match = pattern.match(webSocketErrorString);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toInt();
}

bool isTerminalHttpStatus(int status)
{
    return status == 401 || status == 403;
}

} // namespace NebengJek::Client
