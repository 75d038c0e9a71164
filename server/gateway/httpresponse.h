// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace NebengJek::Server {

// A complete response for the non-WebSocket paths of the front door (health, metrics,
// rejections). Always "Connection: close": the front door serves one request per connection.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    bool headOnly = false; // answer to HEAD: headers (with the GET's Content-Length), no body

    // {"error": <reason phrase>, "reason": reason}
    static HttpResponse error(int status, const QByteArray &reason, int retryAfterSeconds = 0);
    static QByteArray reasonPhrase(int status);
    QByteArray serialize() const;
};

} // namespace NebengJek::Server
