// SPDX-License-Identifier: MIT
#include "websocketconnection.h"

#include "socketbuffers.h"
#include "utf8validator.h"

#include <protocol/closecode.h>

#include <QTcpSocket>
#include <QtEndian>

#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>

namespace NebengJek::Server {

namespace CloseCode = Protocol::CloseCode;

namespace {
// Qt's own buffer is unbounded by default; with a cap the kernel applies back pressure and a
// peer cannot make us hold more than this plus one frame.
constexpr qint64 kReadBufferBytes = 64 * 1024;
// A close frame's reason is at most 123 bytes (125 minus the code).
constexpr int kMaxCloseReason = 123;

bool isValidPeerCloseCode(int code)
{
    if (code >= 3000 && code <= 4999)
        return true;
    return code >= 1000 && code <= 1011 && code != 1004 && code != 1005 && code != 1006;
}

QByteArray closePayload(int code, const QString &reason)
{
    QByteArray payload(2, '\0');
    qToBigEndian<quint16>(quint16(code), payload.data());
    QByteArray text = reason.toUtf8();
    if (text.size() > kMaxCloseReason) {
        text.truncate(kMaxCloseReason);
        // Do not cut a UTF-8 sequence in half.
        while (!text.isEmpty() && (quint8(text.back()) & 0xc0) == 0x80)
            text.chop(1);
        if (!text.isEmpty() && quint8(text.back()) >= 0xc0)
            text.chop(1);
    }
    return payload + text;
}
} // namespace

WebSocketConnection::WebSocketConnection(QTcpSocket *socket, const Limits &limits,
                                         const QElapsedTimer *clock, QObject *parent)
    : ClientConnection(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_reader(limits.maxFrameSize)
    , m_clock(clock)
{
    socket->setParent(this);
    socket->setReadBufferSize(kReadBufferBytes);
    connect(socket, &QTcpSocket::readyRead, this, &WebSocketConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &WebSocketConnection::disconnected);
    // Bytes that came with the handshake: after the owner has connected its slots.
    QMetaObject::invokeMethod(this, &WebSocketConnection::onReadyRead, Qt::QueuedConnection);
}

WebSocketConnection::~WebSocketConnection()
{
    disconnect(m_socket, nullptr, this, nullptr);
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

bool WebSocketConnection::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 WebSocketConnection::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

qint64 WebSocketConnection::incompleteSinceMs() const
{
    if (m_messageStartMs >= 0 && m_frameStartMs >= 0)
        return qMin(m_messageStartMs, m_frameStartMs);
    return m_messageStartMs >= 0 ? m_messageStartMs : m_frameStartMs;
}

bool WebSocketConnection::peerHasClosed() const
{
    return peerHasClosed(m_socket);
}

bool WebSocketConnection::peerHasClosed(QAbstractSocket *socket)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return true;
    return peerHasClosed(socket->socketDescriptor());
}

bool WebSocketConnection::peerHasClosed(qintptr fd)
{
    if (fd < 0)
        return true;
    // Qt has read what arrived into its own buffer; the kernel still holds the FIN (recv returns
    // 0) or the reset (an error) until Qt's next read notification.
    char byte = 0;
    const ssize_t n = ::recv(int(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0)
        return true;
    if (n < 0)
        return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
    return false;
}

bool WebSocketConnection::sendText(const QByteArray &utf8)
{
    if (m_closeSent || !isConnected())
        return false;
    write(WsOpcode::Text, utf8);
    return true;
}

void WebSocketConnection::sendPong(const QByteArray &payload)
{
    if (!m_closeSent && isConnected())
        write(WsOpcode::Pong, payload);
}

void WebSocketConnection::ping()
{
    if (!m_closeSent && isConnected())
        write(WsOpcode::Ping, {});
}

void WebSocketConnection::write(quint8 opcode, QByteArrayView payload)
{
    // Not through Qt's write buffer, which would keep a block per connection afterwards.
    writeBypassingBuffer(m_socket, WebSocketFrameReader::header(opcode, quint64(payload.size())),
                         payload);
}

void WebSocketConnection::close(int code, const QString &reason)
{
    if (m_closeSent)
        return;
    m_closeSent = true;
    resetMessage();
    if (isConnected())
        write(WsOpcode::Close, closePayload(code, reason));
    if (m_closeReceived)
        m_socket->disconnectFromHost(); // after the close frame is written
}

void WebSocketConnection::abort()
{
    m_socket->abort();
}

void WebSocketConnection::fail(int code, const QString &reason)
{
    Q_EMIT protocolViolation(code, reason);
    close(code, reason); // no-op if the owner closed already
}

void WebSocketConnection::resetMessage()
{
    m_message.clear();
    m_messageOpcode = 0;
    m_fragments = 0;
    m_messageStartMs = -1;
}

void WebSocketConnection::onReadyRead()
{
    if (m_discardAll || m_closeReceived) {
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    while (m_socket->bytesAvailable() > 0 && !m_discardAll && !m_closeReceived) {
        // Everything buffered: when it is one block (the usual case) Qt hands over that block
        // instead of copying it, and the socket keeps no buffer while the connection is idle.
        QByteArray data = m_socket->read(m_socket->bytesAvailable());
        if (data.isEmpty())
            break;
        if (m_inbound.isEmpty())
            m_inbound = std::move(data);
        else
            m_inbound += data;
        processInbound();
    }
    if (m_discardAll || m_closeReceived)
        m_socket->skip(m_socket->bytesAvailable());
}

void WebSocketConnection::processInbound()
{
    qsizetype pos = 0;
    bool progressed = false;
    while (!m_discardAll && !m_closeReceived) {
        if (m_skip > 0) {
            const qsizetype n = qsizetype(qMin<quint64>(m_skip, quint64(m_inbound.size() - pos)));
            pos += n;
            m_skip -= quint64(n);
            if (m_skip > 0)
                break;
            continue;
        }
        WebSocketFrameReader::Frame frame;
        qsizetype consumed = 0;
        quint64 length = 0;
        const auto status =
                m_reader.next(QByteArrayView(m_inbound).sliced(pos), &frame, &consumed, &length);
        if (status == WebSocketFrameReader::Status::NeedMore)
            break;
        progressed = true;
        if (status == WebSocketFrameReader::Status::Malformed) {
            m_discardAll = true;
            pos = m_inbound.size();
            fail(CloseCode::ProtocolError, QStringLiteral("malformed frame"));
            break;
        }
        pos += consumed;
        if (status == WebSocketFrameReader::Status::TooBig) {
            m_skip = length; // stay in step with the peer: its close frame follows the payload
            if (!m_closeSent)
                fail(CloseCode::MessageTooBig, QStringLiteral("frame too big"));
            continue;
        }
        handleFrame(frame);
    }
    // An idle connection holds no buffer: clear() frees, remove() would keep the capacity.
    if (pos >= m_inbound.size() || m_discardAll || m_closeReceived)
        m_inbound.clear();
    else
        m_inbound.remove(0, pos);
    // The deadline of a partial frame runs from when it began, not from the connection's start.
    if (m_inbound.isEmpty() && m_skip == 0)
        m_frameStartMs = -1;
    else if (m_frameStartMs < 0 || progressed)
        m_frameStartMs = m_clock->elapsed();
}

void WebSocketConnection::handleFrame(WebSocketFrameReader::Frame &frame)
{
    switch (frame.opcode) {
    case WsOpcode::Ping:
        if (!m_closeSent)
            Q_EMIT pingReceived(frame.payload);
        return;
    case WsOpcode::Pong:
        Q_EMIT pongReceived();
        return;
    case WsOpcode::Close:
        handlePeerClose(frame.payload);
        return;
    default:
        break;
    }
    if (m_closeSent)
        return; // closing: data is read only to find the peer's close frame
    if (frame.opcode == WsOpcode::Continuation) {
        if (m_messageOpcode == 0) {
            fail(CloseCode::ProtocolError, QStringLiteral("continuation without a message"));
            return;
        }
    } else {
        if (m_messageOpcode != 0) {
            fail(CloseCode::ProtocolError, QStringLiteral("new message before the last one ended"));
            return;
        }
        m_messageOpcode = frame.opcode;
        m_messageStartMs = m_clock->elapsed();
    }
    if (m_message.size() + frame.payload.size() > m_limits.maxMessageSize) {
        resetMessage();
        fail(CloseCode::MessageTooBig, QStringLiteral("message too big"));
        return;
    }
    if (!frame.fin && ++m_fragments > m_limits.maxFragments) {
        resetMessage();
        fail(CloseCode::MessageTooBig, QStringLiteral("too many fragments"));
        return;
    }
    if (m_message.isEmpty() && frame.fin)
        m_message = std::move(frame.payload);
    else
        m_message += frame.payload;
    if (!frame.fin)
        return;
    const QByteArray message = std::move(m_message);
    const bool isText = m_messageOpcode == WsOpcode::Text;
    resetMessage();
    if (isText && !isValidUtf8(message)) {
        fail(CloseCode::InvalidPayload, QStringLiteral("text message is not UTF-8"));
        return;
    }
    Q_EMIT messageReceived(message);
}

void WebSocketConnection::handlePeerClose(const QByteArray &payload)
{
    int code = 1005; // no status code
    int reply = 1000;
    if (payload.size() == 1) {
        reply = CloseCode::ProtocolError;
    } else if (payload.size() >= 2) {
        code = qFromBigEndian<quint16>(payload.constData());
        if (!isValidPeerCloseCode(code))
            reply = CloseCode::ProtocolError;
        else if (!isValidUtf8(QByteArrayView(payload).sliced(2)))
            reply = CloseCode::InvalidPayload;
        else
            reply = code;
    }
    m_peerCloseCode = code;
    m_closeReceived = true;
    if (!m_closeSent) {
        // Echo the peer's code, as RFC 6455 5.5.1 suggests; the owner learns it from
        // peerCloseCode() when the socket is gone.
        m_closeSent = true;
        resetMessage();
        write(WsOpcode::Close, code == 1005 ? QByteArray() : closePayload(reply, QString()));
    }
    // The handshake is complete: the server closes TCP first (RFC 6455 7.1.1).
    m_socket->disconnectFromHost();
}

} // namespace NebengJek::Server
