// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>
#include <protocol/messages/notificationmessages.h>

#include <QAbstractListModel>
#include <QPointer>
#include <QSet>

namespace NebengJek::Client {

class ConnectionManager;

// The notification center: newest first, unread count, mark read / mark all read. The list is
// cached in a file so it is there at the next start before the server answers; the server's
// list wins when it arrives.
class NotificationModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    // Set by the app from its window/application state; a new notification while inactive asks
    // for a desktop notification.
    Q_PROPERTY(bool applicationActive READ applicationActive WRITE setApplicationActive NOTIFY
                       applicationActiveChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        KindRole,
        TitleRole,
        BodyRole,
        DataRole,
        CreatedAtRole,
        ReadRole,
        // The text as a key + arguments (ServerTexts.qml); empty key: only title/body.
        TextKeyRole,
        TextArgsRole,
    };
    Q_ENUM(Roles)

    // Kept on disk and in memory; older ones stay on the server.
    static constexpr int kMaxCached = 200;
    // One page per (re)connect keeps the first screen fresh without a long list transfer.
    static constexpr int kPageSize = 50;

    explicit NotificationModel(ConnectionManager *connection, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int unreadCount() const;
    bool applicationActive() const { return m_applicationActive; }
    void setApplicationActive(bool active);
    bool loading() const { return !m_listRequestId.isEmpty(); }

    Q_INVOKABLE void markRead(qint64 id);
    Q_INVOKABLE void markAllRead();
    Q_INVOKABLE void refresh();
    Q_INVOKABLE QVariantMap get(int row) const;

    // Where the cache lives (per user); empty: no persistence. Loads what is there.
    void setCacheFile(const QString &path);
    void clear();
    // Adds or updates one (also used by the demo mode and tests).
    void upsert(const Protocol::Notification &notification);

Q_SIGNALS:
    void countChanged();
    void unreadCountChanged();
    void applicationActiveChanged();
    void loadingChanged();
    // Every new notification, for an in-app toast.
    void notificationArrived(qint64 id, const QString &kind, const QString &title,
                             const QString &body, const QString &textKey,
                             const QVariantMap &textArgs);
    // A new notification while the app is not active: the app shows a desktop notification.
    void desktopNotificationRequested(qint64 id, const QString &kind, const QString &title,
                                      const QString &body, const QString &textKey,
                                      const QVariantMap &textArgs);

private:
    void onMessage(const Protocol::Envelope &envelope);
    void onReply(const QString &requestId, const Protocol::Envelope &envelope);
    void applyList(const Protocol::NotificationListResult &list);
    int rowOf(qint64 id) const;
    void setServerUnread(int count);
    // `before`: the unread count before the caller changed the items (signals a change).
    void setServerUnread(int count, int before);
    void load();
    void save() const;

    QPointer<ConnectionManager> m_connection;
    QList<Protocol::Notification> m_items; // newest first (id descending)
    int m_serverUnread = -1; // the server's count, -1 until it told us
    // Marked read here but not yet acknowledged: a list fetched before the (queued) request
    // reached the server must not make them unread again.
    QSet<qint64> m_pendingRead;
    qint64 m_pendingReadAllUpTo = 0;
    QHash<QString, QList<qint64>> m_markRequests; // request id -> ids (empty: mark all)
    bool m_applicationActive = true;
    QString m_cacheFile;
    QString m_listRequestId;
};

} // namespace NebengJek::Client
