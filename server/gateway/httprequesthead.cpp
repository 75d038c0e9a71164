// SPDX-License-Identifier: MIT
#include "httprequesthead.h"

#include <QByteArrayList>

namespace NebengJek::Server {

namespace {
bool isSecretParameter(QByteArrayView name)
{
    return name == "token" || name == "access_token" || name == "jwt";
}

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}
} // namespace

QByteArray HttpRequestHead::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

bool HttpRequestHead::hasHeader(QByteArrayView lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return true;
    }
    return false;
}

bool HttpRequestHead::headerHasToken(QByteArrayView lowerName, QByteArrayView token) const
{
    for (const auto &[name, value] : headers) {
        if (name != lowerName)
            continue;
        const QByteArrayList parts = value.split(',');
        for (const QByteArray &part : parts) {
            if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

QByteArray HttpRequestHead::queryValue(QByteArrayView name) const
{
    const QByteArrayList pairs = query.split('&');
    for (const QByteArray &pair : pairs) {
        const qsizetype eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        if (key == name) {
            QByteArray value = eq < 0 ? QByteArray("") : pair.mid(eq + 1);
            value.replace('+', ' ');
            return QByteArray::fromPercentEncoding(value);
        }
    }
    return {};
}

QByteArray HttpRequestHead::redactedTarget() const
{
    if (query.isEmpty())
        return path;
    QByteArrayList pairs = query.split('&');
    for (QByteArray &pair : pairs) {
        const qsizetype eq = pair.indexOf('=');
        if (isSecretParameter(eq < 0 ? QByteArrayView(pair) : QByteArrayView(pair).first(eq)))
            pair = (eq < 0 ? pair : pair.left(eq)) + "=REDACTED";
    }
    return path + '?' + pairs.join('&');
}

bool HttpRequestHead::isWebSocketUpgrade() const
{
    return headerHasToken("upgrade", "websocket");
}

HttpRequestHead::Status HttpRequestHead::parse(QByteArrayView data, HttpRequestHead *out)
{
    const qsizetype end = QByteArrayView(data.first(qMin(data.size(), qsizetype(kMaxBytes))))
                                  .indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0)
        return data.size() >= kMaxBytes ? Status::TooLarge : Status::Incomplete;

    HttpRequestHead head;
    head.length = end + 4;
    const QByteArrayList lines = data.first(end).toByteArray().split('\n');
    if (lines.isEmpty())
        return Status::Invalid;

    // Request line: METHOD SP TARGET SP HTTP/1.x
    const QByteArray requestLine = lines.first().trimmed();
    const QByteArrayList parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty()
        || !parts[1].startsWith('/'))
        return Status::Invalid;
    for (const char c : parts[0]) {
        if (!isTokenChar(c))
            return Status::Invalid;
    }
    head.method = parts[0];
    head.target = parts[1];
    const qsizetype q = head.target.indexOf('?');
    head.path = q < 0 ? head.target : head.target.left(q);
    head.query = q < 0 ? QByteArray() : head.target.mid(q + 1);

    if (lines.size() - 1 > kMaxHeaders)
        return Status::TooLarge;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return Status::Invalid;
        const QByteArray name = line.left(colon);
        for (const char c : name) {
            if (!isTokenChar(c))
                return Status::Invalid; // also rejects obsolete line folding
        }
        head.headers.emplaceBack(name.toLower(), line.mid(colon + 1).trimmed());
    }
    *out = std::move(head);
    return Status::Complete;
}

} // namespace NebengJek::Server
