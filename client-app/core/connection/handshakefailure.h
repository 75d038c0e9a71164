// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace NebengJek::Client {

// The HTTP status with which a server refused the WebSocket upgrade, read from
// QWebSocket::errorString(). Qt 6.4 has no API for the handshake response, and its message
// ("... Unhandled http status code: 401 (Unauthorized).") is the only place the status shows.
std::optional<int> refusedHttpStatus(const QString &webSocketErrorString);

// 401 (bad or missing token) and 403 (not allowed) will not change by retrying with the same
// credentials; 429 and 503 will, after a while.
bool isTerminalHttpStatus(int status);

} // namespace NebengJek::Client
