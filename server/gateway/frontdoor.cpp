// SPDX-License-Identifier: MIT
#include "frontdoor.h"

#include "logging.h"
#include "socketbuffers.h"

#include <QCryptographicHash>
#include <QTcpServer>
#include <QTcpSocket>

namespace NebengJek::Server {

namespace {
// The kernel accept queue; Qt's default (50) drops SYNs during reconnect storms.
constexpr int kListenBacklog = 4096;
// Each refusal is logged, but a flood of bad requests must not become a flood of log lines.
constexpr int kRefusalLogLinesPerSecond = 20;
// RFC 6455 4.2.2: the accept key is SHA-1 of the client's key and this GUID, in base64.
constexpr QByteArrayView kWebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

QByteArray acceptKey(const QByteArray &key)
{
    return QCryptographicHash::hash(QByteArray(key + kWebSocketGuid.toByteArray()),
                                    QCryptographicHash::Sha1)
            .toBase64();
}
} // namespace

FrontDoor::FrontDoor(FrontDoorHandler *handler, const FrontDoorSettings &settings,
                     GatewayMetrics *metrics, const QElapsedTimer *clock, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_settings(settings)
    , m_metrics(metrics)
    , m_clock(clock)
    , m_server(new QTcpServer(this))
    , m_refusalLog(kRefusalLogLinesPerSecond)
{
    m_server->setListenBacklogSize(kListenBacklog);
    connect(m_server, &QTcpServer::newConnection, this, &FrontDoor::onNewConnection);
}

FrontDoor::~FrontDoor() = default;

bool FrontDoor::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_server->listen(address, port)) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 FrontDoor::port() const
{
    return m_server->serverPort();
}

bool FrontDoor::isListening() const
{
    return m_server->isListening();
}

void FrontDoor::stopListening()
{
    m_server->close();
    const auto sockets = m_pending.keys();
    for (QTcpSocket *socket : sockets) {
        const auto it = m_pending.constFind(socket);
        if (it != m_pending.constEnd() && !it->responded) {
            refuse(socket, "shutting_down", HttpResponse::error(503, "shutting_down", 1), nullptr);
        }
    }
}

void FrontDoor::onNewConnection()
{
    while (m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (m_pending.size() >= m_settings.maxPendingHandshakes) {
            m_metrics->rejected(RejectReason::PendingLimit)->increment();
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // Bounds what a peer can make us buffer before its head is complete.
        socket->setReadBufferSize(HttpRequestHead::kMaxBytes);
        m_pending.insert(socket,
                         {m_clock->elapsed() + m_settings.handshakeTimeoutMs, ++m_arrivals, false});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void FrontDoor::forget(QTcpSocket *socket)
{
    if (m_pending.remove(socket))
        socket->deleteLater();
}

void FrontDoor::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_pending.constFind(socket);
    if (it == m_pending.constEnd())
        return;
    if (it->responded) {
        socket->skip(socket->bytesAvailable()); // keep reading so the close is not a reset
        return;
    }
    // Peek: the head stays in the socket until it is complete.
    const QByteArray data = socket->peek(HttpRequestHead::kMaxBytes);
    HttpRequestHead head;
    switch (HttpRequestHead::parse(data, &head)) {
    case HttpRequestHead::Status::Incomplete:
        return;
    case HttpRequestHead::Status::TooLarge:
        refuse(socket, "head_too_large", HttpResponse::error(431, "head_too_large"), nullptr);
        return;
    case HttpRequestHead::Status::Invalid:
        refuse(socket, "bad_request", HttpResponse::error(400, "bad_request"), nullptr);
        return;
    case HttpRequestHead::Status::Complete:
        break;
    }

    const quint64 arrival = it->arrival;
    const QHostAddress peer = socket->peerAddress();
    if (!head.isWebSocketUpgrade()) {
        respond(socket, m_handler->handleHttp(head, peer));
        return;
    }
    if (head.method != "GET") {
        refuse(socket, "method_not_allowed", HttpResponse::error(405, "method_not_allowed"), &head);
        return;
    }
    if (head.header("sec-websocket-version") != "13") {
        HttpResponse r = HttpResponse::error(426, "unsupported_websocket_version");
        r.headers.emplaceBack(QByteArrayLiteral("Sec-WebSocket-Version"), QByteArrayLiteral("13"));
        refuse(socket, "unsupported_websocket_version", r, &head);
        return;
    }
    if (QByteArray::fromBase64(head.header("sec-websocket-key")).size() != 16) {
        refuse(socket, "bad_request", HttpResponse::error(400, "bad_request"), &head);
        return;
    }
    // A client that gave up (its socket closed while we were busy) is not upgraded, and so
    // never authenticated: it must not take a device slot or replace a live connection.
    if (WebSocketConnection::peerHasClosed(socket)) {
        m_metrics->rejected(RejectReason::Abandoned)->increment();
        socket->abort();
        forget(socket);
        return;
    }
    Admission admission = m_handler->admit(head, peer);
    if (admission.status != 0) {
        refuse(socket, admission.reasonText,
               HttpResponse::error(admission.status, admission.reasonText,
                                   admission.retryAfterSeconds),
               &head);
        return;
    }
    admission.peer = peer;
    admission.arrival = arrival;
    upgrade(socket, head, std::move(admission));
}

void FrontDoor::respond(QTcpSocket *socket, const HttpResponse &response)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    it->responded = true;
    it->deadlineMs = m_clock->elapsed() + m_settings.closeTimeoutMs;
    socket->skip(socket->bytesAvailable());
    socket->write(response.serialize());
    // May emit disconnected (and so forget()) synchronously: nothing may follow.
    socket->disconnectFromHost();
}

void FrontDoor::refuse(QTcpSocket *socket, const QByteArray &reasonCode,
                       const HttpResponse &response, const HttpRequestHead *head)
{
    m_metrics->rejected(reasonCode)->increment();
    // Info level: refusals are rare in normal operation and each one matters to an operator.
    if (m_refusalLog.allow(m_clock->elapsed())) {
        qCInfo(lcGateway).nospace().noquote()
                << "event=rejected status=" << response.status << " reason=" << reasonCode
                << " peer=" << socket->peerAddress().toString() << " target="
                << (head ? QString::fromLatin1(head->redactedTarget().left(200))
                         : QStringLiteral("-"))
                << " suppressed=" << m_refusalLog.takeSuppressed();
    }
    respond(socket, response);
}

void FrontDoor::upgrade(QTcpSocket *socket, const HttpRequestHead &head, Admission admission)
{
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    socket->setReadBufferSize(0);
    // The head was only peeked; what follows is WebSocket frames. Neither the head's read
    // block nor a write block for the response stays behind in an idle connection's socket.
    discardBuffered(socket, head.length);
    const QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                "Connection: Upgrade\r\nSec-WebSocket-Accept: "
            + acceptKey(head.header("sec-websocket-key")) + "\r\n\r\n";
    writeBypassingBuffer(socket, response);
    socket->setParent(nullptr);
    m_handler->upgraded(socket, std::move(admission));
}

void FrontDoor::sweep(qint64 nowMs)
{
    QList<QTcpSocket *> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (nowMs >= it->deadlineMs)
            expired.append(it.key());
    }
    for (QTcpSocket *socket : std::as_const(expired)) {
        const auto it = m_pending.constFind(socket);
        if (it == m_pending.constEnd())
            continue;
        if (it->responded) {
            socket->abort(); // the peer did not take our response and close
            forget(socket);
        } else {
            refuse(socket, "handshake_timeout", HttpResponse::error(408, "handshake_timeout"),
                   nullptr);
        }
    }
}

} // namespace NebengJek::Server
