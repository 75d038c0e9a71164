// SPDX-License-Identifier: MIT
#pragma once

#include "../fieldreader.h"
#include "../messagetype.h"
#include "../protocolerror.h"
#include "../role.h"

namespace NebengJek::Protocol {

// Longest token accepted anywhere (header, query, auth message): bounds the work an
// unauthenticated peer can make the verifier do.
inline constexpr int kMaxTokenLength = 4096;

// The HS256 secret a server started with --dev accepts (and the QA client's --dev signs
// with). Public by design: it exists so development needs no configuration, and a server
// refuses to use it outside --dev.
inline constexpr char kDevelopmentJwtSecret[] = "nebengjek-development-secret-never-use-in-production";

// Client -> server: authenticate (when no token came with the upgrade) or re-authenticate.
struct Auth
{
    static constexpr MessageType kType = MessageType::Auth;
    QString token;
    QJsonObject toJson() const;
    static Auth read(FieldReader &r);
};

struct AuthSuccess
{
    static constexpr MessageType kType = MessageType::AuthSuccess;
    QString userId;
    Role role = Role::Passenger;
    QString sessionId;
    qint64 expiresAt = 0; // token expiry, ms since epoch
    qint64 serverTime = 0;
    qint64 lastSeq = 0; // newest durable sequence number the server holds for this user
    QJsonObject toJson() const;
    static AuthSuccess read(FieldReader &r);
};

struct AuthFailed
{
    static constexpr MessageType kType = MessageType::AuthFailed;
    QString reason;
    QJsonObject toJson() const;
    static AuthFailed read(FieldReader &r);
};

// Client -> server: a fresh token for this connection before the old one expires.
struct TokenRefresh
{
    static constexpr MessageType kType = MessageType::TokenRefresh;
    QString token;
    QJsonObject toJson() const;
    static TokenRefresh read(FieldReader &r);
};

// App-level ping (distinct from WebSocket control pings) so clients can measure RTT.
struct Ping
{
    static constexpr MessageType kType = MessageType::Ping;
    std::optional<qint64> seq;
    std::optional<qint64> clientTime;
    QJsonObject toJson() const;
    static Ping read(FieldReader &r);
};

struct Pong
{
    static constexpr MessageType kType = MessageType::Pong;
    std::optional<qint64> seq;
    std::optional<qint64> clientTime;
    qint64 serverTime = 0;
    QJsonObject toJson() const;
    static Pong read(FieldReader &r);
};

// Reply to a command that has no specific result type.
struct Ack
{
    static constexpr MessageType kType = MessageType::Ack;
    QString status = QStringLiteral("ok");
    QJsonObject toJson() const;
    static Ack read(FieldReader &r);
};

struct ErrorMessage
{
    static constexpr MessageType kType = MessageType::Error;
    ProtocolError error;
    QJsonObject toJson() const { return error.toPayload(); }
    static ErrorMessage read(FieldReader &r);
};

} // namespace NebengJek::Protocol
