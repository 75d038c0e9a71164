// SPDX-License-Identifier: MIT
#include "notificationrepository.h"

#include "sqlconnection.h"

#include <limits>

namespace NebengJek::Server {

namespace {

QString idList(const QList<qint64> &ids)
{
    // Ids are integers validated by the protocol layer; inlining them keeps one statement for
    // any list length without building a cache entry per length.
    QStringList parts;
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(QLatin1Char(','));
}

} // namespace

bool NotificationRepository::insert(NotificationRecord &n)
{
    SqlStatement q(m_connection,
                   QStringLiteral("INSERT INTO notifications (user_id, kind, title, body, data,"
                                  " created_at, is_read, text_key, text_args)"
                                  " VALUES (?,?,?,?,?,?,?,?,?) RETURNING id"));
    q.bind(n.userId)
            .bind(n.kind)
            .bind(n.title)
            .bind(n.body)
            .bind(n.data)
            .bind(n.createdAt)
            .bind(n.read ? 1 : 0)
            .bind(n.textKey)
            .bind(QString::fromUtf8(n.textArgs));
    if (!q.exec() || !q.next())
        return false;
    n.id = q.value(0).toLongLong();
    return true;
}

StorageResult<QList<NotificationRecord>> NotificationRepository::page(const QString &userId,
                                                                      qint64 beforeId, int limit)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT id, kind, title, body, data, created_at, is_read,"
                                  " text_key, text_args"
                                  " FROM notifications WHERE user_id = ? AND id < ?"
                                  " ORDER BY id DESC LIMIT ?"));
    q.bind(userId).bind(beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max()).bind(limit);
    if (!q.exec())
        return {};
    StorageResult<QList<NotificationRecord>> result {true, {}};
    while (q.next()) {
        NotificationRecord n;
        n.id = q.value(0).toLongLong();
        n.userId = userId;
        n.kind = q.value(1).toString();
        n.title = q.value(2).toString();
        n.body = q.value(3).toString();
        n.data = q.value(4).toByteArray();
        n.createdAt = q.value(5).toLongLong();
        n.read = q.value(6).toInt() != 0;
        n.textKey = q.value(7).toString();
        n.textArgs = q.value(8).toString().toUtf8();
        result.value.append(n);
    }
    return result;
}

StorageResult<int> NotificationRepository::unreadCount(const QString &userId)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT COUNT(*) FROM notifications"
                                  " WHERE user_id = ? AND is_read = 0"));
    q.bind(userId);
    if (!q.exec() || !q.next())
        return {};
    return {true, q.value(0).toInt()};
}

StorageResult<int> NotificationRepository::countOwned(const QString &userId,
                                                      const QList<qint64> &ids)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT COUNT(*) FROM notifications"
                                  " WHERE user_id = ? AND id IN (")
                           + idList(ids) + QStringLiteral(")"));
    q.bind(userId);
    if (!q.exec() || !q.next())
        return {};
    return {true, q.value(0).toInt()};
}

StorageResult<int> NotificationRepository::markRead(const QString &userId, const QList<qint64> &ids)
{
    SqlStatement q(m_connection,
                   QStringLiteral("UPDATE notifications SET is_read = 1"
                                  " WHERE user_id = ? AND is_read = 0 AND id IN (")
                           + idList(ids) + QStringLiteral(")"));
    q.bind(userId);
    if (!q.exec())
        return {};
    return {true, q.rowsAffected()};
}

StorageResult<qint64> NotificationRepository::newestId(const QString &userId)
{
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT MAX(id) FROM notifications WHERE user_id = ?"));
    q.bind(userId);
    if (!q.exec() || !q.next())
        return {};
    return {true, q.value(0).isNull() ? 0 : q.value(0).toLongLong()};
}

StorageResult<int> NotificationRepository::markAllRead(const QString &userId, qint64 upToId)
{
    SqlStatement q(m_connection,
                   QStringLiteral("UPDATE notifications SET is_read = 1"
                                  " WHERE user_id = ? AND is_read = 0 AND id <= ?"));
    q.bind(userId).bind(upToId);
    if (!q.exec())
        return {};
    return {true, q.rowsAffected()};
}

} // namespace NebengJek::Server
