// SPDX-License-Identifier: MIT
#include "fakeserver.h"

#include "models/appsession.h"

#include <protocol/closecode.h>
#include <protocol/messages.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

namespace NebengJek::Test {

using namespace Protocol;

namespace {
// Reads the claims of a JWT without verifying it: this server only stands in for the real one.
std::optional<std::pair<QString, Role>> identityFromBearer(const QByteArray &header)
{
    if (!header.startsWith("Bearer "))
        return std::nullopt;
    const QList<QByteArray> parts = header.mid(7).trimmed().split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const QByteArray json = QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding);
    const QJsonObject claims = QJsonDocument::fromJson(json).object();
    QString userId = claims.value(QStringLiteral("user_id")).toString();
    if (userId.isEmpty())
        userId = claims.value(QStringLiteral("sub")).toString();
    const auto role = roleFromName(claims.value(QStringLiteral("role")).toString());
    if (userId.isEmpty() || !role)
        return std::nullopt;
    return std::make_pair(userId, *role);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The Authorization header of a raw HTTP request head carries a token we can read.
bool hasValidBearer(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &line : lines) {
        const int colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "authorization")
            return identityFromBearer(line.mid(colon + 1).trimmed()).has_value();
    }
    return false;
}

// A request head larger than this is not one of ours.
constexpr qint64 kMaxHeadBytes = 8192;

QByteArray httpResponse(int status, const QByteArray &reason, const QJsonObject &body)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
            + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
            + QByteArray::number(json.size()) + "\r\n\r\n" + json;
}
} // namespace

FakeServer::FakeServer(QObject *parent)
    : QObject(parent)
{ }

FakeServer::~FakeServer()
{
    stop();
}

bool FakeServer::start(quint16 port)
{
    if (m_tcp)
        return true;
    m_tcp = new QTcpServer(this);
    if (!m_tcp->listen(QHostAddress::LocalHost, port ? port : m_port)) {
        delete m_tcp;
        m_tcp = nullptr;
        return false;
    }
    m_port = m_tcp->serverPort();
    // The WebSocket server does not listen itself: the TCP front door hands it the upgrades
    // and answers plain HTTP (/dev/token) on the same port, as the real gateway does.
    m_server = new QWebSocketServer(QStringLiteral("nebengjek-fake"),
                                    QWebSocketServer::NonSecureMode, this);
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeServer::onNewConnection);
    connect(m_tcp, &QTcpServer::newConnection, this, &FakeServer::onTcpConnection);
    return true;
}

void FakeServer::stop(int closeCode)
{
    const QList<QWebSocket *> sockets = m_clients.keys();
    for (QWebSocket *socket : sockets) {
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCode(closeCode));
        socket->abort();
        socket->deleteLater();
    }
    m_clients.clear();
    if (m_tcp) {
        m_tcp->close();
        m_tcp->deleteLater();
        m_tcp = nullptr;
    }
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

void FakeServer::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onHttpHead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FakeServer::onHttpHead(QTcpSocket *socket)
{
    const QByteArray head = socket->peek(kMaxHeadBytes);
    if (!head.contains("\r\n\r\n") && head.size() < kMaxHeadBytes)
        return; // wait for the whole head
    const QByteArray requestLine = head.left(head.indexOf("\r\n"));
    if (!requestLine.startsWith("GET /dev/token") && !hasValidBearer(head)) {
        // Refused before the upgrade, as the gateway does: the client signs out (http_401).
        socket->disconnect(this);
        socket->readAll();
        socket->write(httpResponse(401, "Unauthorized",
                                   {{QStringLiteral("error"), QStringLiteral("invalid_token")}}));
        socket->disconnectFromHost();
        return;
    }
    if (!requestLine.startsWith("GET /dev/token")) {
        // An upgrade (or something the WebSocket server will refuse): hand the socket over
        // with its data still unread.
        socket->disconnect(this);
        disconnect(socket, nullptr, socket, nullptr);
        m_server->handleConnection(socket);
        return;
    }
    socket->disconnect(this);
    ++m_devTokenRequests;
    const QList<QByteArray> parts = requestLine.split(' ');
    const QUrl target(QString::fromLatin1(parts.value(1)));
    const QUrlQuery query(target);
    const QString userId = query.queryItemValue(QStringLiteral("user_id"));
    const auto role = roleFromName(query.queryItemValue(QStringLiteral("role")));
    QByteArray response;
    if (!m_devTokenEndpoint) {
        response = httpResponse(404, "Not Found",
                                {{QStringLiteral("error"), QStringLiteral("not_found")}});
    } else if (userId.isEmpty() || !role) {
        response =
                httpResponse(400, "Bad Request",
                             {{QStringLiteral("error"), QStringLiteral("need user_id and role")}});
    } else {
        const QString token = QString::fromLatin1(NebengJek::Client::AppSession::mintDevToken(
                userId, *role, QByteArrayLiteral("fake-server-secret"),
                QDateTime::currentSecsSinceEpoch()));
        response = httpResponse(200, "OK",
                                {{QStringLiteral("token"), token},
                                 {QStringLiteral("user_id"), userId},
                                 {QStringLiteral("role"), roleName(*role)}});
    }
    socket->readAll();
    socket->write(response);
    socket->disconnectFromHost();
}

bool FakeServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

QUrl FakeServer::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port));
}

void FakeServer::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const QByteArray bearer = socket->request().rawHeader(QByteArrayLiteral("Authorization"));
        m_lastToken = QString::fromUtf8(bearer.mid(7));
        const auto identity = identityFromBearer(bearer);
        if (!identity) {
            socket->sendTextMessage(QString::fromUtf8(
                    toEnvelope(AuthFailed {QStringLiteral("invalid token")}).toJson()));
            socket->close(QWebSocketProtocol::CloseCode(CloseCode::AuthFailed));
            socket->deleteLater();
            continue;
        }
        Client client {identity->first, identity->second, true};
        m_clients.insert(socket, client);
        User &user = m_users[client.userId];
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &text) { onText(socket, text); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            const QString userId = m_clients.take(socket).userId;
            socket->deleteLater();
            if (!userId.isEmpty())
                Q_EMIT clientDisconnected(userId);
        });
        AuthSuccess auth;
        auth.userId = client.userId;
        auth.role = client.role;
        auth.sessionId = QStringLiteral("fake-%1").arg(quintptr(socket), 0, 16);
        auth.expiresAt = now() + 3600 * 1000;
        auth.serverTime = now();
        auth.lastSeq = user.seq;
        socket->sendTextMessage(QString::fromUtf8(toEnvelope(auth).toJson()));
        Q_EMIT clientAuthenticated(client.userId, client.role);
    }
}

void FakeServer::onText(QWebSocket *socket, const QString &text)
{
    const QString userId = m_clients.value(socket).userId;
    const ParsedEnvelope parsed = parseEnvelope(text.toUtf8(), Direction::FromClient);
    if (!parsed.ok()) {
        socket->sendTextMessage(
                QString::fromUtf8(Envelope::errorReply(parsed.id, parsed.error).toJson()));
        return;
    }
    const Envelope &request = *parsed.envelope;
    if (request.type == MessageType::Ping) {
        const auto ping = decode<Ping>(request.payload);
        Pong pong;
        if (ping.ok()) {
            pong.seq = ping->seq;
            pong.clientTime = ping->clientTime;
        }
        pong.serverTime = now();
        socket->sendTextMessage(QString::fromUtf8(toEnvelope(pong, request.id).toJson()));
        return;
    }
    User &user = m_users[userId];
    if (!request.id.isEmpty()) {
        const auto it = user.replies.constFind(request.id);
        if (it != user.replies.cend()) {
            // A re-sent request: answer again, do not apply it twice.
            socket->sendTextMessage(QString::fromUtf8(it.value()));
            return;
        }
    }
    if (request.type == MessageType::Resume) {
        const auto resume = decode<Resume>(request.payload);
        const qint64 from = resume.ok() ? resume->lastSeq : 0;
        ResumeDone done;
        for (const Envelope &event : std::as_const(user.log)) {
            if (event.seq <= from)
                continue;
            socket->sendTextMessage(QString::fromUtf8(event.toJson()));
            if (!done.fromSeq)
                done.fromSeq = event.seq;
            ++done.replayed;
        }
        done.toSeq = user.seq;
        socket->sendTextMessage(QString::fromUtf8(toEnvelope(done, request.id).toJson()));
        return;
    }
    user.received.append(request);
    Q_EMIT requestReceived(userId, request);
    if (!m_autoReply)
        return;
    std::optional<Envelope> custom = m_handler ? m_handler(userId, request) : std::nullopt;
    QByteArray reply;
    if (custom) {
        custom->id = request.id;
        reply = custom->toJson();
    } else {
        reply = defaultReply(userId, request);
    }
    if (reply.isEmpty())
        return;
    if (!request.id.isEmpty())
        m_users[userId].replies.insert(request.id, reply);
    if (m_clients.contains(socket))
        socket->sendTextMessage(QString::fromUtf8(reply));
}

QByteArray FakeServer::defaultReply(const QString &userId, const Envelope &request)
{
    User &user = m_users[userId];
    switch (request.type) {
    case MessageType::Typing:
    case MessageType::LocationUpdate:
        return {}; // ephemeral, no reply
    case MessageType::NotificationList: {
        const auto list = decode<NotificationListRequest>(request.payload);
        NotificationListResult result;
        for (const Notification &n : std::as_const(user.notifications)) {
            if (list.ok() && list->beforeId > 0 && n.id >= list->beforeId)
                continue;
            if (list.ok() && result.items.size() >= list->limit) {
                result.nextBeforeId = result.items.last().id;
                break;
            }
            result.items.append(n);
        }
        result.unreadCount =
                int(std::count_if(user.notifications.cbegin(), user.notifications.cend(),
                                  [](const Notification &n) { return !n.read; }));
        return toEnvelope(result, request.id).toJson();
    }
    case MessageType::NotificationMarkRead: {
        const auto mark = decode<NotificationMarkRead>(request.payload);
        for (Notification &n : user.notifications) {
            if (mark.ok() && mark->ids.contains(n.id))
                n.read = true;
        }
        return toEnvelope(Ack {}, request.id).toJson();
    }
    case MessageType::NotificationMarkAllRead:
        for (Notification &n : user.notifications)
            n.read = true;
        return toEnvelope(Ack {}, request.id).toJson();
    case MessageType::NotificationUnreadCount: {
        Protocol::NotificationUnreadCount count;
        count.count = int(std::count_if(user.notifications.cbegin(), user.notifications.cend(),
                                        [](const Notification &n) { return !n.read; }));
        return toEnvelope(count, request.id).toJson();
    }
    case MessageType::MessageSend: {
        const auto send = decode<MessageSend>(request.payload);
        if (!send.ok())
            return Envelope::errorReply(request.id, send.error).toJson();
        MessageSent sent;
        sent.tempId = send->tempId;
        sent.messageId = QStringLiteral("msg-%1").arg(m_nextMessageId++);
        sent.matchId = send->matchId;
        sent.sentAt = now();
        return toEnvelope(sent, request.id).toJson();
    }
    case MessageType::MessageRead: {
        const auto read = decode<MessageRead>(request.payload);
        ReadAck ack;
        ack.matchId = read.ok() ? read->matchId : QString();
        ack.markedCount = 1;
        return toEnvelope(ack, request.id).toJson();
    }
    default:
        return toEnvelope(Ack {}, request.id).toJson();
    }
}

qint64 FakeServer::push(const QString &userId, MessageType type, const QJsonObject &payload,
                        bool durable)
{
    Envelope event = Envelope::make(type, payload);
    if (durable) {
        User &user = m_users[userId];
        event.seq = ++user.seq;
        user.log.append(event);
    }
    sendTo(userId, event.toJson());
    return event.seq;
}

qint64 FakeServer::pushNotification(const QString &userId, const QString &kind,
                                    const QString &title, const QString &body, qint64 createdAt,
                                    bool read)
{
    Notification n;
    n.id = m_nextNotificationId++;
    n.kind = kind;
    n.title = title;
    n.body = body;
    n.createdAt = createdAt > 0 ? createdAt : now();
    n.read = read;
    User &user = m_users[userId];
    user.notifications.prepend(n);
    NotificationNew event;
    event.notification = n;
    event.unreadCount = int(std::count_if(user.notifications.cbegin(), user.notifications.cend(),
                                          [](const Notification &x) { return !x.read; }));
    // Live only, as in the hub: a reconnecting client reloads the list.
    push(userId, MessageType::NotificationNew, event.toJson(), false);
    return n.id;
}

void FakeServer::kick(const QString &userId, int closeCode, const QString &reason)
{
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it.value().userId == userId)
            it.key()->close(QWebSocketProtocol::CloseCode(closeCode), reason);
    }
}

void FakeServer::sendTo(const QString &userId, const QByteArray &frame)
{
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it.value().userId == userId)
            it.key()->sendTextMessage(QString::fromUtf8(frame));
    }
}

QList<Envelope> FakeServer::received(const QString &userId, std::optional<MessageType> type) const
{
    QList<Envelope> list;
    const auto it = m_users.constFind(userId);
    if (it == m_users.cend())
        return list;
    for (const Envelope &e : it.value().received) {
        if (!type || e.type == *type)
            list.append(e);
    }
    return list;
}

int FakeServer::receivedCount(const QString &userId, MessageType type) const
{
    return int(received(userId, type).size());
}

void FakeServer::clearReceived()
{
    for (User &user : m_users)
        user.received.clear();
}

int FakeServer::connectionCount(const QString &userId) const
{
    if (userId.isEmpty())
        return int(m_clients.size());
    return int(std::count_if(m_clients.cbegin(), m_clients.cend(),
                             [&userId](const Client &c) { return c.userId == userId; }));
}

qint64 FakeServer::lastSeq(const QString &userId) const
{
    return m_users.value(userId).seq;
}

} // namespace NebengJek::Test
