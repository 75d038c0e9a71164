// SPDX-License-Identifier: MIT
#pragma once

#include "clientconnection.h"
#include "connectionmirror.h"
#include "ioevents.h"

#include <memory>

namespace NebengJek::Server {

class IoThreads;

// The hub thread's stand-in for a connection an I/O thread carries (--threads > 1): the session
// talks to it as to a WebSocketConnection; sends and closes travel to the I/O thread as
// commands, what the peer does comes back as events (IoThreads::deliver), and the questions a
// session asks synchronously (queued bytes, connected, partial frame) are answered from the
// mirror the I/O thread keeps current.
class RemoteConnection : public ClientConnection
{
    Q_OBJECT
public:
    RemoteConnection(IoThreads *threads, std::size_t worker, ConnectionId id,
                     std::shared_ptr<ConnectionMirror> mirror, QObject *parent = nullptr);
    // The I/O thread lets its connection go (aborting it if still open).
    ~RemoteConnection() override;

    bool sendText(const QByteArray &utf8) override;
    void sendPong(const QByteArray &payload) override;
    void ping() override;
    void close(int code, const QString &reason) override;
    void abort() override;

    bool isConnected() const override;
    qint64 bytesToWrite() const override;
    int peerCloseCode() const override;
    qint64 incompleteSinceMs() const override;
    bool peerHasClosed() const override;

    // An event from the I/O thread, on the hub thread.
    void deliver(IoEvent &event);

private:
    void post(IoCommand::Kind kind, const QByteArray &bytes = {});

    IoThreads *m_threads;
    std::size_t m_worker; // index in m_threads
    std::shared_ptr<ConnectionMirror> m_mirror;
    ConnectionId m_id;
    bool m_closeSent = false;
};

} // namespace NebengJek::Server
