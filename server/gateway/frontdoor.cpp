// SPDX-License-Identifier: MIT
#include "frontdoor.h"

#include "logging.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

namespace NebengJek::Server {

namespace {
// Upgraded sockets are taken from QWebSocketServer's queue at once; the cap only matters if
// that ever stops, and then it must not silently drop connections (Qt's default is 30).
constexpr int kMaxQueuedWebSockets = 100000;
// The kernel accept queue; Qt's default (50) drops SYNs during reconnect storms.
constexpr int kListenBacklog = 4096;
// Each refusal is logged, but a flood of bad requests must not become a flood of log lines.
constexpr int kRefusalLogLinesPerSecond = 20;
} // namespace

FrontDoor::FrontDoor(FrontDoorHandler *handler, const FrontDoorSettings &settings,
                     GatewayMetrics *metrics, const QElapsedTimer *clock, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_settings(settings)
    , m_metrics(metrics)
    , m_clock(clock)
    , m_server(new QTcpServer(this))
    , m_webSocketServer(new QWebSocketServer(QStringLiteral("nebengjek"),
                                             QWebSocketServer::NonSecureMode, this))
    , m_refusalLog(kRefusalLogLinesPerSecond)
{
    m_server->setListenBacklogSize(kListenBacklog);
    m_webSocketServer->setMaxPendingConnections(kMaxQueuedWebSockets);
    connect(m_server, &QTcpServer::newConnection, this, &FrontDoor::onNewConnection);
    connect(m_webSocketServer, &QWebSocketServer::newConnection, this,
            &FrontDoor::onWebSocketReady);
}

FrontDoor::~FrontDoor()
{
    // Sockets still in the handshake are children of the servers; their `destroyed`
    // connections to this object must not call into a handler that is going away.
    const auto sockets = m_upgrading;
    for (const Upgrading &u : sockets)
        disconnect(u.socket, nullptr, this, nullptr);
    m_upgrading.clear();
}

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
            refuse(socket, RejectReason::ShuttingDown, HttpResponse::error(503, "shutting_down", 1),
                   nullptr);
        }
    }
}

QString FrontDoor::peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('|') + QString::number(port);
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
        m_pending.insert(socket, {m_clock->elapsed() + m_settings.handshakeTimeoutMs, false});
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
    // Peek, not read: QWebSocketServer must see the whole request again.
    const QByteArray data = socket->peek(HttpRequestHead::kMaxBytes);
    HttpRequestHead head;
    switch (HttpRequestHead::parse(data, &head)) {
    case HttpRequestHead::Status::Incomplete:
        return;
    case HttpRequestHead::Status::TooLarge:
        refuse(socket, RejectReason::HeadTooLarge, HttpResponse::error(431, "head_too_large"),
               nullptr);
        return;
    case HttpRequestHead::Status::Invalid:
        refuse(socket, RejectReason::BadRequest, HttpResponse::error(400, "bad_request"), nullptr);
        return;
    case HttpRequestHead::Status::Complete:
        break;
    }

    const QHostAddress peer = socket->peerAddress();
    if (!head.isWebSocketUpgrade()) {
        respond(socket, m_handler->handleHttp(head, peer));
        return;
    }
    if (head.method != "GET") {
        refuse(socket, RejectReason::BadRequest, HttpResponse::error(405, "method_not_allowed"),
               &head);
        return;
    }
    Admission admission = m_handler->admit(head, peer);
    if (admission.status != 0) {
        refuse(socket, admission.reason,
               HttpResponse::error(admission.status, admission.reasonText,
                                   admission.retryAfterSeconds),
               &head);
        return;
    }
    admission.peer = peer;
    handOver(socket, std::move(admission));
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

void FrontDoor::refuse(QTcpSocket *socket, RejectReason reason, const HttpResponse &response,
                       const HttpRequestHead *head)
{
    m_metrics->rejected(reason)->increment();
    // Info level: refusals are rare in normal operation and each one matters to an operator.
    if (m_refusalLog.allow(m_clock->elapsed())) {
        qCInfo(lcGateway).nospace().noquote()
                << "event=rejected status=" << response.status
                << " reason=" << rejectReasonName(reason)
                << " peer=" << socket->peerAddress().toString() << " target="
                << (head ? QString::fromLatin1(head->redactedTarget().left(200))
                         : QStringLiteral("-"))
                << " suppressed=" << m_refusalLog.takeSuppressed();
    }
    respond(socket, response);
}

void FrontDoor::handOver(QTcpSocket *socket, Admission admission)
{
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    socket->setReadBufferSize(0);
    const QString key = peerKey(socket->peerAddress(), socket->peerPort());
    m_upgrading.insert(key, {socket, std::move(admission)});
    // If the handshake fails, QWebSocketServer closes and deletes the socket: release the slot.
    connect(socket, &QObject::destroyed, this, [this, key, socket] {
        const auto it = m_upgrading.find(key);
        if (it != m_upgrading.end() && it->socket == socket) {
            const Admission admission = it->admission;
            m_upgrading.erase(it);
            m_handler->upgradeAbandoned(admission);
        }
    });
    m_webSocketServer->handleConnection(socket);
}

void FrontDoor::onWebSocketReady()
{
    while (m_webSocketServer->hasPendingConnections()) {
        QWebSocket *webSocket = m_webSocketServer->nextPendingConnection();
        const auto it = m_upgrading.find(peerKey(webSocket->peerAddress(), webSocket->peerPort()));
        if (it == m_upgrading.end()) {
            // The peer is already gone (no address); its slot is released when the socket dies.
            webSocket->abort();
            webSocket->deleteLater();
            continue;
        }
        Admission admission = std::move(it->admission);
        m_upgrading.erase(it);
        m_handler->upgraded(webSocket, std::move(admission));
    }
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
            refuse(socket, RejectReason::HandshakeTimeout,
                   HttpResponse::error(408, "handshake_timeout"), nullptr);
        }
    }
}

} // namespace NebengJek::Server
