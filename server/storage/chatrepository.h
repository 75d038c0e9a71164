// SPDX-License-Identifier: MIT
#pragma once

#include "records.h"

#include <QList>

namespace NebengJek::Server {

class SqlConnection;

// Chat messages of the match conversations.
class ChatRepository
{
public:
    explicit ChatRepository(SqlConnection &connection)
        : m_connection(connection)
    { }

    // Stores the message and sets message.position.
    bool insert(ChatMessageRecord &message);
    StorageResult<std::optional<ChatMessageRecord>> find(const QString &messageId);
    // Marks read the delivered, unread messages to `readerId` in the conversation, up to and
    // including `upToPosition` (0: all). Returns the ids marked, oldest first.
    StorageResult<QStringList> markRead(const QString &matchId, const QString &readerId,
                                        qint64 upToPosition, qint64 readAt);
    // The conversation, oldest first (used by tests and future history requests).
    StorageResult<QList<ChatMessageRecord>> conversation(const QString &matchId);

private:
    SqlConnection &m_connection;
};

// Who blocked whom.
class BlockRepository
{
public:
    explicit BlockRepository(SqlConnection &connection)
        : m_connection(connection)
    { }

    // `changed` is false when the block already existed / did not exist.
    StorageResult<bool> add(const QString &blockerId, const QString &blockedId, qint64 at);
    StorageResult<bool> remove(const QString &blockerId, const QString &blockedId);
    // Every block `userId` is on either side of, as (blocker, blocked) pairs.
    StorageResult<QList<std::pair<QString, QString>>> involving(const QString &userId);

private:
    SqlConnection &m_connection;
};

} // namespace NebengJek::Server
