// SPDX-License-Identifier: MIT
#include "ioworker.h"

#include <QTcpSocket>

namespace NebengJek::Server {

using namespace Protocol;

IoWorker::IoWorker(const WebSocketConnection::Limits &limits, const QElapsedTimer *clock,
                   Mailbox<IoEvent> *hubInbox)
    : m_limits(limits)
    , m_clock(clock)
    , m_hubInbox(hubInbox)
    , m_commands(this, [this](std::vector<IoCommand> &commands) { run(commands); })
{ }

IoWorker::~IoWorker()
{
    // The hub thread is stopping its I/O threads: nothing more is reported.
    for (const Carried &carried : std::as_const(m_carried)) {
        QObject::disconnect(carried.connection, nullptr, nullptr, nullptr);
        delete carried.connection;
    }
}

qint64 IoWorker::wireSize(qint64 payloadBytes)
{
    // RFC 6455 5.2: 2 bytes of header, plus 2 or 8 bytes of extended length.
    return payloadBytes + (payloadBytes < 126 ? 2 : payloadBytes <= 0xffff ? 4 : 10);
}

void IoWorker::run(std::vector<IoCommand> &commands)
{
    for (IoCommand &command : commands) {
        if (command.kind == IoCommand::Kind::Adopt) {
            adopt(command);
            continue;
        }
        const auto it = m_carried.constFind(command.id);
        if (it == m_carried.constEnd())
            continue; // released, or never adopted
        WebSocketConnection *connection = it->connection;
        ConnectionMirror &mirror = *it->mirror;
        // What stays in the socket's buffer is still unsent; the rest the kernel took. The hub
        // thread counted text and pong frames when it sent them: the count only falls once the
        // bytes are gone, so the hub never sees less than is queued.
        const qint64 before = connection->bytesToWrite();
        qint64 counted = 0;
        switch (command.kind) {
        case IoCommand::Kind::Text:
            counted = wireSize(command.bytes.size());
            connection->sendText(command.bytes);
            break;
        case IoCommand::Kind::Pong:
            counted = wireSize(command.bytes.size());
            connection->sendPong(command.bytes);
            break;
        case IoCommand::Kind::Ping:
            connection->ping();
            break;
        case IoCommand::Kind::Close:
            connection->close(command.code, command.reason);
            break;
        case IoCommand::Kind::Abort:
            connection->abort();
            break;
        case IoCommand::Kind::Release: {
            const Carried carried = *it;
            m_carried.erase(it);
            QObject::disconnect(carried.connection, nullptr, nullptr, nullptr);
            carried.connection->deleteLater();
            continue;
        }
        case IoCommand::Kind::Adopt:
            break;
        }
        if (!m_carried.contains(command.id))
            continue;
        const qint64 stayed = connection->isConnected() ? connection->bytesToWrite() - before : 0;
        mirror.unsent.fetch_add(stayed - counted, std::memory_order_relaxed);
    }
}

void IoWorker::adopt(IoCommand &command)
{
    const ConnectionId id = command.id;
    QTcpSocket *socket = command.socket;
    auto *connection = new WebSocketConnection(socket, m_limits, m_clock, this);
    const Carried carried {connection, std::move(command.mirror)};
    m_carried.insert(id, carried);
    ConnectionMirror *mirror = carried.mirror.get();
    Mailbox<IoEvent> *inbox = m_hubInbox;

    connect(connection, &ClientConnection::messageReceived, connection,
            [this, id, carried, inbox](const QByteArray &message) {
                IoEvent event;
                event.kind = IoEvent::Kind::Message;
                event.id = id;
                event.parsed = parseEnvelope(message, Direction::FromClient);
                event.size = message.size();
                inbox->post(std::move(event));
                publish(carried);
            });
    connect(connection, &ClientConnection::pingReceived, connection,
            [id, inbox](const QByteArray &payload) {
                IoEvent event;
                event.kind = IoEvent::Kind::Ping;
                event.id = id;
                event.bytes = payload;
                inbox->post(std::move(event));
            });
    connect(connection, &ClientConnection::pongReceived, connection, [id, inbox] {
        IoEvent event;
        event.kind = IoEvent::Kind::Pong;
        event.id = id;
        inbox->post(std::move(event));
    });
    connect(connection, &ClientConnection::protocolViolation, connection,
            [id, inbox](int code, const QString &reason) {
                IoEvent event;
                event.kind = IoEvent::Kind::Violation;
                event.id = id;
                event.code = code;
                event.reason = reason;
                inbox->post(std::move(event));
            });
    connect(connection, &ClientConnection::disconnected, connection,
            [id, inbox, mirror, connection] {
                mirror->peerCloseCode.store(connection->peerCloseCode());
                mirror->connected.store(false);
                IoEvent event;
                event.kind = IoEvent::Kind::Disconnected;
                event.id = id;
                inbox->post(std::move(event));
            });
    // After the connection's own handlers (connected first): what they left is published.
    connect(socket, &QTcpSocket::readyRead, connection, [this, carried] { publish(carried); });
    connect(socket, &QTcpSocket::bytesWritten, connection,
            [mirror](qint64 bytes) { mirror->unsent.fetch_sub(bytes, std::memory_order_relaxed); });
    // Bytes that came with the handshake are read from the event loop: publish after that.
    QMetaObject::invokeMethod(
            connection, [this, carried] { publish(carried); }, Qt::QueuedConnection);
    // It may have gone while it moved between threads, with nobody listening.
    if (socket->state() != QAbstractSocket::ConnectedState)
        QMetaObject::invokeMethod(connection, &ClientConnection::disconnected,
                                  Qt::QueuedConnection);
}

void IoWorker::publish(const Carried &carried)
{
    carried.mirror->incompleteSinceMs.store(carried.connection->incompleteSinceMs(),
                                            std::memory_order_relaxed);
}

} // namespace NebengJek::Server
