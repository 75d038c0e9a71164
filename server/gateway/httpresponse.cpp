// SPDX-License-Identifier: MIT
#include "httpresponse.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace NebengJek::Server {

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

HttpResponse HttpResponse::error(int status, const QByteArray &reason, int retryAfterSeconds)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject {{QStringLiteral("error"),
                                         QString::fromLatin1(reasonPhrase(status))},
                                        {QStringLiteral("reason"), QString::fromLatin1(reason)}})
                     .toJson(QJsonDocument::Compact);
    if (retryAfterSeconds > 0)
        r.headers.emplaceBack(QByteArrayLiteral("Retry-After"),
                              QByteArray::number(retryAfterSeconds));
    if (status == 401)
        r.headers.emplaceBack(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    return r;
}

QByteArray HttpResponse::serialize() const
{
    QByteArray out;
    out.reserve(body.size() + 256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    out += "Connection: close\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!headOnly)
        out += body;
    return out;
}

} // namespace NebengJek::Server
