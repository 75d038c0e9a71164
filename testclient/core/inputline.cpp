// SPDX-License-Identifier: MIT
#include "inputline.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace NebengJek::TestClient {

namespace {
InputLine invalid(const QString &why)
{
    InputLine l;
    l.kind = InputLine::Kind::Invalid;
    l.error = why;
    return l;
}
} // namespace

QString InputLine::helpText()
{
    return QStringLiteral(
            "commands:\n"
            "  ping                       app-level ping (the pong shows the round trip)\n"
            "  send TYPE [JSON-PAYLOAD]   e.g. send location_update {\"lat\":-6.2,\"lng\":106.8}\n"
            "  {\"type\":...}              a raw JSON envelope, sent as typed\n"
            "  raw TEXT                   TEXT sent verbatim\n"
            "  wait MS                    pause before reading the next line\n"
            "  close [CODE] | quit        end the session\n");
}

InputLine InputLine::parse(const QString &rawLine, const QString &nextId, qint64 nowMs)
{
    const QString line = rawLine.trimmed();
    InputLine l;
    if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
        return l;
    if (line.startsWith(QLatin1Char('{'))) {
        l.kind = Kind::Send;
        l.frame = line.toUtf8();
        return l;
    }
    const QString word = line.section(QLatin1Char(' '), 0, 0);
    const QString rest = line.section(QLatin1Char(' '), 1).trimmed();
    if (word == QLatin1String("help") || word == QLatin1String("?")) {
        l.kind = Kind::Help;
    } else if (word == QLatin1String("quit") || word == QLatin1String("exit")) {
        l.kind = Kind::Quit;
    } else if (word == QLatin1String("close")) {
        l.kind = Kind::Close;
        l.number = rest.isEmpty() ? 1000 : rest.toInt();
    } else if (word == QLatin1String("wait")) {
        bool ok = false;
        l.kind = Kind::Wait;
        l.number = rest.toInt(&ok);
        if (!ok || l.number < 0)
            return invalid(QStringLiteral("wait needs a number of milliseconds"));
    } else if (word == QLatin1String("raw")) {
        l.kind = Kind::Send;
        l.frame = rest.toUtf8();
    } else if (word == QLatin1String("ping")) {
        l.kind = Kind::Send;
        l.frame = QJsonDocument(QJsonObject {{QStringLiteral("type"), QStringLiteral("ping")},
                                             {QStringLiteral("id"), nextId},
                                             {QStringLiteral("payload"),
                                              QJsonObject {{QStringLiteral("client_time"),
                                                            double(nowMs)}}}})
                          .toJson(QJsonDocument::Compact);
    } else if (word == QLatin1String("send")) {
        const QString type = rest.section(QLatin1Char(' '), 0, 0);
        const QString payloadText = rest.section(QLatin1Char(' '), 1).trimmed();
        if (type.isEmpty())
            return invalid(QStringLiteral("send needs a message type, e.g. send ping"));
        QJsonObject payload;
        if (!payloadText.isEmpty()) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(payloadText.toUtf8(), &error);
            if (!doc.isObject())
                return invalid(QStringLiteral("the payload must be a JSON object (%1)")
                                       .arg(error.errorString()));
            payload = doc.object();
        }
        // The type goes out as typed, known or not: sending unknown types is a QA case too.
        l.kind = Kind::Send;
        l.frame = QJsonDocument(QJsonObject {{QStringLiteral("type"), type},
                                             {QStringLiteral("id"), nextId},
                                             {QStringLiteral("payload"), payload}})
                          .toJson(QJsonDocument::Compact);
    } else {
        return invalid(QStringLiteral("unknown command \"%1\" (type help)").arg(word));
    }
    return l;
}

} // namespace NebengJek::TestClient
