// SPDX-License-Identifier: MIT
#pragma once

#include "../fieldreader.h"
#include "../messagetype.h"

namespace NebengJek::Protocol {

// Chat runs between the driver and the passenger of one match; the match id names the
// conversation (the chat seed's conversationId is accepted as an alias).
inline constexpr int kMaxChatBodyLength = 2000;

struct MessageSend
{
    static constexpr MessageType kType = MessageType::MessageSend;
    QString matchId;
    QString tempId; // the client's id for its optimistic copy
    QString body;
    QJsonObject toJson() const;
    static MessageSend read(FieldReader &r);
};

// Server -> sender: stored, here is the server id.
struct MessageSent
{
    static constexpr MessageType kType = MessageType::MessageSent;
    QString tempId;
    QString messageId;
    QString matchId;
    qint64 sentAt = 0;
    QJsonObject toJson() const;
    static MessageSent read(FieldReader &r);
};

// Server -> the other party.
struct MessageNew
{
    static constexpr MessageType kType = MessageType::MessageNew;
    QString messageId;
    QString matchId;
    QString senderId;
    QString body;
    qint64 sentAt = 0;
    QJsonObject toJson() const;
    static MessageNew read(FieldReader &r);
};

// Reader -> server: everything in the conversation up to now (or up to a message) is read.
struct MessageRead
{
    static constexpr MessageType kType = MessageType::MessageRead;
    QString matchId;
    QString upToMessageId; // empty: all
    QJsonObject toJson() const;
    static MessageRead read(FieldReader &r);
};

// Server -> reader.
struct ReadAck
{
    static constexpr MessageType kType = MessageType::ReadAck;
    QString matchId;
    int markedCount = 0;
    QJsonObject toJson() const;
    static ReadAck read(FieldReader &r);
};

// Server -> the sender of the messages that were read.
struct ReadUpdate
{
    static constexpr MessageType kType = MessageType::ReadUpdate;
    QString matchId;
    QStringList messageIds;
    QString readBy;
    qint64 readAt = 0;
    QJsonObject toJson() const;
    static ReadUpdate read(FieldReader &r);
};

// Both ways, ephemeral (never stored or replayed). user_id is filled in by the server.
struct Typing
{
    static constexpr MessageType kType = MessageType::Typing;
    QString matchId;
    bool isTyping = true;
    QString userId;
    QJsonObject toJson() const;
    static Typing read(FieldReader &r);
};

struct UserBlock
{
    static constexpr MessageType kType = MessageType::UserBlock;
    QString userId;
    QJsonObject toJson() const;
    static UserBlock read(FieldReader &r);
};

struct UserUnblock
{
    static constexpr MessageType kType = MessageType::UserUnblock;
    QString userId;
    QJsonObject toJson() const;
    static UserUnblock read(FieldReader &r);
};

} // namespace NebengJek::Protocol
