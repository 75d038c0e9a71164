// SPDX-License-Identifier: MIT
#include "fakeserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTcpSocket>

#include <memory>

FakeServer::FakeServer(QObject *parent)
    : QObject(parent)
    , m_server(QStringLiteral("fake-gateway"), QWebSocketServer::NonSecureMode)
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QWebSocketServer::newConnection, this, &FakeServer::onNewConnection);
}

FakeServer::~FakeServer()
{
    // The sockets are children and would die after m_connections, emitting disconnected()
    // into handlers that write to it: close them while it still exists.
    for (Connection &c : m_connections) {
        if (c.socket) {
            c.socket->disconnect(this);
            delete c.socket;
        }
    }
}

QUrl FakeServer::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server.serverPort()));
}

QList<QJsonObject> FakeServer::received(int i, const QString &type) const
{
    QList<QJsonObject> result;
    for (const QJsonObject &m : m_connections.at(i).received) {
        if (m.value(QStringLiteral("type")).toString() == type)
            result.append(m);
    }
    return result;
}

void FakeServer::send(int i, const QJsonObject &message)
{
    if (QWebSocket *s = m_connections.at(i).socket)
        s->sendTextMessage(
                QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void FakeServer::sendAuthSuccess(int i)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    send(i,
         {{QStringLiteral("type"), QStringLiteral("auth_success")},
          {QStringLiteral("payload"),
           QJsonObject {{QStringLiteral("user_id"), userId},
                        {QStringLiteral("role"), role},
                        {QStringLiteral("session_id"), QStringLiteral("s-%1").arg(i)},
                        {QStringLiteral("expires_at"), double(now + 3600000)},
                        {QStringLiteral("server_time"), double(now)},
                        {QStringLiteral("last_seq"), double(serverLastSeq)}}}});
}

void FakeServer::sendEvent(int i, qint64 seq, const QString &type, const QJsonObject &payload)
{
    send(i,
         {{QStringLiteral("type"), type},
          {QStringLiteral("seq"), double(seq)},
          {QStringLiteral("payload"), payload}});
}

void FakeServer::closeWith(int i, int code, const QString &reason)
{
    if (QWebSocket *s = m_connections.at(i).socket)
        s->close(QWebSocketProtocol::CloseCode(code), reason);
}

void FakeServer::abort(int i)
{
    if (QWebSocket *s = m_connections.at(i).socket)
        s->abort();
}

void FakeServer::onNewConnection()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        const int index = m_connections.size();
        Connection c;
        c.socket = socket;
        c.authorization = socket->request().rawHeader(QByteArrayLiteral("Authorization"));
        m_connections.append(c);
        connect(socket, &QWebSocket::textMessageReceived, this, [this, index](const QString &t) {
            const QJsonObject m = QJsonDocument::fromJson(t.toUtf8()).object();
            m_connections[index].received.append(m);
            const QString type = m.value(QStringLiteral("type")).toString();
            const QString id = m.value(QStringLiteral("id")).toString();
            if (type == QLatin1String("ping") && autoPong) {
                QJsonObject pong = m.value(QStringLiteral("payload")).toObject();
                pong.insert(QStringLiteral("server_time"),
                            double(QDateTime::currentMSecsSinceEpoch()));
                send(index,
                     {{QStringLiteral("type"), QStringLiteral("pong")},
                      {QStringLiteral("payload"), pong}});
            } else if (type == QLatin1String("resume") && autoResumeDone) {
                send(index,
                     {{QStringLiteral("type"), QStringLiteral("resume.done")},
                      {QStringLiteral("id"), id},
                      {QStringLiteral("payload"),
                       QJsonObject {{QStringLiteral("from_seq"), 0},
                                    {QStringLiteral("to_seq"), 0},
                                    {QStringLiteral("replayed"), 0}}}});
            } else if (autoAck && !id.isEmpty() && type != QLatin1String("resume")) {
                send(index,
                     {{QStringLiteral("type"), QStringLiteral("ack")},
                      {QStringLiteral("id"), id},
                      {QStringLiteral("payload"),
                       QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}}}});
            }
            Q_EMIT messageReceived(index, m);
        });
        connect(socket, &QWebSocket::disconnected, this, [this, index] {
            Connection &c = m_connections[index];
            if (c.socket)
                c.closeCode = int(c.socket->closeCode());
        });
        if (autoAuth)
            sendAuthSuccess(index);
    }
}

RefusingServer::RefusingServer(int status, QObject *parent)
    : QObject(parent)
    , m_status(status)
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++m_attempts;
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            if (m_status == 0) {
                socket->close();
                continue;
            }
            // Answer once the request head is in, like the gateway's early refusal.
            auto head = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, head, status = m_status] {
                head->append(socket->readAll());
                if (!head->contains("\r\n\r\n"))
                    return;
                const QByteArray reason = status == 401 ? "Unauthorized"
                        : status == 403                 ? "Forbidden"
                                                        : "Service Unavailable";
                socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                              + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        }
    });
}

QUrl RefusingServer::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server.serverPort()));
}
