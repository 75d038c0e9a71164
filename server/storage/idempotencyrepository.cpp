// SPDX-License-Identifier: MIT
#include "idempotencyrepository.h"

#include "sqlconnection.h"

namespace NebengJek::Server {

bool IdempotencyRepository::insert(const QString &userId, const IdempotencyRecord &record,
                                   qint64 createdAt)
{
    SqlStatement q(m_connection,
                   QStringLiteral("INSERT INTO idempotency_keys (user_id, request_id, type,"
                                  " reply, created_at) VALUES (?,?,?,?,?)"));
    q.bind(userId).bind(record.requestId).bind(record.type).bind(record.reply).bind(createdAt);
    return q.exec();
}

StorageResult<std::optional<IdempotencyRecord>>
IdempotencyRepository::find(const QString &userId, const QString &requestId)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT type, reply FROM idempotency_keys"
                                  " WHERE user_id = ? AND request_id = ?"));
    q.bind(userId).bind(requestId);
    if (!q.exec())
        return {};
    if (!q.next())
        return {true, std::nullopt};
    return {true, IdempotencyRecord {requestId, q.value(0).toInt(), q.value(1).toByteArray()}};
}

bool IdempotencyRepository::prune(const QString &userId, int keep)
{
    // The id of the newest row that falls out of the window; NULL (nothing deleted) when the
    // user has no more than `keep` rows.
    SqlStatement q(m_connection,
                   QStringLiteral("DELETE FROM idempotency_keys WHERE user_id = ? AND id <= ("
                                  "SELECT id FROM idempotency_keys WHERE user_id = ?"
                                  " ORDER BY id DESC LIMIT 1 OFFSET ?)"));
    q.bind(userId).bind(userId).bind(keep);
    return q.exec();
}

} // namespace NebengJek::Server
