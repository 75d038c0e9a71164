// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"

#include <protocol/envelope.h>

#include <QDateTime>

namespace NebengJek::Server {

// The sender of the message being handled.
struct Caller
{
    ConnectionId connection = 0;
    QString userId;
    Protocol::Role role = Protocol::Role::Passenger;
    QString requestId; // the client's envelope id; empty when the client sent none
    QString displayName; // the token's "name" claim (may be empty), for texts about the caller
    qint64 now = QDateTime::currentMSecsSinceEpoch();
};

// What a handler answers: a reply envelope (the hub adds the request id) or an error.
struct Outcome
{
    std::optional<Protocol::ProtocolError> error;
    Protocol::Envelope reply;

    bool isError() const { return error.has_value(); }

    static Outcome ok(const Protocol::Envelope &reply)
    {
        Outcome o;
        o.reply = reply;
        return o;
    }
    template<typename T> static Outcome result(const T &message)
    {
        return ok(Protocol::toEnvelope(message));
    }
    static Outcome ack(const QJsonObject &payload = {})
    {
        return ok(Protocol::Envelope::make(Protocol::MessageType::Ack, payload));
    }
    static Outcome fail(const Protocol::ProtocolError &error)
    {
        Outcome o;
        o.error = error;
        return o;
    }
    static Outcome fail(Protocol::ErrorCode code, const QString &message)
    {
        return fail(Protocol::ProtocolError::make(code, message));
    }
    static Outcome invalid(const QString &field, const QString &message)
    {
        return fail(Protocol::ProtocolError::validation(field, message));
    }
    // The database failed: nothing was applied, the client may retry the same request.
    static Outcome storageFailure()
    {
        Protocol::ProtocolError e = Protocol::ProtocolError::make(
                Protocol::ErrorCode::Unavailable,
                QStringLiteral("storage is unavailable, retry later"));
        e.retryAfterMs = kStorageRetryAfterMs;
        return fail(e);
    }

    // Long enough for a PostgreSQL failover or a busy SQLite writer to clear.
    static constexpr int kStorageRetryAfterMs = 1000;
};

} // namespace NebengJek::Server
