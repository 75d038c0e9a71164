// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace NebengJek::Server {

// The request line and headers of an HTTP/1.1 request, parsed from bytes peeked off a socket
// (the bytes stay in the socket for QWebSocketServer to read again).
struct HttpRequestHead
{
    // Browsers send 1-8 KB; the largest legitimate head here carries a 4 KB token. Twice that
    // leaves room for cookies while bounding what an idle peer can make us hold.
    static constexpr int kMaxBytes = 16 * 1024;
    static constexpr int kMaxHeaders = 64;

    enum class Status { Incomplete, Complete, Invalid, TooLarge };

    QByteArray method;
    QByteArray target; // as sent, may contain ?token=...
    QByteArray path; // target without the query
    QByteArray query; // after '?', still percent-encoded
    QList<std::pair<QByteArray, QByteArray>> headers; // lower-case names, trimmed values
    qsizetype length = 0; // bytes up to and including the blank line

    // The first header of that (lower-case) name, or a null QByteArray.
    QByteArray header(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;
    // True if a comma-separated header ("Connection: keep-alive, Upgrade") has the token.
    bool headerHasToken(QByteArrayView lowerName, QByteArrayView token) const;
    // A query parameter, percent-decoded; null if absent.
    QByteArray queryValue(QByteArrayView name) const;
    // The target with secret query values (token, access_token) replaced, for logs.
    QByteArray redactedTarget() const;
    bool isWebSocketUpgrade() const;

    static Status parse(QByteArrayView data, HttpRequestHead *out);
};

} // namespace NebengJek::Server
