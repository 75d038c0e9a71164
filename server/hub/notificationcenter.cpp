// SPDX-License-Identifier: MIT
#include "notificationcenter.h"

#include "connectionregistry.h"
#include "logging.h"
#include "unitofwork.h"

#include <storage/notificationrepository.h>
#include <storage/storage.h>

#include <QJsonDocument>
#include <QSet>

namespace NebengJek::Server {

namespace {

Protocol::Notification toProtocol(const NotificationRecord &r)
{
    Protocol::Notification n;
    n.id = r.id;
    n.kind = r.kind;
    n.title = r.title;
    n.body = r.body;
    n.data = QJsonDocument::fromJson(r.data).object();
    n.createdAt = r.createdAt;
    n.read = r.read;
    n.text.key = r.textKey;
    if (!r.textKey.isEmpty())
        n.text.args = QJsonDocument::fromJson(r.textArgs).object();
    return n;
}

} // namespace

NotificationCenter::NotificationCenter(Storage &storage, ConnectionRegistry &connections)
    : m_storage(storage)
    , m_connections(connections)
{ }

bool NotificationCenter::notify(UnitOfWork &uow, const QString &userId, const QString &kind,
                                const QString &title, const QString &body, const QJsonObject &data,
                                const Protocol::LocalizedText &text)
{
    NotificationRecord record;
    record.userId = userId;
    record.kind = kind;
    record.title = title;
    record.body = body;
    record.data = QJsonDocument(data).toJson(QJsonDocument::Compact);
    record.createdAt = QDateTime::currentMSecsSinceEpoch();
    record.textKey = text.key;
    if (!text.isEmpty())
        record.textArgs = QJsonDocument(text.args).toJson(QJsonDocument::Compact);
    if (!m_storage.notifications().insert(record))
        return false;
    qCDebug(lcNotify) << "stored notification" << record.id << kind;
    if (!m_connections.isReachable(userId))
        return true; // nobody to tell live; the list has it
    const StorageResult<int> unread = m_storage.notifications().unreadCount(userId);
    if (!unread.ok)
        return false;
    Protocol::NotificationNew live;
    live.notification = toProtocol(record);
    live.unreadCount = unread.value;
    uow.sendLive(userId, Protocol::toEnvelope(live).toJson());
    return true;
}

Outcome NotificationCenter::list(const Caller &caller,
                                 const Protocol::NotificationListRequest &request)
{
    // One extra row tells whether an older page exists without a second query.
    const auto page =
            m_storage.notifications().page(caller.userId, request.beforeId, request.limit + 1);
    const StorageResult<int> unread = m_storage.notifications().unreadCount(caller.userId);
    if (!page.ok || !unread.ok)
        return Outcome::storageFailure();
    Protocol::NotificationListResult result;
    for (const NotificationRecord &r : page.value) {
        if (result.items.size() == request.limit)
            break;
        result.items.append(toProtocol(r));
    }
    if (page.value.size() > request.limit)
        result.nextBeforeId = result.items.constLast().id;
    result.unreadCount = unread.value;
    return Outcome::result(result);
}

Outcome NotificationCenter::unreadCount(const Caller &caller)
{
    const StorageResult<int> unread = m_storage.notifications().unreadCount(caller.userId);
    if (!unread.ok)
        return Outcome::storageFailure();
    return Outcome::result(Protocol::NotificationUnreadCount {unread.value});
}

Outcome NotificationCenter::markRead(const Caller &caller, UnitOfWork &,
                                     const Protocol::NotificationMarkRead &request)
{
    const QList<qint64> ids = QSet<qint64>(request.ids.cbegin(), request.ids.cend()).values();
    const StorageResult<int> owned = m_storage.notifications().countOwned(caller.userId, ids);
    if (!owned.ok)
        return Outcome::storageFailure();
    // All or nothing: an id that is not the caller's (or does not exist) fails the request,
    // without saying which case it is.
    if (owned.value != ids.size())
        return Outcome::fail(Protocol::ErrorCode::NotFound, QStringLiteral("no such notification"));
    const StorageResult<int> marked = m_storage.notifications().markRead(caller.userId, ids);
    const StorageResult<int> unread = m_storage.notifications().unreadCount(caller.userId);
    if (!marked.ok || !unread.ok)
        return Outcome::storageFailure();
    return Outcome::ack({{QStringLiteral("marked"), marked.value},
                         {QStringLiteral("unread_count"), unread.value}});
}

Outcome NotificationCenter::markAllRead(const Caller &caller, UnitOfWork &)
{
    // "All" means what exists now: the bound is taken when the request is handled, so a
    // notification created afterwards (even by a concurrent node) stays unread.
    const StorageResult<qint64> newest = m_storage.notifications().newestId(caller.userId);
    if (!newest.ok)
        return Outcome::storageFailure();
    const StorageResult<int> marked =
            m_storage.notifications().markAllRead(caller.userId, newest.value);
    const StorageResult<int> unread = m_storage.notifications().unreadCount(caller.userId);
    if (!marked.ok || !unread.ok)
        return Outcome::storageFailure();
    return Outcome::ack({{QStringLiteral("marked"), marked.value},
                         {QStringLiteral("up_to_id"), double(newest.value)},
                         {QStringLiteral("unread_count"), unread.value}});
}

} // namespace NebengJek::Server
