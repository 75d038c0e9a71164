// SPDX-License-Identifier: MIT
#pragma once

#include "records.h"

#include <QList>

namespace NebengJek::Server {

class SqlConnection;

// Each user's notification center.
class NotificationRepository
{
public:
    explicit NotificationRepository(SqlConnection &connection)
        : m_connection(connection)
    { }

    // Stores it and sets notification.id (increasing: newer notifications have larger ids).
    bool insert(NotificationRecord &notification);
    // Newest first, ids below `beforeId` (0: from the newest), at most `limit`.
    StorageResult<QList<NotificationRecord>> page(const QString &userId, qint64 beforeId,
                                                  int limit);
    StorageResult<int> unreadCount(const QString &userId);
    // How many of `ids` belong to the user.
    StorageResult<int> countOwned(const QString &userId, const QList<qint64> &ids);
    StorageResult<int> markRead(const QString &userId, const QList<qint64> &ids);
    // The newest id the user has (0: none).
    StorageResult<qint64> newestId(const QString &userId);
    // Marks read everything up to and including `upToId`.
    StorageResult<int> markAllRead(const QString &userId, qint64 upToId);

private:
    SqlConnection &m_connection;
};

} // namespace NebengJek::Server
