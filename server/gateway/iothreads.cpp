// SPDX-License-Identifier: MIT
#include "iothreads.h"

#include "ioworker.h"
#include "logging.h"
#include "remoteconnection.h"

#include <QTcpSocket>
#include <QThread>

namespace NebengJek::Server {

IoThreads::IoThreads(int count, EventLoop::DispatcherKind dispatcher,
                     const WebSocketConnection::Limits &limits, const QElapsedTimer *clock,
                     QObject *parent)
    : QObject(parent)
    , m_inbox(this, [this](std::vector<IoEvent> &events) { deliver(events); })
{
    for (int i = 0; i < count; ++i) {
        Worker w;
        w.thread = new QThread;
        w.thread->setObjectName(QStringLiteral("nebengjek-io-%1").arg(i + 1));
        if (QAbstractEventDispatcher *d = EventLoop::createEventDispatcher(dispatcher))
            w.thread->setEventDispatcher(d);
        w.worker = new IoWorker(limits, clock, &m_inbox);
        w.worker->moveToThread(w.thread);
        w.thread->start();
        m_workers.push_back(w);
    }
    qCInfo(lcGateway).nospace() << "event=io_threads count=" << count;
}

IoThreads::~IoThreads()
{
    flush();
    for (const Worker &w : m_workers) {
        IoWorker *worker = w.worker;
        QMetaObject::invokeMethod(
                worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        w.thread->quit();
        w.thread->wait();
        delete w.thread;
    }
}

RemoteConnection *IoThreads::adopt(QTcpSocket *socket, ConnectionId id, QObject *parent)
{
    const std::size_t index = m_next;
    const Worker &w = m_workers[index];
    m_next = (m_next + 1) % m_workers.size();
    auto mirror = std::make_shared<ConnectionMirror>(socket->socketDescriptor());
    mirror->connected.store(socket->state() == QAbstractSocket::ConnectedState);
    auto *remote = new RemoteConnection(this, index, id, mirror, parent);
    m_remotes.insert(id, remote);
    socket->setParent(nullptr);
    socket->moveToThread(w.thread);
    IoCommand command;
    command.kind = IoCommand::Kind::Adopt;
    command.id = id;
    command.socket = socket;
    command.mirror = std::move(mirror);
    post(index, std::move(command));
    return remote;
}

void IoThreads::post(std::size_t worker, IoCommand command)
{
    m_workers[worker].outgoing.push_back(std::move(command));
    if (!m_flushQueued) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &IoThreads::flush, Qt::QueuedConnection);
    }
}

void IoThreads::flush()
{
    m_flushQueued = false;
    for (Worker &w : m_workers)
        w.worker->postAll(w.outgoing);
}

void IoThreads::deliver(std::vector<IoEvent> &events)
{
    for (IoEvent &event : events) {
        // A connection the session has let go of may still report what was on its way.
        if (RemoteConnection *remote = m_remotes.value(event.id, nullptr))
            remote->deliver(event);
    }
    // The replies to this batch go out now: the drain may go on with the next batch (the I/O
    // threads keep posting), and a queued flush would wait behind it.
    flush();
}

} // namespace NebengJek::Server
