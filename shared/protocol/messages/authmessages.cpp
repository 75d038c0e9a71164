// SPDX-License-Identifier: MIT
#include "authmessages.h"

namespace NebengJek::Protocol {

namespace {

void insertOptional(QJsonObject &o, const char *key, const std::optional<qint64> &v)
{
    if (v)
        o.insert(QLatin1String(key), double(*v));
}
} // namespace

QJsonObject Auth::toJson() const
{
    return {{QStringLiteral("token"), token}};
}

Auth Auth::read(FieldReader &r)
{
    return {r.text("token", kMaxTokenLength)};
}

QJsonObject AuthSuccess::toJson() const
{
    return {{QStringLiteral("user_id"), userId},
            {QStringLiteral("role"), roleName(role)},
            {QStringLiteral("session_id"), sessionId},
            {QStringLiteral("expires_at"), double(expiresAt)},
            {QStringLiteral("server_time"), double(serverTime)},
            {QStringLiteral("last_seq"), double(lastSeq)}};
}

AuthSuccess AuthSuccess::read(FieldReader &r)
{
    AuthSuccess m;
    m.userId = r.identifier("user_id");
    m.role = roleFromName(r.oneOf("role", {"driver", "passenger"})).value_or(Role::Passenger);
    m.sessionId = r.identifier("session_id");
    m.expiresAt = r.integer("expires_at", 0, kMaxTimestampMs);
    m.serverTime = r.integer("server_time", 0, kMaxTimestampMs);
    m.lastSeq = r.optionalInteger("last_seq", 0, kMaxSequence).value_or(0);
    return m;
}

QJsonObject AuthFailed::toJson() const
{
    return {{QStringLiteral("reason"), reason}};
}

AuthFailed AuthFailed::read(FieldReader &r)
{
    return {r.text("reason", 512)};
}

QJsonObject TokenRefresh::toJson() const
{
    return {{QStringLiteral("token"), token}};
}

TokenRefresh TokenRefresh::read(FieldReader &r)
{
    return {r.text("token", kMaxTokenLength)};
}

QJsonObject Ping::toJson() const
{
    QJsonObject o;
    insertOptional(o, "seq", seq);
    insertOptional(o, "client_time", clientTime);
    return o;
}

Ping Ping::read(FieldReader &r)
{
    Ping m;
    m.seq = r.optionalInteger("seq", 0, kMaxSequence);
    m.clientTime = r.optionalInteger("client_time", 0, kMaxTimestampMs);
    return m;
}

QJsonObject Pong::toJson() const
{
    QJsonObject o{{QStringLiteral("server_time"), double(serverTime)}};
    insertOptional(o, "seq", seq);
    insertOptional(o, "client_time", clientTime);
    return o;
}

Pong Pong::read(FieldReader &r)
{
    Pong m;
    m.seq = r.optionalInteger("seq", 0, kMaxSequence);
    m.clientTime = r.optionalInteger("client_time", 0, kMaxTimestampMs);
    m.serverTime = r.integer("server_time", 0, kMaxTimestampMs);
    return m;
}

QJsonObject Ack::toJson() const
{
    return {{QStringLiteral("status"), status}};
}

Ack Ack::read(FieldReader &r)
{
    Ack m;
    m.status = r.optionalIdentifier("status", 32).value_or(QStringLiteral("ok"));
    return m;
}

ErrorMessage ErrorMessage::read(FieldReader &r)
{
    ErrorMessage m;
    const QString code = r.identifier("code", 64);
    m.error.message = r.text("message", 1024, true);
    m.error.field = r.optionalText("field", 128).value_or(QString());
    m.error.retryAfterMs = int(r.optionalInteger("retry_after_ms", 0, 86400000).value_or(0));
    r.optionalBoolean("retryable");
    m.error.text = LocalizedText::read(r);
    if (r.ok()) {
        const auto parsed = errorCodeFromName(code);
        if (!parsed)
            r.fail(QStringLiteral("code"), QStringLiteral("code is not a documented error code"));
        m.error.code = parsed.value_or(ErrorCode::InternalError);
    }
    return m;
}

} // namespace NebengJek::Protocol
