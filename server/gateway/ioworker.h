// SPDX-License-Identifier: MIT
#pragma once

#include "ioevents.h"
#include "mailbox.h"
#include "websocketconnection.h"

#include <QHash>
#include <QObject>

QT_BEGIN_NAMESPACE
class QElapsedTimer;
QT_END_NAMESPACE

namespace NebengJek::Server {

// One I/O thread's side of the connections it carries: socket reads and writes, WebSocket
// framing, UTF-8 checks and JSON parsing happen here; what the session must decide (limits,
// auth, dispatch to the hub) goes to the hub thread as IoEvents, and the session's answers come
// back as IoCommands. Lives in its I/O thread; built on the hub thread and moved.
class IoWorker : public QObject
{
    Q_OBJECT
public:
    IoWorker(const WebSocketConnection::Limits &limits, const QElapsedTimer *clock,
             Mailbox<IoEvent> *hubInbox);
    ~IoWorker() override;

    // Any thread.
    void post(IoCommand command) { m_commands.post(std::move(command)); }
    void postAll(std::vector<IoCommand> &commands) { m_commands.postAll(commands); }

    // The size of a text or pong frame on the wire, as counted in ConnectionMirror::unsent.
    static qint64 wireSize(qint64 payloadBytes);

private:
    struct Carried
    {
        WebSocketConnection *connection = nullptr;
        std::shared_ptr<ConnectionMirror> mirror;
    };

    void run(std::vector<IoCommand> &commands);
    void adopt(IoCommand &command);
    void publish(const Carried &carried);

    WebSocketConnection::Limits m_limits;
    const QElapsedTimer *m_clock;
    Mailbox<IoEvent> *m_hubInbox;
    Mailbox<IoCommand> m_commands;
    QHash<ConnectionId, Carried> m_carried;
};

} // namespace NebengJek::Server
