// SPDX-License-Identifier: MIT
#pragma once

#include "fieldreader.h"
#include "jsonguard.h"
#include "messagetype.h"
#include "protocolerror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace NebengJek::Protocol {

// How a message was framed on input. Output is always Canonical.
enum class EnvelopeStyle {
    Canonical, // {"type", "id", "payload"}
    LegacyEvent, // {"event", "data"}       (Go users service)
    LegacyTypeData, // {"type", "data"}        (Go WSMessage)
};

// One protocol message: {"type": "...", "id": "<client request id>", "payload": {...}}.
// Server replies to a request carry the request's id; durable server events carry "seq", the
// per-user sequence number a client resumes from.
struct Envelope
{
    static constexpr int kMaxIdLength = 64;

    MessageType type = MessageType::Error;
    QString id;
    QJsonObject payload;
    qint64 seq = 0; // > 0 on durable events only

    QByteArray toJson() const;
    static Envelope make(MessageType type, const QJsonObject &payload = {}, const QString &id = {});
    static Envelope errorReply(const QString &id, const ProtocolError &error);
};

struct ParsedEnvelope
{
    std::optional<Envelope> envelope;
    ProtocolError error; // set when envelope is empty
    QString id; // the request id, when it could be read even though parsing failed
    EnvelopeStyle style = EnvelopeStyle::Canonical;

    bool ok() const { return envelope.has_value(); }
};

// Parses one text frame. `sender` decides which types are acceptable: a server parses
// Direction::FromClient input (server-only types are rejected with UNKNOWN_TYPE), a client
// parses Direction::FromServer input.
ParsedEnvelope parseEnvelope(QByteArrayView text, Direction sender, const JsonLimits &limits = {});

// Typed payload decoding. Each message struct provides `static T read(FieldReader &)`,
// `QJsonObject toJson() const` and `static constexpr MessageType kType`.
template<typename T>
struct Decoded
{
    std::optional<T> value;
    ProtocolError error;
    bool ok() const { return value.has_value(); }
    const T &operator*() const { return *value; }
    const T *operator->() const { return &*value; }
};

template<typename T>
Decoded<T> decode(const QJsonObject &payload)
{
    FieldReader reader(payload);
    T value = T::read(reader);
    if (!reader.ok())
        return {std::nullopt, reader.error()};
    return {std::move(value), {}};
}

template<typename T>
Envelope toEnvelope(const T &message, const QString &id = {})
{
    return Envelope::make(T::kType, message.toJson(), id);
}

} // namespace NebengJek::Protocol
