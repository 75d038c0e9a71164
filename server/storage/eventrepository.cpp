// SPDX-License-Identifier: MIT
#include "eventrepository.h"

#include "sqlconnection.h"

namespace NebengJek::Server {

bool EventRepository::insert(const QString &userId, qint64 seq, int type, const QByteArray &frame,
                             qint64 createdAt)
{
    SqlStatement q(m_connection,
                   QStringLiteral("INSERT INTO delivery_events (user_id, seq, type, frame,"
                                  " created_at) VALUES (?,?,?,?,?)"));
    q.bind(userId).bind(seq).bind(type).bind(frame).bind(createdAt);
    return q.exec();
}

StorageResult<qint64> EventRepository::allocateSeq(const QString &userId)
{
    // SQLite >= 3.35 and PostgreSQL both support RETURNING.
    // Nearly always the user has a counter already: one keyed UPDATE. The first event of a
    // user falls through to the upsert, which also covers another node creating the counter
    // meanwhile and events written without one (imports, tests).
    {
        SqlStatement q(m_connection,
                       QStringLiteral("UPDATE user_seq SET seq = seq + 1 WHERE user_id = ?"
                                      " RETURNING seq"));
        q.bind(userId);
        if (!q.exec())
            return {};
        if (q.next())
            return {true, q.value(0).toLongLong()};
    }
    SqlStatement q(
            m_connection,
            QStringLiteral("INSERT INTO user_seq (user_id, seq) VALUES (?, COALESCE("
                           "(SELECT MAX(seq) FROM delivery_events WHERE user_id = ?), 0) + 1)"
                           " ON CONFLICT (user_id) DO UPDATE SET seq = user_seq.seq + 1"
                           " RETURNING seq"));
    q.bind(userId).bind(userId);
    if (!q.exec() || !q.next())
        return {};
    return {true, q.value(0).toLongLong()};
}

StorageResult<qint64> EventRepository::latestSeq(const QString &userId)
{
    // Events written without a counter (imports, tests) count too.
    SqlStatement q(
            m_connection,
            QStringLiteral("SELECT MAX(s) FROM (SELECT seq AS s FROM user_seq WHERE user_id = ?"
                           " UNION ALL SELECT MAX(seq) FROM delivery_events"
                           " WHERE user_id = ?) AS latest"));
    q.bind(userId).bind(userId);
    if (!q.exec() || !q.next())
        return {};
    return {true, q.value(0).isNull() ? 0 : q.value(0).toLongLong()};
}

StorageResult<qint64> EventRepository::oldestSeq(const QString &userId)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT MIN(seq) FROM delivery_events WHERE user_id = ?"));
    q.bind(userId);
    if (!q.exec() || !q.next())
        return {};
    return {true, q.value(0).isNull() ? 0 : q.value(0).toLongLong()};
}

StorageResult<QList<EventRecord>> EventRepository::range(const QString &userId, qint64 afterSeq,
                                                         qint64 upToSeq)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT seq, frame FROM delivery_events"
                                  " WHERE user_id = ? AND seq > ? AND seq <= ? ORDER BY seq"));
    q.bind(userId).bind(afterSeq).bind(upToSeq);
    if (!q.exec())
        return {};
    StorageResult<QList<EventRecord>> result {true, {}};
    while (q.next())
        result.value.append({q.value(0).toLongLong(), q.value(1).toByteArray()});
    return result;
}

bool EventRepository::pruneUpTo(const QString &userId, qint64 upToSeq)
{
    SqlStatement q(m_connection,
                   QStringLiteral("DELETE FROM delivery_events WHERE user_id = ? AND seq <= ?"));
    q.bind(userId).bind(upToSeq);
    return q.exec();
}

} // namespace NebengJek::Server
