// SPDX-License-Identifier: MIT
#include "echoserver.h"

#include <QTcpSocket>
#include <QWebSocket>

namespace NebengJek::Bench {

namespace {
// Enough for a connect storm of thousands without SYN drops (the kernel caps it at somaxconn).
constexpr int kListenBacklog = 4096;
// Bench messages are tiny; the cap only keeps a stray client from growing memory.
constexpr qint64 kMaxMessageBytes = 64 * 1024;
} // namespace

EchoServer::EchoServer(Mode mode, QObject *parent)
    : QObject(parent)
    , m_mode(mode)
    , m_ws(QStringLiteral("bench-echo"), QWebSocketServer::NonSecureMode)
{
    m_tcp.setListenBacklogSize(kListenBacklog);
    // Handshakes are answered as soon as the upgrade request is read; the queue of finished
    // handshakes must not cap a storm either.
    m_ws.setMaxPendingConnections(kListenBacklog);
    connect(&m_tcp, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_tcp.nextPendingConnection())
            m_ws.handleConnection(socket);
    });
    connect(&m_ws, &QWebSocketServer::newConnection, this, &EchoServer::onNewConnection);
}

bool EchoServer::listen(const QHostAddress &address, quint16 port)
{
    return m_tcp.listen(address, port);
}

void EchoServer::onNewConnection()
{
    while (QWebSocket *socket = m_ws.nextPendingConnection()) {
        socket->setMaxAllowedIncomingFrameSize(kMaxMessageBytes);
        socket->setMaxAllowedIncomingMessageSize(kMaxMessageBytes);
        m_clients.append(socket);
        if (m_mode == Mode::Echo) {
            connect(socket, &QWebSocket::textMessageReceived, socket,
                    [socket](const QString &text) { socket->sendTextMessage(text); });
        } else {
            connect(socket, &QWebSocket::textMessageReceived, socket,
                    [this, socket](const QString &text) {
                        for (QWebSocket *client : std::as_const(m_clients)) {
                            if (client != socket)
                                client->sendTextMessage(text);
                        }
                    });
        }
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.removeOne(socket);
            socket->deleteLater();
        });
    }
}

} // namespace NebengJek::Bench
