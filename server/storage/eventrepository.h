// SPDX-License-Identifier: MIT
#pragma once

#include "records.h"

#include <QList>

namespace NebengJek::Server {

class SqlConnection;

// The per-user delivery log: durable events by (user, seq).
class EventRepository
{
public:
    explicit EventRepository(SqlConnection &connection)
        : m_connection(connection)
    { }

    bool insert(const QString &userId, qint64 seq, int type, const QByteArray &frame,
                qint64 createdAt);
    // The user's next sequence number, counted in the database inside the caller's
    // transaction (the row stays locked until it ends), so several nodes never hand out the
    // same number and a rollback gives it back.
    StorageResult<qint64> allocateSeq(const QString &userId);
    // The last allocated number; 0 when the user has no events.
    StorageResult<qint64> latestSeq(const QString &userId);
    StorageResult<qint64> oldestSeq(const QString &userId);
    // Events with afterSeq < seq <= upToSeq, in order.
    StorageResult<QList<EventRecord>> range(const QString &userId, qint64 afterSeq, qint64 upToSeq);
    // Drops events with seq <= upToSeq (retention).
    bool pruneUpTo(const QString &userId, qint64 upToSeq);

private:
    SqlConnection &m_connection;
};

} // namespace NebengJek::Server
