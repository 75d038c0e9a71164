// SPDX-License-Identifier: MIT
#pragma once

#include "clientconnection.h"
#include "websocketframereader.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>

QT_BEGIN_NAMESPACE
class QAbstractSocket;
class QTcpSocket;
QT_END_NAMESPACE

namespace NebengJek::Server {

// The server end of one WebSocket connection (RFC 6455) on a TCP socket whose handshake the
// front door has completed. Written for the gateway instead of QWebSocket because the gateway
// must see and limit what QWebSocket handles by itself:
// - pings are reported (pingReceived) and answered only when the session says so (sendPong),
//   so a ping flood can be rate limited and its pongs counted against the outbound cap;
// - close() runs the closing handshake: the close frame is sent, input is still read (and
//   discarded) until the peer's close frame arrives, and only then is TCP closed, so a peer that
//   is still sending sees the close code instead of a reset;
// - a frame or message that has started but not completed is visible (incompleteSinceMs) so a
//   client dripping bytes can be given a deadline.
class WebSocketConnection : public ClientConnection
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxFrameSize = 64 * 1024;
        qint64 maxMessageSize = 64 * 1024;
        int maxFragments = 64; // non-final frames of one message
    };

    // Takes ownership of `socket` (reparented). Bytes already buffered in it after the handshake
    // are processed from the event loop, after the caller has connected its slots.
    WebSocketConnection(QTcpSocket *socket, const Limits &limits, const QElapsedTimer *clock,
                        QObject *parent = nullptr);
    ~WebSocketConnection() override;

    bool sendText(const QByteArray &utf8) override;
    void sendPong(const QByteArray &payload) override;
    void ping() override;
    void close(int code, const QString &reason) override;
    void abort() override;

    bool isClosing() const { return m_closeSent || m_closeReceived; }
    bool isConnected() const override;
    qint64 bytesToWrite() const override;
    int peerCloseCode() const override { return m_peerCloseCode; }
    qint64 incompleteSinceMs() const override;
    bool peerHasClosed() const override;
    QTcpSocket *tcpSocket() const { return m_socket; }
    static bool peerHasClosed(QAbstractSocket *socket);
    // The same question about an open, connected TCP descriptor (any thread).
    static bool peerHasClosed(qintptr descriptor);

private:
    void onReadyRead();
    void processInbound();
    void handleFrame(WebSocketFrameReader::Frame &frame);
    void handlePeerClose(const QByteArray &payload);
    void fail(int code, const QString &reason);
    void write(quint8 opcode, QByteArrayView payload);
    void resetMessage();

    QTcpSocket *m_socket;
    Limits m_limits;
    WebSocketFrameReader m_reader;
    const QElapsedTimer *m_clock;
    QByteArray m_inbound; // unparsed bytes
    QByteArray m_message; // fragments of the message being received
    quint64 m_skip = 0; // payload bytes of a refused frame still to discard
    qint64 m_frameStartMs = -1;
    qint64 m_messageStartMs = -1;
    int m_fragments = 0;
    int m_peerCloseCode = 1006;
    quint8 m_messageOpcode = 0; // 0: no message in progress
    bool m_closeSent = false;
    bool m_closeReceived = false;
    bool m_discardAll = false; // after a malformed frame the stream cannot be followed
};

} // namespace NebengJek::Server
