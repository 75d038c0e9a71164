// SPDX-License-Identifier: MIT
#include "remoteconnection.h"

#include "iothreads.h"
#include "ioworker.h"

#include <QTcpSocket>

namespace NebengJek::Server {

RemoteConnection::RemoteConnection(IoThreads *threads, std::size_t worker, ConnectionId id,
                                   std::shared_ptr<ConnectionMirror> mirror, QObject *parent)
    : ClientConnection(parent)
    , m_threads(threads)
    , m_worker(worker)
    , m_mirror(std::move(mirror))
    , m_id(id)
{ }

RemoteConnection::~RemoteConnection()
{
    post(IoCommand::Kind::Release);
    m_threads->forget(m_id);
}

void RemoteConnection::post(IoCommand::Kind kind, const QByteArray &bytes)
{
    IoCommand command;
    command.kind = kind;
    command.id = m_id;
    command.bytes = bytes;
    m_threads->post(m_worker, std::move(command));
}

bool RemoteConnection::sendText(const QByteArray &utf8)
{
    if (m_closeSent || !isConnected())
        return false;
    m_mirror->unsent.fetch_add(IoWorker::wireSize(utf8.size()), std::memory_order_relaxed);
    post(IoCommand::Kind::Text, utf8);
    return true;
}

void RemoteConnection::sendPong(const QByteArray &payload)
{
    if (m_closeSent || !isConnected())
        return;
    m_mirror->unsent.fetch_add(IoWorker::wireSize(payload.size()), std::memory_order_relaxed);
    post(IoCommand::Kind::Pong, payload);
}

void RemoteConnection::ping()
{
    if (!m_closeSent && isConnected())
        post(IoCommand::Kind::Ping);
}

void RemoteConnection::close(int code, const QString &reason)
{
    if (m_closeSent)
        return;
    m_closeSent = true;
    IoCommand command;
    command.kind = IoCommand::Kind::Close;
    command.id = m_id;
    command.code = code;
    command.reason = reason;
    m_threads->post(m_worker, std::move(command));
}

void RemoteConnection::abort()
{
    post(IoCommand::Kind::Abort);
}

bool RemoteConnection::isConnected() const
{
    return m_mirror->connected.load();
}

qint64 RemoteConnection::bytesToWrite() const
{
    return qMax<qint64>(0, m_mirror->unsent.load(std::memory_order_relaxed));
}

int RemoteConnection::peerCloseCode() const
{
    return m_mirror->peerCloseCode.load();
}

qint64 RemoteConnection::incompleteSinceMs() const
{
    return m_mirror->incompleteSinceMs.load(std::memory_order_relaxed);
}

bool RemoteConnection::peerHasClosed() const
{
    // Only a peek (MSG_PEEK): should the I/O thread have closed the descriptor an instant before
    // `connected` drops, and a new accept reused the number, nothing is consumed and the answer
    // is at worst "still open" for a connection whose disconnect event is on its way.
    if (!isConnected())
        return true;
    return WebSocketConnection::peerHasClosed(m_mirror->fd);
}

void RemoteConnection::deliver(IoEvent &event)
{
    switch (event.kind) {
    case IoEvent::Kind::Message:
        Q_EMIT envelopeReceived(*event.parsed, event.size);
        return;
    case IoEvent::Kind::Ping:
        Q_EMIT pingReceived(event.bytes);
        return;
    case IoEvent::Kind::Pong:
        Q_EMIT pongReceived();
        return;
    case IoEvent::Kind::Violation:
        m_closeSent = true; // the I/O thread has closed with this code
        Q_EMIT protocolViolation(event.code, event.reason);
        return;
    case IoEvent::Kind::Disconnected:
        Q_EMIT disconnected();
        return;
    }
}

} // namespace NebengJek::Server
