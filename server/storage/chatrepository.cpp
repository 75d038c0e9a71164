// SPDX-License-Identifier: MIT
#include "chatrepository.h"

#include "sqlconnection.h"

#include <limits>

namespace NebengJek::Server {

namespace {

const QString kColumns = QStringLiteral(
        "position, message_id, match_id, sender_id, recipient_id, body, sent_at, read_at,"
        " withheld");

ChatMessageRecord readRow(const SqlStatement &q)
{
    ChatMessageRecord m;
    m.position = q.value(0).toLongLong();
    m.messageId = q.value(1).toString();
    m.matchId = q.value(2).toString();
    m.senderId = q.value(3).toString();
    m.recipientId = q.value(4).toString();
    m.body = q.value(5).toString();
    m.sentAt = q.value(6).toLongLong();
    m.readAt = q.value(7).toLongLong();
    m.withheld = q.value(8).toInt() != 0;
    return m;
}

} // namespace

bool ChatRepository::insert(ChatMessageRecord &m)
{
    SqlStatement q(m_connection,
                   QStringLiteral("INSERT INTO chat_messages (message_id, match_id, sender_id,"
                                  " recipient_id, body, sent_at, read_at, withheld)"
                                  " VALUES (?,?,?,?,?,?,?,?) RETURNING position"));
    q.bind(m.messageId)
            .bind(m.matchId)
            .bind(m.senderId)
            .bind(m.recipientId)
            .bind(m.body)
            .bind(m.sentAt)
            .bind(m.readAt)
            .bind(m.withheld ? 1 : 0);
    if (!q.exec() || !q.next())
        return false;
    m.position = q.value(0).toLongLong();
    return true;
}

StorageResult<std::optional<ChatMessageRecord>> ChatRepository::find(const QString &messageId)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM chat_messages WHERE message_id = ?"));
    q.bind(messageId);
    if (!q.exec())
        return {};
    if (!q.next())
        return {true, std::nullopt};
    return {true, readRow(q)};
}

StorageResult<QStringList> ChatRepository::markRead(const QString &matchId, const QString &readerId,
                                                    qint64 upToPosition, qint64 readAt)
{
    // Select then update inside the caller's transaction: portable, and the ids come back in
    // conversation order (UPDATE ... RETURNING does not promise an order).
    // "Everything" is the largest position, so one statement serves both cases and PostgreSQL
    // infers the parameter as BIGINT from the column.
    const qint64 limit = upToPosition > 0 ? upToPosition : std::numeric_limits<qint64>::max();
    StorageResult<QStringList> result {true, {}};
    {
        SqlStatement q(m_connection,
                       QStringLiteral("SELECT message_id FROM chat_messages"
                                      " WHERE match_id = ? AND recipient_id = ? AND read_at = 0"
                                      " AND withheld = 0 AND position <= ?"
                                      " ORDER BY position"));
        q.bind(matchId).bind(readerId).bind(limit);
        if (!q.exec())
            return {};
        while (q.next())
            result.value.append(q.value(0).toString());
    }
    if (result.value.isEmpty())
        return result;
    SqlStatement u(m_connection,
                   QStringLiteral("UPDATE chat_messages SET read_at = ?"
                                  " WHERE match_id = ? AND recipient_id = ? AND read_at = 0"
                                  " AND withheld = 0 AND position <= ?"));
    u.bind(readAt).bind(matchId).bind(readerId).bind(limit);
    if (!u.exec())
        return {};
    return result;
}

StorageResult<QList<ChatMessageRecord>> ChatRepository::conversation(const QString &matchId)
{
    SqlStatement q(
            m_connection,
            QStringLiteral("SELECT ") + kColumns
                    + QStringLiteral(" FROM chat_messages WHERE match_id = ? ORDER BY position"));
    q.bind(matchId);
    if (!q.exec())
        return {};
    StorageResult<QList<ChatMessageRecord>> result {true, {}};
    while (q.next())
        result.value.append(readRow(q));
    return result;
}

StorageResult<bool> BlockRepository::add(const QString &blockerId, const QString &blockedId,
                                         qint64 at)
{
    SqlStatement q(
            m_connection,
            QStringLiteral("INSERT INTO blocks (blocker_id, blocked_id, created_at)"
                           " VALUES (?,?,?) ON CONFLICT (blocker_id, blocked_id) DO NOTHING"));
    q.bind(blockerId).bind(blockedId).bind(at);
    if (!q.exec())
        return {};
    return {true, q.rowsAffected() > 0};
}

StorageResult<bool> BlockRepository::remove(const QString &blockerId, const QString &blockedId)
{
    SqlStatement q(m_connection,
                   QStringLiteral("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?"));
    q.bind(blockerId).bind(blockedId);
    if (!q.exec())
        return {};
    return {true, q.rowsAffected() > 0};
}

StorageResult<QList<std::pair<QString, QString>>> BlockRepository::involving(const QString &userId)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT blocker_id, blocked_id FROM blocks"
                                  " WHERE blocker_id = ? OR blocked_id = ?"));
    q.bind(userId).bind(userId);
    if (!q.exec())
        return {};
    StorageResult<QList<std::pair<QString, QString>>> result {true, {}};
    while (q.next())
        result.value.append({q.value(0).toString(), q.value(1).toString()});
    return result;
}

} // namespace NebengJek::Server
