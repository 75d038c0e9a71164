// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QWebSocketServer>

class QWebSocket;

namespace NebengJek::Bench {

// The floor of the benchmark: the least a QtWebSockets server can do per message. Echo mode sends
// every text message back to its sender (the "routing" of a relay); broadcast mode sends it to
// every other client (the "routing" of a room fan-out). No auth, no JSON, no bookkeeping.
class EchoServer : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Echo, Broadcast };

    explicit EchoServer(Mode mode, QObject *parent = nullptr);
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_tcp.serverPort(); }

private:
    void onNewConnection();

    Mode m_mode;
    // Accepting TCP ourselves (as the gateway does) is the only way in Qt 6.4 to set a listen
    // backlog: QWebSocketServer keeps the kernel default of 50, which drops SYNs in a connect
    // storm and turns them into one-second retransmits.
    QTcpServer m_tcp;
    QWebSocketServer m_ws;
    QList<QWebSocket *> m_clients;
};

} // namespace NebengJek::Bench
