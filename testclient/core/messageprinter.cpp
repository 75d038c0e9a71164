// SPDX-License-Identifier: MIT
#include "messageprinter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace NebengJek::TestClient {

namespace {
const QString kRedacted = QStringLiteral("<redacted>");
const QString kTokenKey = QStringLiteral("token");
// A frame that is not JSON could be anything, including a token; show only its start.
constexpr int kMaxRawPreview = 200;

QString indent(const QString &text, const QString &prefix)
{
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString &line : lines)
        line.prepend(prefix);
    return lines.join(QLatin1Char('\n'));
}
} // namespace

QJsonValue MessagePrinter::redacted(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key().compare(kTokenKey, Qt::CaseInsensitive) == 0)
                it.value() = kRedacted;
            else if (it.value().isObject() || it.value().isArray())
                it.value() = redacted(it.value());
        }
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = redacted(*it);
        return a;
    }
    return value;
}

QString MessagePrinter::timestamp(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString MessagePrinter::oneLine(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isString())
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    if (value.isUndefined())
        return QStringLiteral("(absent)");
    // Numbers, bools and null: serialize through an array so the spelling matches JSON.
    const QString s =
            QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
    return s.mid(1, s.size() - 2);
}

void MessagePrinter::addSecret(const QByteArray &secret)
{
    // Very short strings would redact ordinary words; tokens are long.
    constexpr int kMinSecretLength = 8;
    if (secret.size() >= kMinSecretLength)
        m_secrets.append(QString::fromUtf8(secret));
}

QString MessagePrinter::scrubbed(QString text) const
{
    for (const QString &secret : m_secrets)
        text.replace(secret, kRedacted);
    return text;
}

QString MessagePrinter::format(Direction direction, const QString &actor, const QByteArray &frame,
                               qint64 atMs) const
{
    return scrubbed(formatUnscrubbed(direction, actor, frame, atMs));
}

QString MessagePrinter::formatUnscrubbed(Direction direction, const QString &actor,
                                         const QByteArray &frame, qint64 atMs) const
{
    const QString arrow =
            direction == Direction::Incoming ? QStringLiteral("<-") : QStringLiteral("->");
    QString header = QStringLiteral("[%1] %2 %3 ").arg(timestamp(atMs), actor, arrow);

    const QJsonDocument doc = QJsonDocument::fromJson(frame);
    if (!doc.isObject()) {
        const QString preview = QString::fromUtf8(frame.left(kMaxRawPreview));
        return header
                + QStringLiteral("(not a JSON object, %1 bytes) %2%3")
                          .arg(frame.size())
                          .arg(preview,
                               frame.size() > kMaxRawPreview ? QStringLiteral("...") : QString());
    }
    const QJsonObject object = redacted(doc.object()).toObject();
    header += object.value(QStringLiteral("type")).toString(QStringLiteral("(no type)"));
    if (object.contains(QStringLiteral("id")))
        header +=
                QStringLiteral(" id=") + object.value(QStringLiteral("id")).toVariant().toString();
    if (object.contains(QStringLiteral("seq")))
        header += QStringLiteral(" seq=")
                + QString::number(object.value(QStringLiteral("seq")).toInteger());

    const QJsonValue payload = object.contains(QStringLiteral("payload"))
            ? object.value(QStringLiteral("payload"))
            : object.value(QStringLiteral("data"));
    if (m_compact)
        return header + QLatin1Char(' ') + oneLine(payload);
    const QString body = payload.isObject()
            ? QString::fromUtf8(QJsonDocument(payload.toObject()).toJson(QJsonDocument::Indented))
            : oneLine(payload);
    return header + QLatin1Char('\n') + indent(body, QStringLiteral("    "));
}

QString MessagePrinter::formatReceived(const QString &actor, const ReceivedMessage &message) const
{
    QString text = format(Direction::Incoming, actor, message.raw, message.receivedAtMs);
    if (message.isJsonObject && !message.isValidEnvelope)
        text += QStringLiteral("\n    !! not a valid envelope: ") + message.envelopeError;
    return text;
}

} // namespace NebengJek::TestClient
