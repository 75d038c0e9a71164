// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>

#include <QByteArray>
#include <QObject>

namespace NebengJek::Server {

// What a session sees of its WebSocket: the connection itself (WebSocketConnection, on the
// session's thread) or a stand-in for one that an I/O thread carries (RemoteConnection, with
// --threads > 1). Calls never block and never emit synchronously into the session.
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // One text message in one frame (the bytes are shared, not copied, when they cross
    // threads). False if the connection is closing or gone.
    virtual bool sendText(const QByteArray &utf8) = 0;
    virtual void sendPong(const QByteArray &payload) = 0;
    virtual void ping() = 0;
    // Starts the closing handshake (once): sends a close frame and keeps reading until the
    // peer's close frame, then closes TCP. The caller enforces the deadline with abort().
    virtual void close(int code, const QString &reason) = 0;
    virtual void abort() = 0;

    virtual bool isConnected() const = 0;
    // Unsent bytes, including those still on their way to an I/O thread.
    virtual qint64 bytesToWrite() const = 0;
    // The code of the close frame the peer sent (1005 for none), or 1006 if none arrived.
    virtual int peerCloseCode() const = 0;
    // Clock ms at which the frame or message still incomplete began; -1 if none is.
    virtual qint64 incompleteSinceMs() const = 0;
    // The peer has closed its side (FIN or reset), even if Qt has not noticed yet. An abandoned
    // handshake must not be authenticated after the fact.
    virtual bool peerHasClosed() const = 0;

Q_SIGNALS:
    // A complete text or binary message, as received (WebSocketConnection).
    void messageReceived(const QByteArray &message);
    // A message an I/O thread has already parsed (RemoteConnection); `bytes` is its size.
    void envelopeReceived(const NebengJek::Protocol::ParsedEnvelope &parsed, qint64 bytes);
    void pingReceived(const QByteArray &payload);
    void pongReceived();
    // A violation by the peer (1002, 1007, 1009): the owner should close with this code.
    void protocolViolation(int code, const QString &reason);
    void disconnected();
};

} // namespace NebengJek::Server
