// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>
#include <protocol/messages/notificationmessages.h>
#include <protocol/role.h>

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;
QT_END_NAMESPACE

namespace NebengJek::Test {

// An in-process stand-in for the gateway + hub, speaking the real protocol on a loopback
// WebSocket, for the view model and QML tests that inject server events the real hub cannot be
// made to send on cue (a test double: the demo and the newer tests use the real hub). It
// authenticates any well-formed JWT without checking its signature (it reads user_id/sub and
// role), serves GET /dev/token like a `--dev` server, answers ping, resume (replaying its
// per-user event log), notification.list, message.send/read, and acknowledges the rest. Scripted
// behaviour (a partner that answers) is added by tests through setHandler(), requestReceived() and push().
class FakeServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeServer(QObject *parent = nullptr);
    ~FakeServer() override;

    // Listens on 127.0.0.1:`port` (0: any free port; a restart reuses the previous one).
    bool start(quint16 port = 0);
    // Closes every connection with `closeCode` and stops listening; the event logs stay, as
    // they would in the real server's database.
    void stop(int closeCode = 1001);
    bool isListening() const;
    quint16 port() const { return m_port; }
    QUrl url() const;

    // Sends an event to every connection of `userId`. Durable events get the user's next
    // sequence number and are kept for resume.
    qint64 push(const QString &userId, Protocol::MessageType type, const QJsonObject &payload,
                bool durable = true);
    // Adds a notification to the user's center and pushes notification.new.
    qint64 pushNotification(const QString &userId, const QString &kind, const QString &title,
                            const QString &body, qint64 createdAt = 0, bool read = false);
    // Closes the user's connections with a close code (4500: auth failed, 4000: restart...).
    void kick(const QString &userId, int closeCode, const QString &reason = {});

    // Requests received, in order, optionally only of one type.
    QList<Protocol::Envelope> received(const QString &userId,
                                       std::optional<Protocol::MessageType> type = {}) const;
    int receivedCount(const QString &userId, Protocol::MessageType type) const;
    void clearReceived();
    int connectionCount(const QString &userId = {}) const;
    qint64 lastSeq(const QString &userId) const;
    QString lastBearerToken() const { return m_lastToken; }
    int devTokenRequests() const { return m_devTokenRequests; }
    // When false, /dev/token answers 404 (a server without the endpoint).
    void setDevTokenEndpoint(bool enabled) { m_devTokenEndpoint = enabled; }

    // A request handler may answer instead of the default (return the reply payload and type)
    // or add behaviour (return nullopt and the default reply goes out).
    using Handler = std::function<std::optional<Protocol::Envelope>(const QString &userId,
                                                                    const Protocol::Envelope &)>;
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // When false, requests get no reply at all (to test "pending" states).
    void setAutoReply(bool enabled) { m_autoReply = enabled; }

Q_SIGNALS:
    void clientAuthenticated(const QString &userId, NebengJek::Protocol::Role role);
    void clientDisconnected(const QString &userId);
    void requestReceived(const QString &userId, const NebengJek::Protocol::Envelope &envelope);

private:
    struct Client
    {
        QString userId;
        Protocol::Role role = Protocol::Role::Passenger;
        bool authenticated = false;
    };
    struct User
    {
        qint64 seq = 0;
        QList<Protocol::Envelope> log;
        QList<Protocol::Notification> notifications; // newest first
        QHash<QString, QByteArray> replies; // request id -> reply frame (dedup)
        QList<Protocol::Envelope> received;
    };

    void onTcpConnection();
    void onHttpHead(QTcpSocket *socket);
    void onNewConnection();
    void onText(QWebSocket *socket, const QString &text);
    QByteArray defaultReply(const QString &userId, const Protocol::Envelope &request);
    void sendTo(const QString &userId, const QByteArray &frame);

    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_server = nullptr;
    quint16 m_port = 0;
    QHash<QWebSocket *, Client> m_clients;
    QHash<QString, User> m_users;
    qint64 m_nextNotificationId = 1;
    qint64 m_nextMessageId = 1;
    QString m_lastToken;
    Handler m_handler;
    bool m_autoReply = true;
    bool m_devTokenEndpoint = true;
    int m_devTokenRequests = 0;
};

} // namespace NebengJek::Test
