// SPDX-License-Identifier: MIT
#include "connectionmanager.h"

#include "connectionquality.h"
#include "handshakefailure.h"
#include "logging.h"
#include "networkmonitor.h"
#include "storage/offlinequeue.h"

#include <protocol/closecode.h>
#include <protocol/messages/authmessages.h>
#include <protocol/messages/deliverymessages.h>

#include <QDateTime>
#include <QNetworkRequest>
#include <QStandardPaths>
#include <QUuid>
#include <QWebSocket>

namespace NebengJek::Client {

using namespace std::chrono;
using Protocol::Envelope;
using Protocol::MessageType;

namespace {

// Larger than any message the server sends (its own limit is 64 KiB per frame); a bigger one
// means something is wrong, and buffering it would only cost memory.
constexpr quint64 kMaxIncomingMessageBytes = 1024 * 1024;

QString newRequestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Sent only by this class; send() refuses them so the handshake order stays ours.
bool isManagerOwned(MessageType type)
{
    return type == MessageType::Auth || type == MessageType::TokenRefresh
            || type == MessageType::Ping || type == MessageType::Resume;
}

// Worthless later: a stale position or "typing" sent after a reconnect would be wrong.
bool isLiveOnly(MessageType type)
{
    return type == MessageType::Typing || type == MessageType::LocationUpdate;
}

QString defaultDataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace

ConnectionManager::ConnectionManager(QObject *parent)
    : QObject(parent)
{
    init(defaultDataDirectory());
}

ConnectionManager::ConnectionManager(const QString &dataDirectory, QObject *parent)
    : QObject(parent)
{
    init(dataDirectory);
}

ConnectionManager::~ConnectionManager()
{
    // The socket is our child and dies after us; its last signals must not reach a
    // half-destroyed manager.
    if (m_socket)
        m_socket->disconnect(this);
}

void ConnectionManager::init(const QString &dataDirectory)
{
    m_quality = new ConnectionQuality(this);
    m_queue = new OfflineQueue(dataDirectory, this);
    m_network = new NetworkMonitor(this);
    m_sequence = std::make_unique<SequenceStore>(dataDirectory);
    m_lastSeq = m_sequence->lastSeq();
    m_userId = m_sequence->userId();

    m_retryTimer.setSingleShot(true);
    m_handshakeTimer.setSingleShot(true);
    m_handshakeTimer.setInterval(kDefaultHandshakeTimeout);
    m_pingTimer.setInterval(kDefaultPingInterval);
    m_stableTimer.setSingleShot(true);
    m_resendTimer.setSingleShot(true);
    // A server that never answers resume must not hold events forever.
    m_resumeTimer.setSingleShot(true);
    m_resumeTimer.setInterval(kResumeTimeout);
    connect(&m_resumeTimer, &QTimer::timeout, this, &ConnectionManager::finishResume);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { startAttempt(Reconnecting); });
    connect(&m_handshakeTimer, &QTimer::timeout, this, &ConnectionManager::onHandshakeTimeout);
    connect(&m_pingTimer, &QTimer::timeout, this, &ConnectionManager::onPingTick);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] {
        if (m_backoff.resetIfStable())
            reportAttempt();
        else if (m_state == Connected && m_backoff.attempt() > 0)
            m_stableTimer.start(); // the clock says not yet (it is injected): look again later
    });
    connect(&m_resendTimer, &QTimer::timeout, this, &ConnectionManager::flushQueue);
    connect(m_network, &NetworkMonitor::onlineChanged, this, &ConnectionManager::onNetworkChanged);
}

QString ConnectionManager::roleName() const
{
    return m_hasRole ? Protocol::roleName(m_role) : QString();
}

void ConnectionManager::setReconnectPolicy(const ReconnectPolicy &policy)
{
    m_backoff.setPolicy(policy);
}

void ConnectionManager::setHandshakeTimeout(milliseconds timeout)
{
    m_handshakeTimer.setInterval(timeout);
}

void ConnectionManager::setPingInterval(milliseconds interval)
{
    m_pingTimer.setInterval(interval);
    if (interval.count() <= 0)
        m_pingTimer.stop();
}

void ConnectionManager::setClock(Clock clock)
{
    m_clock = clock ? clock : systemClock();
    m_backoff.setClock(m_clock);
}

void ConnectionManager::setCredentials(const QUrl &serverUrl, const QString &token)
{
    const bool urlChanged = serverUrl != m_url;
    const bool tokenChanged = token != m_token;
    m_url = serverUrl;
    m_token = token;
    if (urlChanged)
        Q_EMIT this->urlChanged();
    if (m_state == SignedOut) {
        setState(Offline);
        return;
    }
    const bool live = m_state == Connecting || m_state == Connected || m_state == Reconnecting;
    if (urlChanged && live) {
        retireSocket(Protocol::CloseCode::Normal, QStringLiteral("server changed"));
        m_backoff.reset();
        startAttempt(Connecting);
    } else if (tokenChanged && m_state == Connected) {
        // The token only matters at the upgrade; a live connection learns the new one here so
        // the server does not close it when the old one expires.
        write(Protocol::toEnvelope(Protocol::TokenRefresh {token}, newRequestId()));
    }
}

void ConnectionManager::open()
{
    if (!m_url.isValid() || m_token.isEmpty()) {
        qCWarning(lcConnection) << "open() without credentials";
        return;
    }
    m_wantConnection = true;
    if (m_state == Connecting || m_state == Connected)
        return;
    if (m_state == Reconnecting && m_socket)
        return; // an attempt is already under way
    m_backoff.reset();
    startAttempt(m_state == Reconnecting ? Reconnecting : Connecting);
}

void ConnectionManager::close()
{
    m_wantConnection = false;
    retireSocket(Protocol::CloseCode::Normal, QStringLiteral("signed out"));
    stopConnectionTimers();
    m_retryTimer.stop();
    m_quality->connectionLost();
    m_backoff.connectionLost();
    m_backoff.reset();
    reportAttempt();
    setNextRetryMs(0);
    m_token.clear();
    // Requests made under this account must not go out later, possibly as someone else.
    m_queue->failAllPending(QStringLiteral("signed out"));
    m_inFlight.clear();
    m_sendAttempts.clear();
    setState(SignedOut);
}

void ConnectionManager::suspend()
{
    if (m_state == SignedOut || m_state == Suspended)
        return;
    m_wantConnection = false;
    retireSocket(Protocol::CloseCode::GoingAway, QStringLiteral("app in background"));
    stopConnectionTimers();
    m_retryTimer.stop();
    m_quality->connectionLost();
    m_backoff.connectionLost();
    m_inFlight.clear();
    setNextRetryMs(0);
    setState(Suspended);
}

void ConnectionManager::resume()
{
    if (m_state != Suspended)
        return;
    m_wantConnection = true;
    // Coming back to the foreground is a fresh start, not attempt N of an old failure.
    m_backoff.reset();
    reportAttempt();
    startAttempt(Connecting);
}

QString ConnectionManager::send(MessageType type, const QJsonObject &payload)
{
    if (!Protocol::clientMaySend(type) || isManagerOwned(type)) {
        qCWarning(lcConnection) << "refusing to send" << Protocol::messageTypeName(type);
        return {};
    }
    if (isLiveOnly(type)) {
        if (m_state != Connected)
            return {};
        const QString id = newRequestId();
        write(Envelope::make(type, payload, id));
        return id;
    }
    const QString id = m_queue->enqueue(type, payload);
    if (m_state == Connected && m_queue->isPending(id)) {
        m_inFlight.insert(id);
        write(Envelope::make(type, payload, id));
    }
    return id;
}

void ConnectionManager::setState(State state)
{
    if (m_state == state)
        return;
    qCInfo(lcConnection) << "state" << m_state << "->" << state;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ConnectionManager::setLastError(const QString &error)
{
    if (m_lastError == error)
        return;
    m_lastError = error;
    Q_EMIT lastErrorChanged();
}

void ConnectionManager::setNextRetryMs(int ms)
{
    if (m_nextRetryMs == ms)
        return;
    m_nextRetryMs = ms;
    Q_EMIT nextRetryMsChanged();
}

void ConnectionManager::reportAttempt()
{
    if (m_reportedAttempt == m_backoff.attempt())
        return;
    m_reportedAttempt = m_backoff.attempt();
    Q_EMIT reconnectAttemptChanged();
}

void ConnectionManager::startAttempt(State state)
{
    m_retryTimer.stop();
    setNextRetryMs(0);
    discardSocket();
    m_closeFrameReceived = false;
    m_socketError.clear();
    setState(state);

    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setMaxAllowedIncomingMessageSize(kMaxIncomingMessageBytes);
    m_socket = socket;
    connect(socket, &QWebSocket::connected, this, &ConnectionManager::onSocketConnected);
    connect(socket, &QWebSocket::textMessageReceived, this, &ConnectionManager::onTextMessage);
    // Qt 6.4 still calls the signal error() (errorOccurred() is 6.5).
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &ConnectionManager::onSocketError);
    connect(socket, &QWebSocket::disconnected, this, &ConnectionManager::onSocketGone);
    // aboutToClose is emitted only when a close handshake starts: with a close frame from the
    // server (we never close a socket we still listen to). Without it the code is meaningless.
    connect(socket, &QWebSocket::aboutToClose, this, [this] { m_closeFrameReceived = true; });

    QNetworkRequest request(m_url);
    // The token in the header, never in the URL: URLs end up in proxy and server logs.
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_token.toUtf8());
    qCInfo(lcConnection) << "connecting to" << m_url.toDisplayString(QUrl::RemoveQuery) << "attempt"
                         << m_backoff.attempt();
    m_handshakeTimer.start();
    socket->open(request);
}

void ConnectionManager::retireSocket(int closeCode, const QString &reason)
{
    QWebSocket *socket = m_socket;
    if (!socket)
        return;
    socket->disconnect(this);
    m_socket = nullptr;
    if (socket->state() != QAbstractSocket::ConnectedState) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // Let the close frame reach the server so it logs a clean close, but not forever.
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kCloseGrace, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
}

void ConnectionManager::discardSocket()
{
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    socket->disconnect(this);
    m_socket = nullptr;
    socket->abort();
    socket->deleteLater();
}

void ConnectionManager::stopConnectionTimers()
{
    // Held events are replayed again on the next connection.
    m_resuming = false;
    m_resumeBuffer.clear();
    m_resumeTimer.stop();
    m_handshakeTimer.stop();
    m_pingTimer.stop();
    m_stableTimer.stop();
    m_resendTimer.stop();
}

void ConnectionManager::onSocketConnected()
{
    // Upgraded; the server now sends auth_success (or closes). The handshake timer keeps
    // running until then.
    qCDebug(lcConnection) << "upgraded, waiting for auth_success";
}

void ConnectionManager::onSocketError()
{
    if (!m_socket)
        return;
    m_socketError = m_socket->errorString();
    qCInfo(lcConnection) << "socket error:" << m_socketError;
    // Some failures (connection refused) leave the socket unconnected without a disconnected()
    // signal of their own.
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        QTimer::singleShot(0, this, [this, socket = m_socket] {
            if (socket && socket == m_socket)
                onSocketGone();
        });
}

void ConnectionManager::onSocketGone()
{
    if (!m_socket)
        return;
    Disconnect d;
    if (m_closeFrameReceived) {
        d.closeCode = int(m_socket->closeCode());
        d.reason = m_socket->closeReason();
    } else if (m_state != Connected) {
        d.httpStatus = refusedHttpStatus(m_socketError);
        d.reason = m_socketError;
    }
    discardSocket();
    connectionLost(d);
}

void ConnectionManager::connectionLost(const Disconnect &d)
{
    const bool wasConnected = m_state == Connected;
    stopConnectionTimers();
    m_inFlight.clear();
    m_quality->connectionLost();
    if (wasConnected)
        m_backoff.connectionLost();
    reportAttempt();

    if (d.httpStatus && isTerminalHttpStatus(*d.httpStatus)) {
        signOutByServer(QStringLiteral("http_%1").arg(*d.httpStatus));
        return;
    }
    if (!Protocol::isRetryableClose(d.closeCode)) {
        signOutByServer(Protocol::closeCodeName(d.closeCode));
        return;
    }
    const QString what = !d.label.isEmpty()
            ? d.label
            : (d.httpStatus ? QStringLiteral("http_%1").arg(*d.httpStatus)
                            : Protocol::closeCodeName(d.closeCode));
    qCInfo(lcConnection) << "connection lost:" << what << d.reason;
    setLastError(what);
    if (d.closeCode == Protocol::CloseCode::TokenExpired)
        Q_EMIT tokenExpired();
    scheduleReconnect();
}

void ConnectionManager::signOutByServer(const QString &reason)
{
    qCWarning(lcConnection) << "signed out by the server:" << reason;
    discardSocket();
    stopConnectionTimers();
    m_retryTimer.stop();
    m_inFlight.clear();
    m_quality->connectionLost();
    m_wantConnection = false;
    setNextRetryMs(0);
    setLastError(reason);
    setState(SignedOut);
    Q_EMIT signedOutByServer(reason);
}

void ConnectionManager::scheduleReconnect()
{
    if (!m_network->isOnline()) {
        // Attempts would only fail; the network coming back triggers one at once.
        setNextRetryMs(0);
        setLastError(QStringLiteral("no network"));
        setState(Offline);
        return;
    }
    const auto delay = m_backoff.nextDelay();
    reportAttempt();
    if (!delay) {
        qCWarning(lcConnection) << "giving up after" << m_backoff.attempt() << "attempts";
        setNextRetryMs(0);
        setLastError(QStringLiteral("gave up after %1 attempts").arg(m_backoff.attempt()));
        setState(Offline);
        return;
    }
    qCInfo(lcConnection) << "reconnect attempt" << m_backoff.attempt() << "in" << delay->count()
                         << "ms";
    setNextRetryMs(int(delay->count()));
    setState(Reconnecting);
    m_retryTimer.start(*delay);
}

void ConnectionManager::onNetworkChanged(bool online)
{
    if (online) {
        const bool waiting =
                (m_state == Offline && m_wantConnection) || (m_state == Reconnecting && !m_socket);
        if (waiting && m_url.isValid() && !m_token.isEmpty()) {
            // The likely cause of the failures is gone: try now, with a fresh count.
            m_backoff.reset();
            reportAttempt();
            startAttempt(Reconnecting);
        }
        return;
    }
    if (m_state == Reconnecting && !m_socket) {
        m_retryTimer.stop();
        setNextRetryMs(0);
        setLastError(QStringLiteral("no network"));
        setState(Offline);
    }
}

void ConnectionManager::onHandshakeTimeout()
{
    qCWarning(lcConnection) << "no auth_success within" << m_handshakeTimer.interval() << "ms";
    discardSocket();
    Disconnect d;
    d.label = QStringLiteral("handshake_timeout");
    connectionLost(d);
}

void ConnectionManager::onTextMessage(const QString &text)
{
    const Protocol::ParsedEnvelope parsed =
            Protocol::parseEnvelope(text.toUtf8(), Protocol::Direction::FromServer);
    if (!parsed.ok()) {
        // The body may hold personal data: log the error, never the text.
        qCWarning(lcConnection) << "unreadable message from server:" << parsed.error.message;
        return;
    }
    const Envelope &envelope = *parsed.envelope;
    if (envelope.seq > 0 && envelope.seq <= m_lastSeq) {
        qCDebug(lcConnection) << "dropping duplicate seq" << envelope.seq;
        return;
    }
    switch (envelope.type) {
    case MessageType::AuthSuccess:
        onAuthSuccess(envelope);
        return;
    case MessageType::AuthFailed:
        signOutByServer(Protocol::closeCodeName(Protocol::CloseCode::AuthFailed));
        return;
    case MessageType::Pong:
        onPong(envelope);
        return;
    case MessageType::Error:
        onErrorReply(envelope);
        return;
    case MessageType::ResumeDone:
        // Our own request's answer: bookkeeping, not news for the app.
        if (m_resuming)
            finishResume();
        return;
    case MessageType::ResyncRequired:
        // The app must reload its state; it learns so from messageReceived.
        if (m_resuming)
            finishResume();
        Q_EMIT messageReceived(envelope);
        return;
    default:
        if (m_resuming && envelope.seq > 0) {
            m_resumeBuffer.insert(envelope.seq, envelope); // a second copy replaces the first
            return;
        }
        break;
    }
    deliver(envelope);
}

void ConnectionManager::finishResume()
{
    m_resuming = false;
    m_resumeTimer.stop();
    const QMap<qint64, Envelope> held = std::exchange(m_resumeBuffer, {});
    for (const Envelope &envelope : held) {
        if (envelope.seq > m_lastSeq)
            deliver(envelope);
    }
    Q_EMIT resumed();
}

void ConnectionManager::deliver(const Envelope &envelope)
{
    if (envelope.seq > 0) {
        m_lastSeq = envelope.seq;
        Q_EMIT lastSeqChanged();
    }
    if (!envelope.id.isEmpty()) {
        m_inFlight.remove(envelope.id);
        m_sendAttempts.remove(envelope.id);
        m_queue->markSent(envelope.id);
        Q_EMIT replyReceived(envelope.id, envelope);
    }
    Q_EMIT messageReceived(envelope);
    // Persisted after the handlers ran: a crash in between replays the event (at least once)
    // instead of losing it.
    if (envelope.seq > 0)
        m_sequence->save(m_userId, m_lastSeq);
}

void ConnectionManager::onAuthSuccess(const Envelope &envelope)
{
    const auto auth = Protocol::decode<Protocol::AuthSuccess>(envelope.payload);
    if (!auth.ok()) {
        // Without it we do not know who we are; the handshake timeout will retry.
        qCWarning(lcConnection) << "malformed auth_success:" << auth.error.message;
        return;
    }
    m_handshakeTimer.stop();
    if (!m_sequence->userId().isEmpty() && m_sequence->userId() != auth->userId) {
        qCInfo(lcConnection) << "another user than last time: starting from sequence 0";
        m_lastSeq = 0;
        Q_EMIT lastSeqChanged();
    } else if (auth->lastSeq < m_lastSeq) {
        // The server's log is behind ours (restored or reset): our number would make us drop
        // its new events as duplicates.
        qCWarning(lcConnection) << "server sequence" << auth->lastSeq << "behind ours" << m_lastSeq
                                << "- starting from 0";
        m_lastSeq = 0;
        Q_EMIT lastSeqChanged();
    }
    const bool userChanged = m_userId != auth->userId || !m_hasRole || m_role != auth->role;
    m_userId = auth->userId;
    m_role = auth->role;
    m_hasRole = true;
    m_sequence->save(m_userId, m_lastSeq);
    if (userChanged)
        Q_EMIT this->userChanged();

    m_backoff.connectionEstablished();
    m_stableTimer.start(m_backoff.policy().stablePeriod());
    setLastError(QString());

    // Order on the wire: resume first, then what was queued, then whatever listeners of the
    // state change send. The state flips last so their sends cannot overtake the queue.
    m_resuming = true;
    m_resumeBuffer.clear();
    m_resumeTimer.start();
    write(Protocol::toEnvelope(Protocol::Resume {m_lastSeq}, newRequestId()));
    flushQueue();
    setState(Connected);
    reportAttempt();
    Q_EMIT authenticated(m_userId, m_role);
    if (m_pingTimer.interval() > 0) {
        onPingTick(); // measure at once rather than show "unknown" for a whole interval
        m_pingTimer.start();
    }
}

void ConnectionManager::onPong(const Envelope &envelope)
{
    const auto pong = Protocol::decode<Protocol::Pong>(envelope.payload);
    if (pong.ok() && pong->seq)
        m_quality->pongReceived(*pong->seq, m_clock());
}

void ConnectionManager::onErrorReply(const Envelope &envelope)
{
    const Protocol::ProtocolError error = Protocol::ProtocolError::fromPayload(envelope.payload);
    const QString &id = envelope.id;
    if (m_queue->isPending(id)) {
        m_inFlight.remove(id);
        const int attempts = ++m_sendAttempts[id];
        if (Protocol::isRetryable(error.code) && attempts < kMaxSendAttempts) {
            // Stays pending: the same id goes out again (the server dedups by it).
            const milliseconds wait = std::max(milliseconds(error.retryAfterMs), kMinResendDelay);
            qCInfo(lcConnection) << "retryable error" << Protocol::errorCodeName(error.code)
                                 << "for" << id << "- resending in" << wait.count() << "ms";
            if (!m_resendTimer.isActive() || m_resendTimer.remainingTime() < wait.count())
                m_resendTimer.start(wait);
            return;
        }
        m_sendAttempts.remove(id);
        m_queue->markFailed(
                id, error.message.isEmpty() ? Protocol::errorCodeName(error.code) : error.message);
    }
    Q_EMIT errorReceived(id, error);
}

void ConnectionManager::onPingTick()
{
    if (m_state != Connected)
        return;
    ++m_pingSeq;
    m_quality->pingSent(m_pingSeq, m_clock());
    if (m_quality->missedPongs() >= kDeadAfterMissedPongs) {
        qCWarning(lcConnection) << m_quality->missedPongs() << "pongs missed: connection is dead";
        discardSocket();
        Disconnect d;
        d.label = QStringLiteral("no_pong");
        connectionLost(d);
        return;
    }
    Protocol::Ping ping;
    ping.seq = m_pingSeq;
    ping.clientTime = QDateTime::currentMSecsSinceEpoch();
    write(Protocol::toEnvelope(ping));
}

void ConnectionManager::write(const Envelope &envelope)
{
    if (!m_socket) {
        qCWarning(lcConnection) << "dropping" << Protocol::messageTypeName(envelope.type)
                                << "- no socket";
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(envelope.toJson()));
}

void ConnectionManager::flushQueue()
{
    if (!m_socket)
        return;
    const QList<OfflineQueue::Entry> pending = m_queue->pending();
    for (const OfflineQueue::Entry &entry : pending) {
        if (m_inFlight.contains(entry.id))
            continue;
        m_inFlight.insert(entry.id);
        write(entry.envelope());
    }
}

} // namespace NebengJek::Client
