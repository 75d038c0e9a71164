// SPDX-License-Identifier: MIT
#pragma once

#include "ioevents.h"
#include "mailbox.h"
#include "websocketconnection.h"

#include <eventloop/dispatcherchoice.h>

#include <QHash>
#include <QObject>

#include <vector>

QT_BEGIN_NAMESPACE
class QElapsedTimer;
class QTcpSocket;
class QThread;
QT_END_NAMESPACE

namespace NebengJek::Server {

class IoWorker;
class RemoteConnection;

// The I/O threads of --threads N > 1, seen from the hub thread: upgraded sockets are handed to
// them round-robin, and the events they report are delivered here, in order, in batches
// (docs/architecture.md, "Threads").
class IoThreads : public QObject
{
    Q_OBJECT
public:
    IoThreads(int count, EventLoop::DispatcherKind dispatcher,
              const WebSocketConnection::Limits &limits, const QElapsedTimer *clock,
              QObject *parent = nullptr);
    // Stops the threads; every connection they still carry is aborted. Every RemoteConnection
    // must be gone first.
    ~IoThreads() override;

    int count() const { return int(m_workers.size()); }

    // Takes an upgraded socket of this thread (no parent, its 101 queued) to the next I/O
    // thread; the returned stand-in is what the session talks to.
    RemoteConnection *adopt(QTcpSocket *socket, ConnectionId id, QObject *parent);

private:
    friend class RemoteConnection;
    void forget(ConnectionId id) { m_remotes.remove(id); }
    // Commands of one turn of the hub thread's loop go out together, when the turn is over: a
    // fan-out to a thousand connections is one hand-over (one wake-up) per I/O thread.
    void post(std::size_t worker, IoCommand command);
    void flush();
    void deliver(std::vector<IoEvent> &events);

    struct Worker
    {
        QThread *thread = nullptr;
        IoWorker *worker = nullptr;
        std::vector<IoCommand> outgoing; // hub thread: not yet handed over
    };

    Mailbox<IoEvent> m_inbox;
    std::vector<Worker> m_workers;
    QHash<ConnectionId, RemoteConnection *> m_remotes;
    std::size_t m_next = 0;
    bool m_flushQueued = false;
};

} // namespace NebengJek::Server
