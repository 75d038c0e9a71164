// SPDX-License-Identifier: MIT
#include "chatservice.h"

#include "connectionregistry.h"
#include "hubnotice.h"
#include "logging.h"
#include "notificationcenter.h"
#include "ride.h"
#include "rideservice.h"
#include "unitofwork.h"

#include <storage/chatrepository.h>
#include <storage/storage.h>

namespace NebengJek::Server {

namespace {

using Protocol::ErrorCode;

// Enough of a message to recognise it in a notification list.
constexpr int kNotificationPreviewLength = 120;

} // namespace

ChatService::ChatService(Storage &storage, ConnectionRegistry &connections,
                         NotificationCenter &notifications, RideService &rides)
    : m_storage(storage)
    , m_connections(connections)
    , m_notifications(notifications)
    , m_rides(rides)
{ }

bool ChatService::ensureBlocksLoaded(const QString &userId)
{
    if (m_blocks.contains(userId))
        return true;
    const auto pairs = m_storage.blocks().involving(userId);
    if (!pairs.ok)
        return false;
    QSet<QString> &blocked = m_blocks[userId];
    for (const auto &[blocker, blockedId] : pairs.value) {
        if (blocker == userId)
            blocked.insert(blockedId);
    }
    return true;
}

std::optional<bool> ChatService::hasBlocked(const QString &blockerId, const QString &blockedId)
{
    if (!ensureBlocksLoaded(blockerId))
        return std::nullopt;
    return m_blocks.value(blockerId).contains(blockedId);
}

void ChatService::blocksChanged(const QString &blockerId)
{
    // Other nodes cached this list: they reload it on their next use.
    m_connections.broadcastStateNotice(
            HubNotice::make(HubNotice::kBlocks, {{QStringLiteral("u"), blockerId}}));
}

bool ChatService::eitherBlocked(const QString &a, const QString &b)
{
    // Fails closed: if storage cannot say, treat the pair as blocked.
    return hasBlocked(a, b).value_or(true) || hasBlocked(b, a).value_or(true);
}

std::variant<Ride, Outcome> ChatService::conversationFor(const Caller &caller,
                                                         const QString &matchId)
{
    const auto found = m_rides.findByMatchId(matchId);
    if (!found.ok)
        return Outcome::storageFailure();
    if (!found.value)
        return Outcome::fail(ErrorCode::NotFound, QStringLiteral("no such conversation"));
    const Ride &ride = *found.value;
    if (!ride.isParty(caller.userId))
        return Outcome::fail(ErrorCode::Forbidden,
                             QStringLiteral("not a party to this conversation"));
    if (!ride.wasAccepted())
        return Outcome::fail(ErrorCode::Conflict,
                             QStringLiteral("chat opens when the driver accepts the match"));
    return ride;
}

Outcome ChatService::send(const Caller &caller, UnitOfWork &uow,
                          const Protocol::MessageSend &message)
{
    auto conversation = conversationFor(caller, message.matchId);
    if (auto *failure = std::get_if<Outcome>(&conversation))
        return *failure;
    const Ride &ride = std::get<Ride>(conversation);
    const QString recipient = ride.partnerOf(caller.userId);

    const std::optional<bool> senderBlocked = hasBlocked(caller.userId, recipient);
    const std::optional<bool> recipientBlocked = hasBlocked(recipient, caller.userId);
    if (!senderBlocked || !recipientBlocked)
        return Outcome::storageFailure();
    if (*senderBlocked)
        return Outcome::fail(ErrorCode::Forbidden,
                             QStringLiteral("you blocked this user; unblock to write to them"));

    ChatMessageRecord record;
    record.messageId = QStringLiteral("msg-") + m_messageIds.next();
    record.matchId = ride.matchId;
    record.senderId = caller.userId;
    record.recipientId = recipient;
    record.body = message.body;
    record.sentAt = caller.now;
    record.withheld = *recipientBlocked;
    if (!m_storage.chat().insert(record))
        return Outcome::storageFailure();

    if (!record.withheld) {
        const Protocol::MessageNew incoming {record.messageId, record.matchId, caller.userId,
                                             record.body, record.sentAt};
        if (!uow.deliver(recipient, Protocol::toEnvelope(incoming)))
            return Outcome::storageFailure();
        if (!m_connections.isReachable(recipient)
            && !m_notifications.notify(uow, recipient, QStringLiteral("chat_message"),
                                       QStringLiteral("New message"),
                                       record.body.left(kNotificationPreviewLength),
                                       {{QStringLiteral("match_id"), record.matchId},
                                        {QStringLiteral("message_id"), record.messageId},
                                        {QStringLiteral("sender_id"), caller.userId}},
                                       {QStringLiteral("notification.chat_message"),
                                        {{QStringLiteral("sender_name"), caller.displayName}}}))
            return Outcome::storageFailure();
    }
    qCDebug(lcChat) << "message" << record.messageId << (record.withheld ? "withheld" : "stored");
    return Outcome::result(Protocol::MessageSent {message.tempId, record.messageId, record.matchId,
                                                  record.sentAt});
}

Outcome ChatService::read(const Caller &caller, UnitOfWork &uow,
                          const Protocol::MessageRead &message)
{
    auto conversation = conversationFor(caller, message.matchId);
    if (auto *failure = std::get_if<Outcome>(&conversation))
        return *failure;
    const Ride &ride = std::get<Ride>(conversation);
    const QString sender = ride.partnerOf(caller.userId);

    qint64 upTo = 0;
    if (!message.upToMessageId.isEmpty()) {
        const auto found = m_storage.chat().find(message.upToMessageId);
        if (!found.ok)
            return Outcome::storageFailure();
        if (!found.value || found.value->matchId != ride.matchId)
            return Outcome::fail(ErrorCode::NotFound,
                                 QStringLiteral("no such message in this conversation"));
        upTo = found.value->position;
    }
    const auto marked = m_storage.chat().markRead(ride.matchId, caller.userId, upTo, caller.now);
    if (!marked.ok)
        return Outcome::storageFailure();
    if (!marked.value.isEmpty()) {
        const std::optional<bool> readerBlocked = hasBlocked(caller.userId, sender);
        if (!readerBlocked)
            return Outcome::storageFailure();
        if (!*readerBlocked) {
            const Protocol::ReadUpdate update {ride.matchId, marked.value, caller.userId,
                                               caller.now};
            if (!uow.deliver(sender, Protocol::toEnvelope(update)))
                return Outcome::storageFailure();
        }
    }
    qCDebug(lcChat) << "marked" << marked.value.size() << "messages read";
    return Outcome::result(Protocol::ReadAck {ride.matchId, int(marked.value.size())});
}

std::optional<Protocol::ProtocolError> ChatService::typing(const Caller &caller,
                                                           const Protocol::Typing &message)
{
    auto conversation = conversationFor(caller, message.matchId);
    if (auto *failure = std::get_if<Outcome>(&conversation))
        return failure->error;
    const Ride &ride = std::get<Ride>(conversation);
    const QString partner = ride.partnerOf(caller.userId);
    if (!m_connections.isReachable(partner) || eitherBlocked(caller.userId, partner))
        return std::nullopt;
    const Protocol::Typing relay {ride.matchId, message.isTyping, caller.userId};
    m_connections.sendToUser(partner, Protocol::toEnvelope(relay).toJson());
    return std::nullopt;
}

Outcome ChatService::block(const Caller &caller, UnitOfWork &uow,
                           const Protocol::UserBlock &message)
{
    if (message.userId == caller.userId)
        return Outcome::invalid(QStringLiteral("user_id"),
                                QStringLiteral("you cannot block yourself"));
    if (!ensureBlocksLoaded(caller.userId))
        return Outcome::storageFailure();
    const auto added = m_storage.blocks().add(caller.userId, message.userId, caller.now);
    if (!added.ok)
        return Outcome::storageFailure();
    uow.onCommit([this, blocker = caller.userId, blocked = message.userId] {
        m_blocks[blocker].insert(blocked);
        blocksChanged(blocker);
    });
    qCInfo(lcChat) << "block added" << (added.value ? "" : "(already present)");
    return Outcome::ack({{QStringLiteral("user_id"), message.userId},
                         {QStringLiteral("blocked"), true},
                         {QStringLiteral("changed"), added.value}});
}

Outcome ChatService::unblock(const Caller &caller, UnitOfWork &uow,
                             const Protocol::UserUnblock &message)
{
    if (message.userId == caller.userId)
        return Outcome::invalid(QStringLiteral("user_id"),
                                QStringLiteral("you cannot unblock yourself"));
    if (!ensureBlocksLoaded(caller.userId))
        return Outcome::storageFailure();
    const auto removed = m_storage.blocks().remove(caller.userId, message.userId);
    if (!removed.ok)
        return Outcome::storageFailure();
    uow.onCommit([this, blocker = caller.userId, blocked = message.userId] {
        m_blocks[blocker].remove(blocked);
        blocksChanged(blocker);
    });
    return Outcome::ack({{QStringLiteral("user_id"), message.userId},
                         {QStringLiteral("blocked"), false},
                         {QStringLiteral("changed"), removed.value}});
}

} // namespace NebengJek::Server
