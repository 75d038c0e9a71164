// SPDX-License-Identifier: MIT
// Shared by the protocol tests: frames built from JSON literals, the full
// struct -> toJson -> Envelope::toJson -> parseEnvelope -> decode<T> pipeline, and one decoder per
// message type (decodeAny), whose switch has no default so that a type added to messagetype.h
// without a decoder here fails to compile (-Wswitch, warnings are errors).
#pragma once

#include <protocol/messages.h>

#include <QJsonDocument>
#include <QTest>

#include <optional>

Q_DECLARE_METATYPE(NebengJek::Protocol::Direction)
Q_DECLARE_METATYPE(NebengJek::Protocol::MessageType)
Q_DECLARE_METATYPE(NebengJek::Protocol::EnvelopeStyle)

namespace NebengJek::Protocol::TestSupport {

// A JSON object from a test literal; a literal that is not one is a bug in the test itself.
inline QJsonObject jsonObject(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test literal is not a JSON object: %s", json.toByteArray().constData());
    return doc.object();
}

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// {"type": type, ["id": id,] "payload": <payloadJson>} with the payload text inserted verbatim,
// so hostile payload text reaches the parser unchanged.
inline QByteArray canonicalFrame(QByteArrayView type, QByteArrayView payloadJson,
                                 QByteArrayView id = {})
{
    QByteArray frame = "{\"type\":\"" + type.toByteArray() + '"';
    if (!id.isEmpty())
        frame += ",\"id\":\"" + id.toByteArray() + '"';
    frame += ",\"payload\":" + payloadJson.toByteArray() + '}';
    return frame;
}

inline QString describe(const ProtocolError &error)
{
    return QStringLiteral("%1 [field %2]: %3")
            .arg(errorCodeName(error.code), error.field, error.message);
}

// The result of decoding a payload as the struct its type carries in a direction, re-encoded.
struct AnyDecoded
{
    bool ok = false;
    ProtocolError error;
    QJsonObject reencoded;
};

template<typename T> AnyDecoded decodeAs(const QJsonObject &payload)
{
    const Decoded<T> decoded = decode<T>(payload);
    if (!decoded.ok())
        return {false, decoded.error, {}};
    return {true, {}, decoded->toJson()};
}

// `from` is the sender: NotificationList and NotificationUnreadCount carry a request struct
// from a client and a result struct from the server.
inline AnyDecoded decodeAny(MessageType type, Direction from, const QJsonObject &payload)
{
    const bool fromClient = from == Direction::FromClient;
    switch (type) {
    case MessageType::Auth:
        return decodeAs<Auth>(payload);
    case MessageType::AuthSuccess:
        return decodeAs<AuthSuccess>(payload);
    case MessageType::AuthFailed:
        return decodeAs<AuthFailed>(payload);
    case MessageType::TokenRefresh:
        return decodeAs<TokenRefresh>(payload);
    case MessageType::Ping:
        return decodeAs<Ping>(payload);
    case MessageType::Pong:
        return decodeAs<Pong>(payload);
    case MessageType::Ack:
        return decodeAs<Ack>(payload);
    case MessageType::Error:
        return decodeAs<ErrorMessage>(payload);
    case MessageType::BeaconUpdate:
        return decodeAs<BeaconUpdate>(payload);
    case MessageType::FinderUpdate:
        return decodeAs<FinderUpdate>(payload);
    case MessageType::MatchProposal:
        return decodeAs<MatchProposal>(payload);
    case MessageType::MatchConfirm:
        return decodeAs<MatchConfirm>(payload);
    case MessageType::MatchStatus:
        return decodeAs<MatchStatus>(payload);
    case MessageType::LocationUpdate:
        return decodeAs<LocationUpdate>(payload);
    case MessageType::RideStart:
        return decodeAs<RideStart>(payload);
    case MessageType::RidePickup:
        return decodeAs<RidePickup>(payload);
    case MessageType::RideArrived:
        return decodeAs<RideArrived>(payload);
    case MessageType::PaymentRequest:
        return decodeAs<PaymentRequest>(payload);
    case MessageType::PaymentProcess:
        return decodeAs<PaymentProcess>(payload);
    case MessageType::RideCompleted:
        return decodeAs<RideCompleted>(payload);
    case MessageType::RideEstimate:
        return fromClient ? decodeAs<RideEstimateRequest>(payload)
                          : decodeAs<RideEstimate>(payload);
    case MessageType::RideCancel:
        return decodeAs<RideCancel>(payload);
    case MessageType::RideRate:
        return decodeAs<RideRate>(payload);
    case MessageType::RideHistory:
        return fromClient ? decodeAs<RideHistoryRequest>(payload)
                          : decodeAs<RideHistoryPage>(payload);
    case MessageType::LocationBatch:
        return decodeAs<LocationBatch>(payload);
    case MessageType::RideAtPickup:
        return decodeAs<RideAtPickup>(payload);
    case MessageType::RideDriverAtPickup:
        return decodeAs<RideDriverAtPickup>(payload);
    case MessageType::MessageSend:
        return decodeAs<MessageSend>(payload);
    case MessageType::MessageSent:
        return decodeAs<MessageSent>(payload);
    case MessageType::MessageNew:
        return decodeAs<MessageNew>(payload);
    case MessageType::MessageRead:
        return decodeAs<MessageRead>(payload);
    case MessageType::ReadAck:
        return decodeAs<ReadAck>(payload);
    case MessageType::ReadUpdate:
        return decodeAs<ReadUpdate>(payload);
    case MessageType::Typing:
        return decodeAs<Typing>(payload);
    case MessageType::UserBlock:
        return decodeAs<UserBlock>(payload);
    case MessageType::UserUnblock:
        return decodeAs<UserUnblock>(payload);
    case MessageType::UserOnline:
        return decodeAs<UserOnline>(payload);
    case MessageType::UserOffline:
        return decodeAs<UserOffline>(payload);
    case MessageType::StatusBulk:
        return decodeAs<StatusBulk>(payload);
    case MessageType::NotificationNew:
        return decodeAs<NotificationNew>(payload);
    case MessageType::NotificationList:
        return fromClient ? decodeAs<NotificationListRequest>(payload)
                          : decodeAs<NotificationListResult>(payload);
    case MessageType::NotificationUnreadCount:
        return fromClient ? decodeAs<NotificationUnreadCountRequest>(payload)
                          : decodeAs<NotificationUnreadCount>(payload);
    case MessageType::NotificationMarkRead:
        return decodeAs<NotificationMarkRead>(payload);
    case MessageType::NotificationMarkAllRead:
        return decodeAs<NotificationMarkAllRead>(payload);
    case MessageType::RoomJoin:
        return decodeAs<RoomJoin>(payload);
    case MessageType::RoomLeave:
        return decodeAs<RoomLeave>(payload);
    case MessageType::RoomPublish:
        return decodeAs<RoomPublish>(payload);
    case MessageType::RoomEvent:
        return decodeAs<RoomEvent>(payload);
    case MessageType::Resume:
        return decodeAs<Resume>(payload);
    case MessageType::ResumeDone:
        return decodeAs<ResumeDone>(payload);
    case MessageType::ResyncRequired:
        return decodeAs<ResyncRequired>(payload);
    }
    return {false, ProtocolError::make(ErrorCode::InternalError, QStringLiteral("no decoder")), {}};
}

// What the receiving side makes of one frame: the envelope error, or the payload decode result.
struct Received
{
    bool ok = false;
    ProtocolError error;
    std::optional<Envelope> envelope;
    EnvelopeStyle style = EnvelopeStyle::Canonical;
    QJsonObject reencoded;
};

inline Received receive(QByteArrayView frame, Direction from)
{
    Received r;
    const ParsedEnvelope parsed = parseEnvelope(frame, from);
    if (!parsed.ok()) {
        r.error = parsed.error;
        return r;
    }
    r.envelope = parsed.envelope;
    r.style = parsed.style;
    const AnyDecoded decoded = decodeAny(parsed.envelope->type, from, parsed.envelope->payload);
    r.ok = decoded.ok;
    r.error = decoded.error;
    r.reencoded = decoded.reencoded;
    return r;
}

// The full pipeline for one struct. On failure `value` is empty and `failure` says where.
template<typename T> struct RoundTrip
{
    std::optional<T> value;
    QString failure;
    QByteArray wire;
};

template<typename T>
RoundTrip<T> roundTrip(const T &message, Direction from,
                       const QString &id = QStringLiteral("req-42"))
{
    RoundTrip<T> r;
    r.wire = toEnvelope(message, id).toJson();
    const ParsedEnvelope parsed = parseEnvelope(r.wire, from);
    if (!parsed.ok()) {
        r.failure = QStringLiteral("parseEnvelope: ") + describe(parsed.error);
        return r;
    }
    if (parsed.envelope->type != T::kType || parsed.envelope->id != id
        || parsed.style != EnvelopeStyle::Canonical) {
        r.failure = QStringLiteral("envelope came back as %1 id %2")
                            .arg(messageTypeName(parsed.envelope->type), parsed.envelope->id);
        return r;
    }
    const Decoded<T> decoded = decode<T>(parsed.envelope->payload);
    if (!decoded.ok()) {
        r.failure = QStringLiteral("decode: ") + describe(decoded.error);
        return r;
    }
    r.value = *decoded;
    return r;
}

// Data-driven payload validation, shared by the per-area message tests:
// columns type (canonical wire name), from (sender), payload (JSON text), code (expected error
// code name, empty when the payload must be accepted), field (expected offending field).
inline void addValidationColumns()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<Direction>("from");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
}

inline void validationRow(const char *name, const char *type, Direction from,
                          const QByteArray &payload, const char *code = "", const char *field = "")
{
    QTest::newRow(name) << QString::fromLatin1(type) << from << payload << QString::fromLatin1(code)
                        << QString::fromLatin1(field);
}

inline void accepts(const char *name, const char *type, Direction from, const QByteArray &payload)
{
    validationRow(name, type, from, payload);
}

inline void rejects(const char *name, const char *type, Direction from, const QByteArray &payload,
                    const char *field, const char *code = "VALIDATION_FAILED")
{
    validationRow(name, type, from, payload, code, field);
}

// The body of every `validation()` slot.
inline void checkValidationRow()
{
    QFETCH(QString, type);
    QFETCH(Direction, from);
    QFETCH(QByteArray, payload);
    QFETCH(QString, code);
    QFETCH(QString, field);

    const Received r = receive(canonicalFrame(type.toLatin1(), payload, "v-1"), from);
    if (code.isEmpty()) {
        QVERIFY2(r.ok, qPrintable(describe(r.error)));
        return;
    }
    QVERIFY2(!r.ok, "the payload was accepted");
    QCOMPARE(errorCodeName(r.error.code), code);
    QCOMPARE(r.error.field, field);
    QVERIFY2(!r.error.message.isEmpty(), "an error needs a message for the client");
}

} // namespace NebengJek::Protocol::TestSupport
