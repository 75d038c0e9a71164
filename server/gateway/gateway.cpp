// SPDX-License-Identifier: MIT
#include "gateway.h"

#include "logging.h"

#include <auth/tokenminter.h>
#include <protocol/closecode.h>
#include <protocol/messages/authmessages.h>
#include <storage/storage.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace NebengJek::Server {

using namespace Protocol;

namespace {
// Bad input is logged, but a flood of it must not become a flood of log lines.
constexpr int kBadInputLogLinesPerSecond = 20;
// Event loop lag beyond these marks the server Degraded / Unhealthy in /health.
constexpr qint64 kDegradedLagMs = 1000;
constexpr qint64 kUnhealthyLagMs = 5000;
// Above this share of max-connections /health reports Degraded.
constexpr double kNearCapacity = 0.9;
// Retry-After hints for refusals (seconds).
constexpr int kRetryAfterCapacity = 5;
constexpr int kRetryAfterIpLimit = 10;
constexpr int kRetryAfterUserLimit = 30;
// /dev/token lifetimes.
constexpr qint64 kDevTokenDefaultTtl = 3600;
constexpr qint64 kDevTokenMaxTtl = 7 * 86400;

// Commands that write to storage: under overload these are refused up front (the client retries
// with the same request id) rather than queued behind the backlog. Reads, presence, typing and
// location updates stay cheap and are still served.
bool isDurableCommand(MessageType type)
{
    switch (type) {
    case MessageType::FinderUpdate:
    case MessageType::MatchConfirm:
    case MessageType::RideStart:
    case MessageType::RideArrived:
    case MessageType::PaymentProcess:
    case MessageType::MessageSend:
    case MessageType::MessageRead:
    case MessageType::UserBlock:
    case MessageType::UserUnblock:
    case MessageType::NotificationMarkRead:
    case MessageType::NotificationMarkAllRead:
        return true;
    default:
        return false;
    }
}

qint64 wallNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

SessionSettings sessionSettings(const ServerConfig &c)
{
    SessionSettings s;
    s.maxOutboundBytes = c.maxOutboundBytes;
    s.maxFragments = c.maxFragments;
    s.authTimeoutMs = c.authTimeoutMs;
    s.pingIntervalMs = c.pingIntervalMs;
    s.staleTimeoutMs = c.staleTimeoutMs;
    s.closeTimeoutMs = c.closeTimeoutMs;
    s.frameTimeoutMs = c.frameTimeoutMs;
    s.jwtLeewayMs = c.jwtLeewaySeconds * 1000;
    s.rateAbuseThreshold = c.rateAbuseThreshold;
    s.connectionRate = RateLimitSpec::perSecond(c.rateLimitPerSecond, c.rateLimitBurst);
    s.userRate = RateLimitSpec::perSecond(c.userRateLimitPerSecond, c.userRateLimitBurst);
    return s;
}

ConnectionTracker::Limits registryLimits(const ServerConfig &c)
{
    return {c.maxConnections, c.maxConnectionsPerIp, c.maxConnectionsPerUser, c.userPolicy};
}

HttpResponse jsonResponse(int status, const QJsonObject &body)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}
} // namespace

Gateway::Gateway(const ServerConfig &config, JwtVerifier verifier, Storage *storage, Hub *hub,
                 QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_verifier(std::move(verifier))
    , m_storage(storage)
    , m_hub(hub)
    , m_metrics(m_registry)
    , m_connections(
              registryLimits(config),
              RateLimitSpec::perSecond(config.userRateLimitPerSecond, config.userRateLimitBurst))
    , m_origins(config.allowedOrigins)
    , m_badInputLog(kBadInputLogLinesPerSecond)
    , m_load(config.shedLagMs, config.shedHoldMs, &m_context.clock)
{
    m_context.host = this;
    m_context.settings = sessionSettings(config);
    m_context.verifier = &m_verifier;
    m_context.metrics = &m_metrics;
    m_context.badInputLog = &m_badInputLog;
    m_context.clock.start();
    m_context.sessionIdPrefix =
            QString::number(QRandomGenerator::system()->generate() & 0xffffff, 16)
            + QLatin1Char('-');

    m_hub->setOutbox(this);
    CounterFamily *shed = m_registry.counter(
            QStringLiteral("nebengjek_shed_total"),
            QStringLiteral("Work refused because the server was behind, by kind."),
            {QStringLiteral("kind")});
    m_shedMessages = shed->withLabels({QStringLiteral("message")});
    m_shedUpgrades = shed->withLabels({QStringLiteral("upgrade")});
    FrontDoorSettings doorSettings;
    doorSettings.maxPendingHandshakes = config.maxPendingHandshakes;
    doorSettings.handshakeTimeoutMs = config.handshakeTimeoutMs;
    doorSettings.closeTimeoutMs = config.closeTimeoutMs;
    // A frame can never exceed the message limit.
    doorSettings.webSocketLimits.maxFrameSize = qMin(config.maxFrameSize, config.maxMessageSize);
    doorSettings.webSocketLimits.maxMessageSize = config.maxMessageSize;
    doorSettings.webSocketLimits.maxFragments = config.maxFragments;
    m_frontDoor = new FrontDoor(this, doorSettings, &m_metrics, &m_context.clock, this);

    m_sweepTimer.setInterval(config.sweepIntervalMs);
    connect(&m_sweepTimer, &QTimer::timeout, this, &Gateway::sweep);

    registerHealthChecks();
    registerScrapeMetrics();
}

Gateway::~Gateway()
{
    m_sweepTimer.stop();
    delete m_frontDoor;
    m_frontDoor = nullptr;
    const auto sessions = m_sessions;
    m_sessions.clear();
    for (Session *s : sessions)
        delete s;
    m_hub->setOutbox(nullptr);
}

bool Gateway::start(QString *error)
{
    if (!m_frontDoor->listen(m_config.listenAddress, m_config.port, error))
        return false;
    m_sweepTimer.start();
    m_load.start();
    qCInfo(lcGateway).nospace().noquote()
            << "event=listening address=" << m_config.listenAddress.toString()
            << " port=" << m_frontDoor->port() << " max_connections=" << m_config.maxConnections
            << " dev=" << m_config.devMode;
    return true;
}

quint16 Gateway::port() const
{
    return m_frontDoor ? m_frontDoor->port() : 0;
}

void Gateway::send(ConnectionId connection, const QByteArray &frame)
{
    Session *session = m_sessions.value(connection, nullptr);
    if (!session) {
        m_metrics.droppedFrames->increment();
        return;
    }
    session->sendFrame(frame);
}

QList<ConnectionId> Gateway::connectionsOf(const QString &userId) const
{
    QList<ConnectionId> ids;
    for (const Session *s : m_sessions) {
        if (s->isAuthenticated() && s->principal().userId == userId
            && s->state() != Session::State::Closing)
            ids.append(s->id());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

// --- sessions ---------------------------------------------------------------------------------

ConnectionTracker::Binding Gateway::bindPrincipal(Session *session, const JwtClaims &claims)
{
    QList<ConnectionId> replaced;
    ConnectionTracker::UserEntry *entry = nullptr;
    const auto binding = m_connections.bindUser(session->id(), claims.userId, m_context.nowMs(),
                                                &replaced, &entry);
    if (binding == ConnectionTracker::Binding::Refused) {
        qCInfo(lcGateway).nospace().noquote()
                << "event=user_limit conn=" << session->id() << " user=" << claims.userId
                << " limit=" << m_config.maxConnectionsPerUser;
        return binding;
    }
    if (binding == ConnectionTracker::Binding::Superseded) {
        qCInfo(lcGateway).nospace().noquote()
                << "event=session_superseded conn=" << session->id() << " user=" << claims.userId;
        return binding;
    }
    session->setUserEntry(entry);
    for (const ConnectionId oldId : std::as_const(replaced)) {
        Session *old = m_sessions.value(oldId, nullptr);
        if (!old)
            continue;
        qCInfo(lcGateway).nospace().noquote()
                << "event=session_replaced conn=" << oldId << " by=" << session->id()
                << " user=" << claims.userId;
        old->detachUser();
        old->close(CloseCode::SessionReplaced, QStringLiteral("replaced by a newer connection"));
    }
    m_metrics.activeConnections(std::nullopt)->add(-1);
    m_metrics.activeConnections(claims.role)->add(1);
    return binding;
}

void Gateway::replaceConnection(ConnectionId connection)
{
    Session *session = m_sessions.value(connection, nullptr);
    if (!session || !session->isAuthenticated())
        return;
    qCInfo(lcGateway).nospace().noquote()
            << "event=session_replaced conn=" << connection << " by=another_node";
    session->close(CloseCode::SessionReplaced, QStringLiteral("replaced by a newer connection"));
}

qint64 Gateway::latestSeq(const QString &userId)
{
    return m_hub->latestSeq(userId);
}

void Gateway::sessionAuthenticated(Session *session)
{
    qCDebug(lcGateway).nospace().noquote() << "event=authenticated conn=" << session->id()
                                           << " user=" << session->principal().userId
                                           << " role=" << roleName(session->principal().role);
    m_hub->connectionOpened(session->id(), session->principal());
    Q_EMIT sessionOpened(session->id(), session->principal().userId);
}

void Gateway::dispatch(Session *session, const Envelope &envelope)
{
    if (m_load.isShedding() && isDurableCommand(envelope.type)) {
        m_shedMessages->increment();
        ProtocolError error = ProtocolError::make(ErrorCode::Unavailable,
                                                  QStringLiteral("server overloaded; retry later"));
        error.retryAfterMs = m_load.retryAfterMs();
        session->sendError(envelope.id, error);
        return;
    }
    const qint64 start = m_context.clock.nsecsElapsed();
    m_hub->handle(session->id(), envelope);
    m_metrics.handlingSeconds->observe(double(m_context.clock.nsecsElapsed() - start) / 1e9);
}

void Gateway::sessionEnded(ConnectionId id)
{
    Session *session = m_sessions.take(id);
    if (!session)
        return;
    if (session->isAuthenticated()) {
        if (session->userEntry())
            m_connections.unbindUser(id, session->principal().userId);
        m_hub->connectionClosed(id);
        m_metrics.activeConnections(session->principal().role)->add(-1);
    } else {
        m_metrics.activeConnections(std::nullopt)->add(-1);
    }
    m_connections.release(session->peer());
    const qint64 lifetimeMs = m_context.nowMs() - session->openedAtMs();
    m_metrics.connectionSeconds->observe(double(lifetimeMs) / 1000.0);
    const int code =
            session->closeCode() ? session->closeCode() : session->socket()->peerCloseCode();
    qCDebug(lcGateway).nospace().noquote()
            << "event=disconnected conn=" << id << " user=" << session->principal().userId
            << " code=" << code << " by=" << (session->closeCode() ? "server" : "client")
            << " lifetime_ms=" << lifetimeMs;
    delete session;
    Q_EMIT sessionClosed(id, code);
    if (m_shuttingDown && m_sessions.isEmpty())
        Q_EMIT drained();
}

// --- front door -------------------------------------------------------------------------------

Admission Gateway::admit(const HttpRequestHead &head, const QHostAddress &peer)
{
    if (m_shuttingDown)
        return Admission::refuse(503, RejectReason::ShuttingDown, "shutting_down", 1);
    if (m_load.isShedding()) {
        m_shedUpgrades->increment();
        return Admission::refuse(503, RejectReason::AtCapacity, "overloaded",
                                 (m_load.retryAfterMs() + 999) / 1000);
    }
    switch (m_connections.check(peer)) {
    case ConnectionTracker::Verdict::AtCapacity:
        return Admission::refuse(503, RejectReason::AtCapacity, "at_capacity", kRetryAfterCapacity);
    case ConnectionTracker::Verdict::IpLimit:
        return Admission::refuse(429, RejectReason::IpLimit, "ip_limit", kRetryAfterIpLimit);
    default:
        break;
    }
    if (!m_origins.allows(head.header("origin")))
        return Admission::refuse(403, RejectReason::OriginNotAllowed, "origin_not_allowed");

    // No token at all: upgrade, and the client must send `auth` within the deadline.
    // A token that is present but bad: 401 before any WebSocket exists.
    QByteArray token;
    const QByteArray authorization = head.header("authorization");
    if (!authorization.isNull()) {
        if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer ")) {
            m_metrics.authFailure(QStringLiteral("unsupported_scheme"))->increment();
            return Admission::refuse(401, RejectReason::BadToken, "unsupported_scheme");
        }
        token = authorization.mid(7).trimmed();
        if (token.isEmpty())
            token = QByteArray(""); // present but empty: still a bad token
    } else if (m_config.allowQueryToken) {
        token = head.queryValue("token");
    }

    Admission admission;
    if (!token.isNull()) {
        const JwtResult result = m_verifier.verify(token, wallNowMs());
        if (!result.ok()) {
            const QString reason = jwtErrorName(result.error);
            m_metrics.authFailure(reason)->increment();
            return Admission::refuse(401, RejectReason::BadToken, reason.toLatin1());
        }
        if (m_connections.check(peer, result.claims->userId)
            == ConnectionTracker::Verdict::UserLimit) {
            return Admission::refuse(429, RejectReason::UserLimit, "user_limit",
                                     kRetryAfterUserLimit);
        }
        admission.claims = result.claims;
    }
    m_connections.reserve(peer);
    return admission;
}

void Gateway::upgraded(WebSocketConnection *socket, Admission admission)
{
    socket->setParent(this);
    // Ids follow TCP arrival, so "newest" (per-user policy) means the connection that arrived
    // last, whatever order the authentications finish in.
    const ConnectionId id = admission.arrival;
    auto *session = new Session(id, socket, &m_context, admission.peer);
    m_sessions.insert(id, session);
    m_metrics.connectionsTotal->increment();
    m_metrics.activeConnections(std::nullopt)->add(1);

    if (!socket->isConnected()) {
        QMetaObject::invokeMethod(
                this, [this, id] { sessionEnded(id); }, Qt::QueuedConnection);
        return;
    }
    if (m_shuttingDown) {
        session->close(CloseCode::ServerRestart, QStringLiteral("server restart"));
        return;
    }
    session->start(admission.claims);
}

HttpResponse Gateway::handleHttp(const HttpRequestHead &head, const QHostAddress &peer)
{
    HttpResponse response = route(head, peer);
    response.headOnly = head.method == "HEAD";
    return response;
}

HttpResponse Gateway::route(const HttpRequestHead &head, const QHostAddress &)
{
    if (head.method != "GET" && head.method != "HEAD") {
        m_metrics.rejected(QByteArrayLiteral("method_not_allowed"))->increment();
        HttpResponse r = HttpResponse::error(405, "method_not_allowed");
        r.headers.emplaceBack(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET"));
        return r;
    }
    if (head.path == "/health") {
        m_metrics.httpRequests("/health")->increment();
        return healthResponse();
    }
    if (head.path == "/health/history") {
        m_metrics.httpRequests("/health/history")->increment();
        return healthHistoryResponse(head);
    }
    if (head.path == "/metrics") {
        m_metrics.httpRequests("/metrics")->increment();
        HttpResponse r;
        r.contentType = MetricsRegistry::kContentType;
        r.body = m_registry.exposition();
        return r;
    }
    if (head.path == "/dev/token" && m_config.devMode) {
        m_metrics.httpRequests("/dev/token")->increment();
        return devTokenResponse(head);
    }
    m_metrics.httpRequests("other")->increment();
    if (head.path == "/" || head.path == "/ws") {
        m_metrics.rejected(QByteArrayLiteral("websocket_endpoint"))->increment();
        HttpResponse r = HttpResponse::error(426, "websocket_endpoint");
        r.headers.emplaceBack(QByteArrayLiteral("Upgrade"), QByteArrayLiteral("websocket"));
        return r;
    }
    m_metrics.rejected(QByteArrayLiteral("not_found"))->increment();
    return HttpResponse::error(404, "not_found");
}

HttpResponse Gateway::healthResponse()
{
    const HealthReport report = health();
    QJsonObject body = report.toJson();
    body.insert(QStringLiteral("connections"), sessionCount());
    body.insert(QStringLiteral("max_connections"), m_config.maxConnections);
    body.insert(QStringLiteral("uptime_s"), double((wallNowMs() - m_startedWallMs) / 1000));
    body.insert(QStringLiteral("server_time"), double(wallNowMs()));
    return jsonResponse(report.httpStatus(), body);
}

HttpResponse Gateway::healthHistoryResponse(const HttpRequestHead &head)
{
    const HealthReport report = health(); // records a transition that happened just now
    int limit = m_health.historyCapacity();
    if (const QByteArray text = head.queryValue("limit"); !text.isNull()) {
        bool ok = false;
        limit = text.toInt(&ok);
        if (!ok || limit < 1 || limit > m_health.historyCapacity())
            return HttpResponse::error(400, "bad_limit");
    }
    return jsonResponse(200,
                        {{QStringLiteral("status"), healthStatusName(report.status)},
                         {QStringLiteral("capacity"), m_health.historyCapacity()},
                         {QStringLiteral("transitions"), m_health.historyJson(limit)}});
}

HttpResponse Gateway::devTokenResponse(const HttpRequestHead &head)
{
    TokenSpec spec;
    spec.userId = QString::fromUtf8(head.queryValue("user_id"));
    const auto role = roleFromName(QString::fromUtf8(head.queryValue("role")));
    if (spec.userId.isEmpty() || !role || m_config.jwtSecret.isEmpty())
        return HttpResponse::error(400, "need user_id and role=driver|passenger");
    spec.role = *role;
    spec.ttlSeconds = kDevTokenDefaultTtl;
    if (const QByteArray ttl = head.queryValue("ttl"); !ttl.isEmpty())
        spec.ttlSeconds = qBound<qint64>(1, ttl.toLongLong(), kDevTokenMaxTtl);
    spec.issuer = m_config.jwtIssuer;
    spec.audience = m_config.jwtAudience;
    spec.name = QString::fromUtf8(head.queryValue("name"));
    spec.vehicle = QString::fromUtf8(head.queryValue("vehicle"));
    spec.plate = QString::fromUtf8(head.queryValue("plate"));
    const QJsonObject claims = TokenMinter::claimsFor(spec);
    const QByteArray token =
            TokenMinter::signHs256(claims, m_config.jwtSecret, m_config.jwtSecretKid);
    // The minted token must be one this server accepts (e.g. a user_id with bad characters).
    const JwtResult check = m_verifier.verify(token, wallNowMs());
    if (!check.ok())
        return HttpResponse::error(400, jwtErrorName(check.error).toLatin1());
    return jsonResponse(200,
                        {{QStringLiteral("token"), QString::fromLatin1(token)},
                         {QStringLiteral("user_id"), spec.userId},
                         {QStringLiteral("role"), roleName(spec.role)},
                         {QStringLiteral("expires_at"), double(check.claims->expiresAtMs)}});
}

// --- lifecycle --------------------------------------------------------------------------------

void Gateway::sweep()
{
    const qint64 now = m_context.nowMs();
    if (m_lastSweepMs > 0)
        m_loopLagMs = qMax<qint64>(0, now - m_lastSweepMs - m_sweepTimer.interval());
    m_lastSweepMs = now;
    // Transitions are recorded when health is evaluated: each sweep, so none is missed
    // between /health requests.
    m_health.evaluate();
    const qint64 wall = wallNowMs();
    m_frontDoor->sweep(now);
    // Session::sweep never removes sessions synchronously (sessionEnded is queued).
    for (Session *session : std::as_const(m_sessions))
        session->sweep(now, wall);
}

void Gateway::beginShutdown(int drainTimeoutMs)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_frontDoor->stopListening();
    qCInfo(lcGateway).nospace() << "event=shutdown_begin connections=" << m_sessions.size()
                                << " drain_timeout_ms=" << drainTimeoutMs;
    // Each close frame is queued behind the frames already queued for that client, so clients
    // that read receive everything before the close; the rest are aborted at the deadline.
    for (Session *session : std::as_const(m_sessions)) {
        session->close(CloseCode::ServerRestart, QStringLiteral("server restart"), drainTimeoutMs);
    }
    if (m_sessions.isEmpty())
        QMetaObject::invokeMethod(this, &Gateway::drained, Qt::QueuedConnection);
}

void Gateway::abortAll()
{
    const auto sessions = m_sessions;
    for (Session *session : sessions)
        session->abort();
}

void Gateway::reportDependency(const QString &dependency, bool up, int circuitState)
{
    m_metrics.dependencyUp(dependency)->set(up ? 1 : 0);
    m_metrics.circuitState(dependency)->set(circuitState);
}

HealthReport Gateway::health()
{
    return m_health.evaluate();
}

void Gateway::registerHealthChecks()
{
    // Set now so the first scrape has the series; each evaluation updates them.
    const auto exportStorageState = [this](bool ok) {
        reportDependency(QStringLiteral("storage"), ok, m_hub->storageCircuitState());
    };
    exportStorageState(!m_storage || m_storage->isHealthy());
    m_health.addCheck(QStringLiteral("storage"), [this, exportStorageState] {
        const bool ok = m_hub->isHealthy() && (!m_storage || m_storage->isHealthy());
        exportStorageState(ok);
        return ok
                ? HealthCheckResult {}
                : HealthCheckResult {HealthStatus::Critical, QStringLiteral("storage is failing")};
    });
    m_health.addCheck(QStringLiteral("capacity"), [this] {
        const int used = m_connections.total();
        const int max = m_config.maxConnections;
        const QString text = QStringLiteral("%1 of %2 connections in use").arg(used).arg(max);
        if (used >= max)
            return HealthCheckResult {HealthStatus::Unhealthy, text};
        if (used >= kNearCapacity * max)
            return HealthCheckResult {HealthStatus::Degraded, text};
        return HealthCheckResult {};
    });
    m_health.addCheck(QStringLiteral("event_loop"), [this] {
        const QString text = QStringLiteral("event loop lag %1 ms").arg(m_loopLagMs);
        if (m_loopLagMs >= kUnhealthyLagMs)
            return HealthCheckResult {HealthStatus::Unhealthy, text};
        if (m_loopLagMs >= kDegradedLagMs)
            return HealthCheckResult {HealthStatus::Degraded, text};
        return HealthCheckResult {};
    });
    m_health.addCheck(QStringLiteral("load"), [this] {
        if (!m_load.isShedding())
            return HealthCheckResult {};
        return HealthCheckResult {
                HealthStatus::Degraded,
                QStringLiteral("overloaded: event loop %1 ms behind; shedding durable commands "
                               "and upgrades")
                        .arg(m_load.episodeLagMs())};
    });
    m_health.addCheck(QStringLiteral("lifecycle"), [this] {
        return m_shuttingDown
                ? HealthCheckResult {HealthStatus::Unhealthy, QStringLiteral("shutting down")}
                : HealthCheckResult {};
    });
}

void Gateway::registerScrapeMetrics()
{
    m_registry.callbackGauge(QStringLiteral("nebengjek_uptime_seconds"),
                             QStringLiteral("Seconds since the gateway started."),
                             [this] { return double(wallNowMs() - m_startedWallMs) / 1000.0; });
    m_registry.callbackGauge(QStringLiteral("nebengjek_health_status"),
                             QStringLiteral("0 Healthy, 1 Degraded, 2 Unhealthy, 3 Critical."),
                             [this] { return double(int(health().status)); });
    m_registry.callbackGauge(QStringLiteral("nebengjek_event_loop_lag_seconds"),
                             QStringLiteral("How late the last sweep timer fired."),
                             [this] { return double(m_loopLagMs) / 1000.0; });
    m_registry.callbackGauge(QStringLiteral("nebengjek_outbound_queued_bytes"),
                             QStringLiteral("Unsent bytes over all connections."), [this] {
                                 qint64 sum = 0;
                                 for (const Session *s : std::as_const(m_sessions))
                                     sum += s->queuedBytes();
                                 return double(sum);
                             });
    m_registry.callbackGauge(QStringLiteral("nebengjek_outbound_queued_bytes_max"),
                             QStringLiteral("Unsent bytes of the most backed-up connection."),
                             [this] {
                                 qint64 max = 0;
                                 for (const Session *s : std::as_const(m_sessions))
                                     max = qMax(max, s->queuedBytes());
                                 return double(max);
                             });
    m_registry.callbackGauge(
            QStringLiteral("nebengjek_pending_handshakes"),
            QStringLiteral("TCP connections still sending their HTTP head."),
            [this] { return double(m_frontDoor ? m_frontDoor->pendingCount() : 0); });
}

} // namespace NebengJek::Server
