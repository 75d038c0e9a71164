// SPDX-License-Identifier: MIT
#pragma once

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
class WebSocketConnection : public QObject
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

    // One text message in one frame. False if the connection is closing.
    bool sendText(QByteArrayView utf8);
    void sendPong(const QByteArray &payload);
    void ping();
    // Starts the closing handshake (once): sends a close frame and keeps reading until the
    // peer's close frame, then closes TCP. The caller enforces the deadline with abort().
    void close(int code, const QString &reason);
    void abort();

    bool isClosing() const { return m_closeSent || m_closeReceived; }
    bool isConnected() const;
    qint64 bytesToWrite() const;
    // The code of the close frame the peer sent (1005 for none), or 1006 if none arrived.
    int peerCloseCode() const { return m_peerCloseCode; }
    // Clock ms at which the frame or message still incomplete began; -1 if none is.
    qint64 incompleteSinceMs() const;
    // The peer has closed its side (FIN or reset), even if Qt has not noticed yet. An abandoned
    // handshake must not be authenticated after the fact.
    bool peerHasClosed() const;
    static bool peerHasClosed(QAbstractSocket *socket);

Q_SIGNALS:
    void messageReceived(const QByteArray &message);
    void pingReceived(const QByteArray &payload);
    void pongReceived();
    // A violation by the peer (1002, 1007, 1009): the owner should close with this code.
    void protocolViolation(int code, const QString &reason);
    void disconnected();

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
