// SPDX-License-Identifier: MIT
#include "notificationmodel.h"

#include "connection/connectionmanager.h"
#include "logging.h"
#include "storage/offlinequeue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace NebengJek::Client {

using namespace Protocol;

NotificationModel::NotificationModel(ConnectionManager *connection, QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
{
    if (!connection)
        return;
    connect(connection, &ConnectionManager::messageReceived, this, &NotificationModel::onMessage);
    // notification.new is live only: after every (re)connect the stored list is the truth.
    // Queued mark-read requests went out before this (the manager flushes its queue first).
    connect(connection, &ConnectionManager::authenticated, this, &NotificationModel::refresh);
    connect(connection, &ConnectionManager::replyReceived, this, &NotificationModel::onReply);
    connect(connection, &ConnectionManager::errorReceived, this,
            [this](const QString &requestId, const ProtocolError &error) {
                if (requestId == m_listRequestId) {
                    qCWarning(lcClientNotifications)
                            << "notification list failed:" << errorCodeName(error.code);
                    m_listRequestId.clear();
                    Q_EMIT loadingChanged();
                }
                m_markRequests.remove(requestId);
            });
    // A list request the queue gives up on (signed out before the answer) gets no reply: without
    // this, loading would stay on and refresh() would wait for it forever, so the next user's
    // list would never be asked for.
    connect(connection->offlineQueue(), &OfflineQueue::entryStatusChanged, this,
            [this](const QString &id, OfflineQueue::Status status) {
                if (status == OfflineQueue::Failed && id == m_listRequestId) {
                    m_listRequestId.clear();
                    Q_EMIT loadingChanged();
                }
            });
}

int NotificationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant NotificationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Notification &n = m_items.at(index.row());
    switch (role) {
    case IdRole:
        return n.id;
    case KindRole:
        return n.kind;
    case Qt::DisplayRole:
    case TitleRole:
        return n.title;
    case BodyRole:
        return n.body;
    case DataRole:
        return n.data.toVariantMap();
    case CreatedAtRole:
        return n.createdAt;
    case ReadRole:
        return n.read;
    case TextKeyRole:
        return n.text.key;
    case TextArgsRole:
        return n.text.args.toVariantMap();
    default:
        return {};
    }
}

QHash<int, QByteArray> NotificationModel::roleNames() const
{
    return {{IdRole, "notificationId"}, {KindRole, "kind"},       {TitleRole, "title"},
            {BodyRole, "body"},         {DataRole, "payload"},    {CreatedAtRole, "createdAt"},
            {ReadRole, "read"},         {TextKeyRole, "textKey"}, {TextArgsRole, "textArgs"}};
}

QVariantMap NotificationModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= m_items.size())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}

int NotificationModel::unreadCount() const
{
    if (m_serverUnread >= 0)
        return m_serverUnread;
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
                             [](const Notification &n) { return !n.read; }));
}

void NotificationModel::setApplicationActive(bool active)
{
    if (m_applicationActive == active)
        return;
    m_applicationActive = active;
    Q_EMIT applicationActiveChanged();
}

void NotificationModel::setServerUnread(int count)
{
    setServerUnread(count, unreadCount());
}

void NotificationModel::setServerUnread(int count, int before)
{
    m_serverUnread = std::max(0, count);
    if (before != unreadCount())
        Q_EMIT unreadCountChanged();
}

int NotificationModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return i;
    }
    return -1;
}

void NotificationModel::upsert(const Notification &incoming)
{
    Notification n = incoming;
    if (m_pendingRead.contains(n.id) || n.id <= m_pendingReadAllUpTo)
        n.read = true;
    const int row = rowOf(n.id);
    if (row >= 0) {
        m_items[row] = n;
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    // Newest first: ids are assigned in order by the server.
    const auto pos = std::lower_bound(m_items.begin(), m_items.end(), n.id,
                                      [](const Notification &a, qint64 id) { return a.id > id; });
    const int at = int(pos - m_items.begin());
    beginInsertRows({}, at, at);
    m_items.insert(at, n);
    endInsertRows();
    if (m_items.size() > kMaxCached) {
        beginRemoveRows({}, kMaxCached, int(m_items.size()) - 1);
        m_items.resize(kMaxCached);
        endRemoveRows();
    }
    Q_EMIT countChanged();
}

void NotificationModel::onMessage(const Envelope &envelope)
{
    switch (envelope.type) {
    case MessageType::NotificationNew: {
        const auto decoded = decode<NotificationNew>(envelope.payload);
        if (!decoded.ok()) {
            qCWarning(lcClientNotifications) << "bad notification.new:" << decoded.error.message;
            return;
        }
        const bool known = rowOf(decoded->notification.id) >= 0;
        // Taken before the insert: without a server count yet, the unread count is derived
        // from the items, so the insert itself changes it (and the badge must hear of it).
        const int unreadBefore = unreadCount();
        upsert(decoded->notification);
        setServerUnread(decoded->unreadCount, unreadBefore);
        save();
        if (!known) {
            const Notification &n = decoded->notification;
            Q_EMIT notificationArrived(n.id, n.kind, n.title, n.body, n.text.key,
                                       n.text.args.toVariantMap());
            if (!m_applicationActive)
                Q_EMIT desktopNotificationRequested(n.id, n.kind, n.title, n.body, n.text.key,
                                                    n.text.args.toVariantMap());
        }
        break;
    }
    case MessageType::NotificationUnreadCount: {
        const auto decoded = decode<Protocol::NotificationUnreadCount>(envelope.payload);
        if (decoded.ok())
            setServerUnread(decoded->count);
        break;
    }
    case MessageType::ResyncRequired:
        refresh();
        break;
    default:
        break;
    }
}

void NotificationModel::onReply(const QString &requestId, const Envelope &envelope)
{
    if (requestId == m_listRequestId && envelope.type == MessageType::NotificationList) {
        m_listRequestId.clear();
        Q_EMIT loadingChanged();
        const auto decoded = decode<NotificationListResult>(envelope.payload);
        if (!decoded.ok()) {
            qCWarning(lcClientNotifications) << "bad notification.list:" << decoded.error.message;
            return;
        }
        applyList(*decoded);
        return;
    }
    const auto it = m_markRequests.constFind(requestId);
    if (it == m_markRequests.cend())
        return;
    // The server has applied it: a later list is authoritative for these ids.
    const QList<qint64> ids = it.value();
    m_markRequests.erase(it);
    if (ids.isEmpty()) {
        m_pendingReadAllUpTo = 0;
    } else {
        for (qint64 id : ids)
            m_pendingRead.remove(id);
    }
    if (envelope.type == MessageType::NotificationUnreadCount) {
        const auto decoded = decode<Protocol::NotificationUnreadCount>(envelope.payload);
        if (decoded.ok())
            setServerUnread(decoded->count);
    } else if (envelope.type == MessageType::Ack
               && envelope.payload.contains(QStringLiteral("unread_count"))) {
        // The hub's mark-read ack carries the count after marking.
        setServerUnread(envelope.payload.value(QStringLiteral("unread_count")).toInt());
    }
}

void NotificationModel::applyList(const NotificationListResult &list)
{
    const int unreadBefore = unreadCount(); // see onMessage: the upserts may change it
    for (const Notification &n : list.items)
        upsert(n);
    int unread = list.unreadCount;
    if (m_pendingReadAllUpTo > 0) {
        // A mark-all is still on its way: only what arrived after it stays unread.
        unread = int(std::count_if(
                list.items.cbegin(), list.items.cend(),
                [this](const Notification &n) { return !n.read && n.id > m_pendingReadAllUpTo; }));
    } else {
        // Requests still in flight were counted as unread by the server.
        for (const Notification &n : list.items) {
            if (!n.read && m_pendingRead.contains(n.id))
                --unread;
        }
    }
    setServerUnread(unread, unreadBefore);
    save();
}

void NotificationModel::refresh()
{
    if (!m_connection || !m_listRequestId.isEmpty())
        return;
    if (m_connection->state() != ConnectionManager::Connected)
        return; // a stale list is not worth a queue entry; the next resume refreshes
    NotificationListRequest request;
    request.limit = kPageSize;
    m_listRequestId = m_connection->send(request.kType, request.toJson());
    Q_EMIT loadingChanged();
}

void NotificationModel::markRead(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0 || m_items.at(row).read)
        return;
    m_items[row].read = true;
    Q_EMIT dataChanged(index(row), index(row), {ReadRole});
    if (m_serverUnread > 0)
        --m_serverUnread;
    Q_EMIT unreadCountChanged();
    m_pendingRead.insert(id);
    if (m_connection) {
        NotificationMarkRead request;
        request.ids = {id};
        m_markRequests.insert(m_connection->send(request.kType, request.toJson()), request.ids);
    }
    save();
}

void NotificationModel::markAllRead()
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (!m_items.at(row).read) {
            m_items[row].read = true;
            Q_EMIT dataChanged(index(row), index(row), {ReadRole});
        }
    }
    const int before = unreadCount();
    m_serverUnread = 0;
    if (before != 0)
        Q_EMIT unreadCountChanged();
    if (!m_items.isEmpty())
        m_pendingReadAllUpTo = std::max(m_pendingReadAllUpTo, m_items.first().id);
    if (m_connection) {
        NotificationMarkAllRead request;
        m_markRequests.insert(m_connection->send(request.kType, request.toJson()), {});
    }
    save();
}

void NotificationModel::clear()
{
    beginResetModel();
    m_items.clear();
    endResetModel();
    m_serverUnread = -1;
    m_pendingRead.clear();
    m_pendingReadAllUpTo = 0;
    m_markRequests.clear();
    // A list request in flight stays: it answers for the connection's (new) user (or the queue
    // fails it at sign-out, see the constructor).
    Q_EMIT countChanged();
    Q_EMIT unreadCountChanged();
}

void NotificationModel::setCacheFile(const QString &path)
{
    if (m_cacheFile == path)
        return;
    clear();
    m_cacheFile = path;
    load();
}

void NotificationModel::load()
{
    if (m_cacheFile.isEmpty())
        return;
    QFile file(m_cacheFile);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QList<Notification> items;
    const QJsonArray array = root.value(QStringLiteral("items")).toArray();
    for (const QJsonValue &v : array) {
        FieldReader reader(v.toObject());
        Notification n = Notification::read_(reader);
        if (reader.ok())
            items.append(n);
    }
    std::sort(items.begin(), items.end(),
              [](const Notification &a, const Notification &b) { return a.id > b.id; });
    if (items.size() > kMaxCached)
        items.resize(kMaxCached);
    beginResetModel();
    m_items = items;
    endResetModel();
    const QJsonArray pending = root.value(QStringLiteral("pending_read")).toArray();
    for (const QJsonValue &v : pending)
        m_pendingRead.insert(qint64(v.toDouble()));
    m_pendingReadAllUpTo = qint64(root.value(QStringLiteral("pending_read_all_up_to")).toDouble());
    m_serverUnread = root.value(QStringLiteral("unread_count")).toInt(-1);
    Q_EMIT countChanged();
    Q_EMIT unreadCountChanged();
}

void NotificationModel::save() const
{
    if (m_cacheFile.isEmpty())
        return;
    QJsonArray items;
    for (const Notification &n : m_items)
        items.append(n.toJson());
    QJsonArray pending;
    for (qint64 id : m_pendingRead)
        pending.append(double(id));
    const QJsonObject root {
            {QStringLiteral("items"), items},
            {QStringLiteral("unread_count"), m_serverUnread},
            {QStringLiteral("pending_read"), pending},
            {QStringLiteral("pending_read_all_up_to"), double(m_pendingReadAllUpTo)}};
    QDir().mkpath(QFileInfo(m_cacheFile).absolutePath());
    QSaveFile file(m_cacheFile);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcClientNotifications)
                << "cannot write the notification cache:" << file.errorString();
        return;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
    if (!file.commit())
        qCWarning(lcClientNotifications)
                << "cannot write the notification cache:" << file.errorString();
}

} // namespace NebengJek::Client
