// SPDX-License-Identifier: MIT
#include "chatmessages.h"

#include <QJsonArray>

namespace NebengJek::Protocol {

QJsonObject MessageSend::toJson() const
{
    return {{QStringLiteral("match_id"), matchId},
            {QStringLiteral("temp_id"), tempId},
            {QStringLiteral("body"), body}};
}

MessageSend MessageSend::read(FieldReader &r)
{
    MessageSend m;
    m.matchId = r.identifier("match_id", FieldReader::kMaxIdentifierLength, "conversation_id");
    m.tempId = r.identifier("temp_id", 64);
    m.body = r.text("body", kMaxChatBodyLength, false, "content");
    return m;
}

QJsonObject MessageSent::toJson() const
{
    return {{QStringLiteral("temp_id"), tempId},
            {QStringLiteral("message_id"), messageId},
            {QStringLiteral("match_id"), matchId},
            {QStringLiteral("sent_at"), double(sentAt)}};
}

MessageSent MessageSent::read(FieldReader &r)
{
    MessageSent m;
    m.tempId = r.identifier("temp_id", 64);
    m.messageId = r.identifier("message_id");
    m.matchId = r.identifier("match_id");
    m.sentAt = r.integer("sent_at", 0, kMaxTimestampMs);
    return m;
}

QJsonObject MessageNew::toJson() const
{
    return {{QStringLiteral("message_id"), messageId},
            {QStringLiteral("match_id"), matchId},
            {QStringLiteral("sender_id"), senderId},
            {QStringLiteral("body"), body},
            {QStringLiteral("sent_at"), double(sentAt)}};
}

MessageNew MessageNew::read(FieldReader &r)
{
    MessageNew m;
    m.messageId = r.identifier("message_id");
    m.matchId = r.identifier("match_id");
    m.senderId = r.identifier("sender_id");
    m.body = r.text("body", kMaxChatBodyLength);
    m.sentAt = r.integer("sent_at", 0, kMaxTimestampMs);
    return m;
}

QJsonObject MessageRead::toJson() const
{
    QJsonObject o{{QStringLiteral("match_id"), matchId}};
    if (!upToMessageId.isEmpty())
        o.insert(QStringLiteral("up_to_message_id"), upToMessageId);
    return o;
}

MessageRead MessageRead::read(FieldReader &r)
{
    MessageRead m;
    m.matchId = r.identifier("match_id", FieldReader::kMaxIdentifierLength, "conversation_id");
    m.upToMessageId = r.optionalIdentifier("up_to_message_id").value_or(QString());
    return m;
}

QJsonObject ReadAck::toJson() const
{
    return {{QStringLiteral("match_id"), matchId}, {QStringLiteral("marked_count"), markedCount}};
}

ReadAck ReadAck::read(FieldReader &r)
{
    ReadAck m;
    m.matchId = r.identifier("match_id");
    m.markedCount = int(r.integer("marked_count", 0, 1000000));
    return m;
}

QJsonObject ReadUpdate::toJson() const
{
    return {{QStringLiteral("match_id"), matchId},
            {QStringLiteral("message_ids"), QJsonArray::fromStringList(messageIds)},
            {QStringLiteral("read_by"), readBy},
            {QStringLiteral("read_at"), double(readAt)}};
}

ReadUpdate ReadUpdate::read(FieldReader &r)
{
    ReadUpdate m;
    m.matchId = r.identifier("match_id");
    m.messageIds = r.identifierList("message_ids", 10000);
    m.readBy = r.identifier("read_by");
    m.readAt = r.integer("read_at", 0, kMaxTimestampMs);
    return m;
}

QJsonObject Typing::toJson() const
{
    QJsonObject o{{QStringLiteral("match_id"), matchId}, {QStringLiteral("is_typing"), isTyping}};
    if (!userId.isEmpty())
        o.insert(QStringLiteral("user_id"), userId);
    return o;
}

Typing Typing::read(FieldReader &r)
{
    Typing m;
    m.matchId = r.identifier("match_id", FieldReader::kMaxIdentifierLength, "conversation_id");
    m.isTyping = r.optionalBoolean("is_typing").value_or(true);
    m.userId = r.optionalIdentifier("user_id").value_or(QString());
    return m;
}

QJsonObject UserBlock::toJson() const
{
    return {{QStringLiteral("user_id"), userId}};
}

UserBlock UserBlock::read(FieldReader &r)
{
    return {r.identifier("user_id")};
}

QJsonObject UserUnblock::toJson() const
{
    return {{QStringLiteral("user_id"), userId}};
}

UserUnblock UserUnblock::read(FieldReader &r)
{
    return {r.identifier("user_id")};
}

} // namespace NebengJek::Protocol
