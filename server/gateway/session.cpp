// SPDX-License-Identifier: MIT
#include "session.h"

#include "gatewaymetrics.h"
#include "logging.h"
#include "logthrottle.h"

#include <auth/logging.h>

#include <protocol/closecode.h>
#include <protocol/messages/authmessages.h>

#include <QDateTime>

namespace NebengJek::Server {

using namespace Protocol;

namespace {
qint64 wallNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

Session::Session(ConnectionId id, WebSocketConnection *socket, SessionContext *context,
                 const QHostAddress &peer)
    : m_socket(socket)
    , m_ctx(context)
    , m_id(id)
    , m_peer(peer)
    , m_openedMs(context->nowMs())
    , m_lastInboundMs(m_openedMs)
    , m_lastPingMs(m_openedMs)
    , m_bucket(context->settings.connectionRate, m_openedMs)
{
    // Every connection has `socket` as its context, so none outlives the socket; the destructor
    // cuts them before the socket is deleted later.
    QObject::connect(socket, &WebSocketConnection::messageReceived, socket,
                     [this](const QByteArray &message) { onMessage(message); });
    QObject::connect(socket, &WebSocketConnection::pingReceived, socket,
                     [this](const QByteArray &payload) { onControlPing(payload); });
    QObject::connect(socket, &WebSocketConnection::pongReceived, socket,
                     [this] { m_lastInboundMs = m_ctx->nowMs(); });
    QObject::connect(socket, &WebSocketConnection::protocolViolation, socket,
                     [this](int code, const QString &reason) {
                         // Throttled: each violation closes its connection, but a stream of
                         // hostile connections must not become a stream of log lines.
                         if (m_ctx->badInputLog->allow(m_ctx->nowMs())) {
                             qCInfo(lcGateway).nospace().noquote()
                                     << "event=protocol_violation conn=" << m_id << " code=" << code
                                     << " reason=\"" << reason
                                     << "\" suppressed=" << m_ctx->badInputLog->takeSuppressed();
                         }
                         close(code, reason);
                     });
    // Queued and by id: the host deletes the session, which must not happen inside a socket
    // call made by a Session method (abort() emits disconnected synchronously).
    SessionContext *ctx = context;
    QObject::connect(
            socket, &WebSocketConnection::disconnected, socket,
            [ctx, id] { ctx->host->sessionEnded(id); }, Qt::QueuedConnection);
}

Session::~Session()
{
    QObject::disconnect(m_socket, nullptr, m_socket, nullptr);
    m_socket->abort();
    m_socket->deleteLater();
}

void Session::start(const std::optional<JwtClaims> &claims)
{
    if (claims) {
        authenticate(*claims, QString());
    } else {
        m_state = State::Authenticating;
        m_deadlineMs = m_openedMs + m_ctx->settings.authTimeoutMs;
    }
}

QString Session::sessionId() const
{
    return m_ctx->sessionIdPrefix + QString::number(m_id);
}

qint64 Session::queuedBytes() const
{
    return m_socket->bytesToWrite();
}

qint64 Session::tokenDeadlineMs() const
{
    return m_tokenExpiresAtMs + m_ctx->settings.jwtLeewayMs;
}

void Session::onMessage(QByteArrayView bytes)
{
    if (m_state == State::Closing)
        return;
    GatewayMetrics &metrics = *m_ctx->metrics;
    const qint64 now = m_ctx->nowMs();
    m_lastInboundMs = now;
    metrics.bytesIn->increment(quint64(bytes.size()));

    const ParsedEnvelope parsed = parseEnvelope(bytes, Direction::FromClient);

    // Every message counts against the limits, valid or not.
    const qint64 waitMs = takeToken(now);
    if (waitMs > 0) {
        if (strike())
            return;
        ProtocolError error = ProtocolError::make(ErrorCode::RateLimit,
                                                  QStringLiteral("too many messages; slow down"));
        error.retryAfterMs = int(qMin<qint64>(waitMs, 3600000));
        sendError(parsed.id, error);
        return;
    }

    if (!parsed.ok()) {
        metrics.receivedInvalid->increment();
        rejectBadInput(parsed.id, parsed.error);
        return;
    }
    const Envelope &envelope = *parsed.envelope;
    metrics.received(envelope.type)->increment();
    // Until it has authenticated, a connection can do one thing: authenticate.
    if (m_state == State::Authenticating && envelope.type != MessageType::Auth) {
        rejectBadInput(envelope.id,
                       ProtocolError::make(ErrorCode::Unauthorized,
                                           QStringLiteral("authenticate first (send auth)")));
        return;
    }
    switch (envelope.type) {
    case MessageType::Auth:
        handleAuth(envelope);
        return;
    case MessageType::TokenRefresh:
        handleTokenRefresh(envelope);
        return;
    case MessageType::Ping:
        handlePing(envelope);
        return;
    default:
        break;
    }
    if (m_state != State::Open) {
        rejectBadInput(envelope.id,
                       ProtocolError::make(ErrorCode::Unauthorized,
                                           QStringLiteral("authenticate first (send auth)")));
        return;
    }
    m_ctx->host->dispatch(this, envelope);
}

qint64 Session::takeToken(qint64 nowMs)
{
    qint64 waitMs = m_bucket.take(m_ctx->settings.connectionRate, nowMs);
    if (waitMs == 0 && m_user)
        waitMs = m_user->bucket.take(m_ctx->settings.userRate, nowMs);
    return waitMs;
}

bool Session::strike()
{
    m_ctx->metrics->rateLimited->increment();
    m_struckThisSweep = true;
    if (++m_strikes < m_ctx->settings.rateAbuseThreshold)
        return false;
    qCInfo(lcGateway).nospace().noquote()
            << "event=rate_limit_abuse conn=" << m_id << " user=" << m_principal.userId
            << " strikes=" << m_strikes;
    close(CloseCode::RateLimited, QStringLiteral("rate limit exceeded repeatedly"));
    return true;
}

void Session::onControlPing(const QByteArray &payload)
{
    if (m_state == State::Closing)
        return;
    const qint64 now = m_ctx->nowMs();
    m_lastInboundMs = now;
    // A WebSocket ping costs us a pong: it counts against the same limits as a message. Over the
    // limit it is not answered (a control frame has no id to answer an error to).
    if (takeToken(now) > 0) {
        strike();
        return;
    }
    // The pong is queued like any frame: it counts against the outbound cap.
    const qint64 queued = m_socket->bytesToWrite();
    if (queued + payload.size() + 2 > m_ctx->settings.maxOutboundBytes) {
        m_ctx->metrics->droppedFrames->increment();
        qCInfo(lcGateway).nospace().noquote()
                << "event=slow_consumer conn=" << m_id << " user=" << m_principal.userId
                << " queued_bytes=" << queued;
        close(CloseCode::SlowConsumer, QStringLiteral("outbound queue over limit"));
        return;
    }
    m_socket->sendPong(payload);
}

void Session::rejectBadInput(const QString &requestId, const ProtocolError &error)
{
    if (m_ctx->badInputLog->allow(m_ctx->nowMs())) {
        // Code and field only: the message text may quote client input.
        qCInfo(lcGateway).nospace().noquote()
                << "event=bad_message conn=" << m_id << " user=" << m_principal.userId
                << " code=" << errorCodeName(error.code)
                << (error.field.isEmpty() ? QString() : QStringLiteral(" field=") + error.field)
                << " suppressed=" << m_ctx->badInputLog->takeSuppressed();
    }
    sendError(requestId, error);
}

void Session::sendError(const QString &requestId, const ProtocolError &error)
{
    m_ctx->metrics->errors(error.code)->increment();
    sendEnvelope(Envelope::errorReply(requestId, error));
}

void Session::handleAuth(const Envelope &envelope)
{
    const auto decoded = decode<Auth>(envelope.payload);
    if (!decoded.ok()) {
        m_ctx->metrics->authFailure(QStringLiteral("malformed"))->increment();
        if (m_state == State::Authenticating)
            failAuthentication(QStringLiteral("malformed"), envelope.id);
        else
            sendError(envelope.id, decoded.error);
        return;
    }
    const JwtResult result = m_ctx->verifier->verify(decoded->token.toUtf8(), wallNowMs());
    if (!result.ok()) {
        const QString reason = jwtErrorName(result.error);
        m_ctx->metrics->authFailure(reason)->increment();
        if (m_state == State::Authenticating) {
            failAuthentication(reason, envelope.id);
        } else {
            sendError(envelope.id,
                      ProtocolError::make(ErrorCode::Unauthorized,
                                          QStringLiteral("token rejected: ") + reason));
        }
        return;
    }
    if (m_state == State::Open) {
        // Re-authentication on an open connection is a token refresh.
        handleTokenRefresh(Envelope::make(MessageType::TokenRefresh,
                                          {{QStringLiteral("token"), decoded->token}},
                                          envelope.id));
        return;
    }
    authenticate(*result.claims, envelope.id);
}

void Session::handleTokenRefresh(const Envelope &envelope)
{
    if (m_state != State::Open) {
        sendError(envelope.id,
                  ProtocolError::make(ErrorCode::Unauthorized,
                                      QStringLiteral("authenticate first (send auth)")));
        return;
    }
    const auto decoded = decode<TokenRefresh>(envelope.payload);
    if (!decoded.ok()) {
        sendError(envelope.id, decoded.error);
        return;
    }
    const JwtResult result = m_ctx->verifier->verify(decoded->token.toUtf8(), wallNowMs());
    if (!result.ok()) {
        const QString reason = jwtErrorName(result.error);
        m_ctx->metrics->authFailure(reason)->increment();
        sendError(envelope.id,
                  ProtocolError::make(ErrorCode::Unauthorized,
                                      QStringLiteral("token rejected: ") + reason));
        return;
    }
    if (result.claims->userId != m_principal.userId || result.claims->role != m_principal.role) {
        sendError(envelope.id,
                  ProtocolError::make(ErrorCode::Forbidden,
                                      QStringLiteral("the new token is for another user or role")));
        return;
    }
    m_tokenExpiresAtMs = result.claims->expiresAtMs;
    qCDebug(lcGateway).nospace() << "event=token_refreshed conn=" << m_id;
    sendAuthSuccess(envelope.id);
}

void Session::handlePing(const Envelope &envelope)
{
    const auto decoded = decode<Ping>(envelope.payload);
    if (!decoded.ok()) {
        rejectBadInput(envelope.id, decoded.error);
        return;
    }
    Pong pong;
    pong.seq = decoded->seq;
    pong.clientTime = decoded->clientTime;
    pong.serverTime = wallNowMs();
    sendEnvelope(toEnvelope(pong, envelope.id));
}

void Session::authenticate(const JwtClaims &claims, const QString &requestId)
{
    // A client that gave up while we were busy (its socket is closed, we have not noticed yet)
    // is not authenticated after the fact: it would take a device slot or replace a live one.
    if (m_socket->peerHasClosed()) {
        m_ctx->metrics->rejected(RejectReason::Abandoned)->increment();
        qCDebug(lcGateway).nospace() << "event=abandoned conn=" << m_id;
        m_state = State::Closing;
        m_socket->abort();
        return;
    }
    m_principal.userId = claims.userId;
    m_principal.role = claims.role;
    m_principal.name = claims.name;
    m_principal.vehicle = claims.vehicle;
    m_principal.plate = claims.plate;
    const auto binding = m_ctx->host->bindPrincipal(this, claims);
    if (binding == ConnectionTracker::Binding::Superseded) {
        // It arrived before the user's newer connections and lost the race for the slots.
        close(CloseCode::SessionReplaced, QStringLiteral("replaced by a newer connection"));
        return;
    }
    if (binding == ConnectionTracker::Binding::Refused) {
        m_ctx->metrics->rejected(RejectReason::UserLimit)->increment();
        AuthFailed failed;
        failed.reason = QStringLiteral("too many connections for this user");
        sendEnvelope(toEnvelope(failed, requestId));
        close(CloseCode::RateLimited, failed.reason);
        return;
    }
    m_authenticated = true;
    m_state = State::Open;
    m_tokenExpiresAtMs = claims.expiresAtMs;
    sendAuthSuccess(requestId);
    m_ctx->host->sessionAuthenticated(this);
}

void Session::failAuthentication(const QString &reason, const QString &requestId)
{
    if (m_ctx->badInputLog->allow(m_ctx->nowMs())) {
        qCInfo(lcAuth).nospace().noquote()
                << "event=auth_failed conn=" << m_id << " peer=" << m_peer.toString()
                << " reason=" << reason << " suppressed=" << m_ctx->badInputLog->takeSuppressed();
    }
    AuthFailed failed;
    failed.reason = reason;
    sendEnvelope(toEnvelope(failed, requestId));
    close(CloseCode::AuthFailed, QStringLiteral("authentication failed"));
}

void Session::sendAuthSuccess(const QString &requestId)
{
    AuthSuccess success;
    success.userId = m_principal.userId;
    success.role = m_principal.role;
    success.sessionId = sessionId();
    success.expiresAt = m_tokenExpiresAtMs;
    success.serverTime = wallNowMs();
    success.lastSeq = m_ctx->host->latestSeq(m_principal.userId);
    sendEnvelope(toEnvelope(success, requestId));
}

void Session::sendFrame(const QByteArray &frame)
{
    GatewayMetrics &metrics = *m_ctx->metrics;
    if (m_state == State::Closing) {
        metrics.droppedFrames->increment();
        return;
    }
    const qint64 queued = m_socket->bytesToWrite();
    if (queued + frame.size() > m_ctx->settings.maxOutboundBytes) {
        metrics.droppedFrames->increment();
        qCInfo(lcGateway).nospace().noquote()
                << "event=slow_consumer conn=" << m_id << " user=" << m_principal.userId
                << " queued_bytes=" << queued;
        close(CloseCode::SlowConsumer, QStringLiteral("outbound queue over limit"));
        return;
    }
    m_socket->sendText(frame);
    metrics.countSent(frame);
    metrics.bytesOut->increment(quint64(frame.size()));
}

void Session::close(int code, const QString &reason, int timeoutMs)
{
    if (m_state == State::Closing)
        return;
    m_state = State::Closing;
    m_closeCode = code;
    m_deadlineMs = m_ctx->nowMs() + (timeoutMs >= 0 ? timeoutMs : m_ctx->settings.closeTimeoutMs);
    m_ctx->metrics->closed(code)->increment();
    qCDebug(lcGateway).nospace().noquote()
            << "event=close conn=" << m_id << " user=" << m_principal.userId << " code=" << code
            << " name=" << closeCodeName(code);
    m_socket->close(code, reason);
}

void Session::abort()
{
    m_socket->abort();
}

void Session::sweep(qint64 nowMs, qint64 wallMs)
{
    const SessionSettings &s = m_ctx->settings;
    switch (m_state) {
    case State::Closing:
        // The deadline bounds flushing what is queued (a shutdown allows the drain time); once
        // the close frame is out, the peer has the close timeout to answer it.
        if (m_flushedAtMs < 0 && m_socket->bytesToWrite() == 0)
            m_flushedAtMs = nowMs;
        if (nowMs >= m_deadlineMs
            || (m_flushedAtMs >= 0 && nowMs - m_flushedAtMs >= s.closeTimeoutMs))
            m_socket->abort();
        return;
    case State::Authenticating:
        if (nowMs >= m_deadlineMs) {
            m_ctx->metrics->authFailure(QStringLiteral("auth_timeout"))->increment();
            AuthFailed failed;
            failed.reason = QStringLiteral("auth_timeout");
            sendEnvelope(toEnvelope(failed));
            close(CloseCode::AuthTimeout, QStringLiteral("no auth message in time"));
            return;
        }
        break;
    case State::Open:
        if (wallMs >= tokenDeadlineMs()) {
            qCDebug(lcGateway).nospace() << "event=token_expired conn=" << m_id;
            close(CloseCode::TokenExpired, QStringLiteral("token expired"));
            return;
        }
        break;
    }
    if (const qint64 since = m_socket->incompleteSinceMs();
        since >= 0 && nowMs - since >= s.frameTimeoutMs) {
        if (m_ctx->badInputLog->allow(nowMs)) {
            qCInfo(lcGateway).nospace()
                    << "event=incomplete_message conn=" << m_id << " since_ms=" << (nowMs - since)
                    << " suppressed=" << m_ctx->badInputLog->takeSuppressed();
        }
        close(CloseCode::Stale, QStringLiteral("message not completed in time"));
        return;
    }
    if (nowMs - m_lastInboundMs >= s.staleTimeoutMs) {
        qCDebug(lcGateway).nospace()
                << "event=stale conn=" << m_id << " silent_ms=" << (nowMs - m_lastInboundMs);
        close(CloseCode::Stale, QStringLiteral("no pong in time"));
        return;
    }
    if (nowMs - qMax(m_lastPingMs, m_lastInboundMs) >= s.pingIntervalMs) {
        m_socket->ping();
        m_lastPingMs = nowMs;
    }
    if (!m_struckThisSweep)
        m_strikes = 0;
    m_struckThisSweep = false;
    m_ctx->metrics->outboundQueueBytes->observe(double(m_socket->bytesToWrite()));
}

} // namespace NebengJek::Server
