// SPDX-License-Identifier: MIT
#include "envelope.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace NebengJek::Protocol {

namespace {

const QString kType = QStringLiteral("type");
const QString kEvent = QStringLiteral("event");
const QString kId = QStringLiteral("id");
const QString kPayload = QStringLiteral("payload");
const QString kData = QStringLiteral("data");
const QString kSeq = QStringLiteral("seq");

bool isPrintableId(const QString &id)
{
    if (id.isEmpty() || id.size() > Envelope::kMaxIdLength)
        return false;
    for (const QChar c : id) {
        // C0, space, DEL and C1 (U+0085 is a line break to some log viewers).
        if (c.unicode() < 0x21 || (c.unicode() >= 0x7f && c.unicode() < 0xa0))
            return false;
    }
    return true;
}

ParsedEnvelope failure(const ProtocolError &error, const QString &id = {})
{
    ParsedEnvelope p;
    p.error = error;
    p.id = id;
    return p;
}

} // namespace

QByteArray Envelope::toJson() const
{
    QJsonObject o{{kType, messageTypeName(type)}};
    if (!id.isEmpty())
        o.insert(kId, id);
    if (seq > 0)
        o.insert(kSeq, seq);
    o.insert(kPayload, payload);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Envelope Envelope::make(MessageType type, const QJsonObject &payload, const QString &id)
{
    Envelope e;
    e.type = type;
    e.payload = payload;
    e.id = id;
    return e;
}

Envelope Envelope::errorReply(const QString &id, const ProtocolError &error)
{
    return make(MessageType::Error, error.toPayload(), id);
}

namespace {
// Fields only the server sets. A client's copy is ignored whatever its form (older Go clients
// send `timestamp` as an RFC 3339 string), so that it is never refused and never trusted.
void dropServerOnlyFields(MessageType type, QJsonObject *payload)
{
    if (type != MessageType::LocationUpdate)
        return;
    for (const char *key : {"ride_id", "rideId", "driver_id", "driverId", "timestamp"})
        payload->remove(QLatin1String(key));
}
} // namespace

ParsedEnvelope parseEnvelope(QByteArrayView text, Direction sender, const JsonLimits &limits)
{
    if (auto structural = checkJsonStructure(text, limits))
        return failure(*structural);

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return failure(ProtocolError::invalidFormat(
                QStringLiteral("not valid JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString())));
    }
    if (!doc.isObject())
        return failure(ProtocolError::invalidFormat(QStringLiteral("a message must be a JSON object")));
    const QJsonObject root = doc.object();

    // The id first, so that every later error can be answered with it.
    QString id;
    if (auto it = root.constFind(kId); it != root.constEnd() && !it->isNull()) {
        if (!it->isString() || !isPrintableId(it->toString())) {
            return failure(ProtocolError::invalidFormat(
                    QStringLiteral("id must be a string of 1 to %1 printable characters")
                            .arg(Envelope::kMaxIdLength)));
        }
        id = it->toString();
    }

    ParsedEnvelope result;
    result.id = id;
    const bool hasType = root.contains(kType);
    const bool hasEvent = root.contains(kEvent);
    if (hasType && hasEvent)
        return failure(ProtocolError::invalidFormat(QStringLiteral("use either type or event, not both")), id);
    const QJsonValue typeValue = hasType ? root.value(kType) : root.value(kEvent);
    if (!typeValue.isString() || typeValue.toString().isEmpty())
        return failure(ProtocolError::invalidFormat(QStringLiteral("type is required and must be a string")), id);

    const bool hasPayload = root.contains(kPayload);
    const bool hasData = root.contains(kData);
    if (hasPayload && hasData)
        return failure(ProtocolError::invalidFormat(QStringLiteral("use either payload or data, not both")), id);
    const QJsonValue payloadValue = hasPayload ? root.value(kPayload) : root.value(kData);
    if (!payloadValue.isUndefined() && !payloadValue.isNull() && !payloadValue.isObject())
        return failure(ProtocolError::invalidFormat(QStringLiteral("payload must be a JSON object")), id);

    result.style = hasEvent ? EnvelopeStyle::LegacyEvent
                            : (hasData ? EnvelopeStyle::LegacyTypeData : EnvelopeStyle::Canonical);

    const QString typeName = typeValue.toString();
    const auto type = messageTypeFromName(typeName, sender);
    const bool acceptable = type
            && (sender == Direction::FromClient ? clientMaySend(*type)
                                                 : messageDirection(*type) != Direction::FromClient);
    if (!acceptable) {
        ProtocolError e = ProtocolError::make(
                ErrorCode::UnknownType,
                QStringLiteral("unknown message type \"%1\"").arg(typeName.left(64)));
        return failure(e, id);
    }

    Envelope envelope;
    envelope.type = *type;
    envelope.id = id;
    envelope.payload = payloadValue.toObject();
    if (sender == Direction::FromClient)
        dropServerOnlyFields(envelope.type, &envelope.payload);
    if (sender == Direction::FromServer) {
        // Checked before the cast: an out-of-range double to qint64 is undefined behaviour.
        const QJsonValue seqValue = root.value(kSeq);
        if (!seqValue.isUndefined() && !seqValue.isNull()) {
            const double seq = seqValue.toDouble(-1);
            if (!seqValue.isDouble() || seq < 0 || seq > double(kMaxSequence)
                || std::floor(seq) != seq) {
                return failure(ProtocolError::invalidFormat(
                                       QStringLiteral("seq must be an integer from 0 to 2^53-1")),
                               id);
            }
            envelope.seq = qint64(seq);
        }
    }
    result.envelope = std::move(envelope);
    return result;
}

} // namespace NebengJek::Protocol
