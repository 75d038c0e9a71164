// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QVariantMap>

namespace NebengJek::Client {
class AppSession;
namespace Demo {
class FakeServer;
}
} // namespace NebengJek::Client

// The QML tests' handle on the fake server (`backend` in every test): sign the shared
// AppSession in as someone, push server events, look at what the app sent.
class TestBackend : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString url READ url CONSTANT)
    Q_PROPERTY(
            int desktopNotifications READ desktopNotifications NOTIFY desktopNotificationsChanged)
public:
    TestBackend(NebengJek::Client::Demo::FakeServer *server, NebengJek::Client::AppSession *session,
                QObject *parent = nullptr);

    QString url() const;
    int desktopNotifications() const { return m_desktopNotifications; }
    void countDesktopNotification();

    // Signs the session out and in again as `userId` in `role` (dev sign-in).
    Q_INVOKABLE void signIn(const QString &userId, const QString &role);
    // Signed in and connected.
    Q_INVOKABLE bool ready() const;
    // Pushes an event ("match_proposal", ...) to the user.
    Q_INVOKABLE void push(const QString &userId, const QString &type, const QVariantMap &payload,
                          bool durable = true);
    Q_INVOKABLE double pushNotification(const QString &userId, const QString &kind,
                                        const QString &title, const QString &body,
                                        int minutesAgo = 0, bool read = false);
    Q_INVOKABLE int receivedCount(const QString &userId, const QString &type) const;
    // The payload of the newest request of that type ({} if none).
    Q_INVOKABLE QVariantMap lastReceived(const QString &userId, const QString &type) const;
    Q_INVOKABLE void setAutoReply(bool enabled);
    Q_INVOKABLE double now() const;

Q_SIGNALS:
    void desktopNotificationsChanged();

private:
    QPointer<NebengJek::Client::Demo::FakeServer> m_server;
    QPointer<NebengJek::Client::AppSession> m_session;
    int m_desktopNotifications = 0;
};
