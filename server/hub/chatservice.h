// SPDX-License-Identifier: MIT
#pragma once

#include "outcome.h"
#include "timeorderedid.h"

#include <protocol/messages/chatmessages.h>

#include <QHash>
#include <QSet>

namespace NebengJek::Server {

class ConnectionRegistry;
class NotificationCenter;
class RideService;
class Storage;
class UnitOfWork;
struct Ride;

// Chat between the driver and the passenger of an accepted match (the match id is the
// conversation id), read receipts, typing, and blocking.
//
// Blocking is silent: a message from someone the recipient blocked is stored and acknowledged
// to its sender as usual (message.sent), but never delivered, notified or marked read; the
// sender cannot tell they are blocked, which is the point of a block. Typing from a blocked
// sender is dropped, read receipts to a blocked user are not sent. A user cannot write to
// someone they blocked themselves (FORBIDDEN: unblock first).
class ChatService
{
public:
    ChatService(Storage &storage, ConnectionRegistry &connections,
                NotificationCenter &notifications, RideService &rides);

    Outcome send(const Caller &caller, UnitOfWork &uow, const Protocol::MessageSend &message);
    Outcome read(const Caller &caller, UnitOfWork &uow, const Protocol::MessageRead &message);
    // Ephemeral: relayed, never stored. nullopt on success.
    std::optional<Protocol::ProtocolError> typing(const Caller &caller,
                                                  const Protocol::Typing &message);
    Outcome block(const Caller &caller, UnitOfWork &uow, const Protocol::UserBlock &message);
    Outcome unblock(const Caller &caller, UnitOfWork &uow, const Protocol::UserUnblock &message);

    // Whether `blockerId` blocked `blockedId`; nullopt when storage failed.
    std::optional<bool> hasBlocked(const QString &blockerId, const QString &blockedId);
    bool eitherBlocked(const QString &a, const QString &b);
    // Another node changed `blockerId`'s block list: reload it on next use.
    void forgetBlocks(const QString &blockerId) { m_blocks.remove(blockerId); }
    void forgetAllBlocks() { m_blocks.clear(); }

private:
    // The conversation, checked: it exists (NOT_FOUND), the caller is a party (FORBIDDEN) and
    // the match was accepted (CONFLICT).
    std::variant<Ride, Outcome> conversationFor(const Caller &caller, const QString &matchId);
    bool ensureBlocksLoaded(const QString &userId);
    void blocksChanged(const QString &blockerId);

    Storage &m_storage;
    ConnectionRegistry &m_connections;
    NotificationCenter &m_notifications;
    RideService &m_rides;
    TimeOrderedIdGenerator m_messageIds;
    // blocker -> blocked, for users whose blocks were loaded (kept small: only users who
    // chatted since the start).
    QHash<QString, QSet<QString>> m_blocks;
};

} // namespace NebengJek::Server
