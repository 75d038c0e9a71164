// SPDX-License-Identifier: MIT
#pragma once

#include "connectiontracker.h"
#include "frontdoor.h"
#include "gatewaymetrics.h"
#include "loadmonitor.h"
#include "logthrottle.h"
#include "originpolicy.h"
#include "session.h"

#include <auth/jwtverifier.h>
#include <config/serverconfig.h>
#include <hub/hub.h>
#include <metrics/healthmonitor.h>
#include <metrics/metricsregistry.h>

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace NebengJek::Server {

class IoThreads;
class Storage;

// The network face of the server: owns the front door, every session, the hub and the metrics,
// and implements the hub's Outbox. One periodic sweep timer drives every deadline (handshake,
// auth, ping, stale, token expiry, close timeouts) for all connections.
class Gateway : public QObject, public Outbox, private SessionHost, private FrontDoorHandler
{
    Q_OBJECT
public:
    // `storage` and `hub` must outlive the gateway; the gateway becomes the hub's outbox.
    // `verifier` comes from makeJwtVerifier(config).
    Gateway(const ServerConfig &config, JwtVerifier verifier, Storage *storage, Hub *hub,
            QObject *parent = nullptr);
    ~Gateway() override;

    bool start(QString *error);
    quint16 port() const;
    QHostAddress address() const { return m_config.listenAddress; }

    // Outbox: the hub's frames (and tests' pushes) to one connection.
    void send(ConnectionId connection, const QByteArray &frame) override;

    // Graceful shutdown: stop accepting, close every session with CloseCode::ServerRestart after
    // its queued frames, abort what is still open at the deadline. Emits drained() when the last
    // session is gone.
    void beginShutdown(int drainTimeoutMs);
    bool isShuttingDown() const { return m_shuttingDown; }
    // Aborts every connection at once (second signal, or the drain deadline passed).
    void abortAll();

    // Closes an authenticated connection as replaced by a newer one of its user (the per-user
    // limit decided elsewhere, e.g. on another node of a cluster).
    void replaceConnection(NebengJek::Server::ConnectionId connection);
    int sessionCount() const { return int(m_sessions.size()); }
    QList<ConnectionId> connectionsOf(const QString &userId) const;
    HealthReport health();
    // One more /health check (e.g. the cluster link, added by the composition root).
    void addHealthCheck(const QString &name, HealthMonitor::Check check)
    {
        m_health.addCheck(name, std::move(check));
    }
    MetricsRegistry &metricsRegistry() { return m_registry; }
    // nebengjek_dependency_up / nebengjek_circuit_state{dependency}: `circuitState` as
    // CircuitBreaker::stateValue (0 closed, 1 half-open, 2 open).
    void reportDependency(const QString &dependency, bool up, int circuitState);
    Hub *hub() const { return m_hub; }
    const ServerConfig &config() const { return m_config; }

Q_SIGNALS:
    void sessionOpened(NebengJek::Server::ConnectionId connection, const QString &userId);
    void sessionClosed(NebengJek::Server::ConnectionId connection, int closeCode);
    void drained();

private:
    // SessionHost
    ConnectionTracker::Binding bindPrincipal(Session *session, const JwtClaims &claims) override;
    void sessionAuthenticated(Session *session) override;
    qint64 latestSeq(const QString &userId) override;
    void dispatch(Session *session, const Protocol::Envelope &envelope) override;
    void sessionEnded(ConnectionId id) override;
    // FrontDoorHandler
    HttpResponse handleHttp(const HttpRequestHead &head, const QHostAddress &peer) override;
    Admission admit(const HttpRequestHead &head, const QHostAddress &peer) override;
    void upgraded(QTcpSocket *socket, Admission admission) override;

    void sweep();
    HttpResponse route(const HttpRequestHead &head, const QHostAddress &peer);
    HttpResponse healthResponse();
    HttpResponse healthHistoryResponse(const HttpRequestHead &head);
    HttpResponse devTokenResponse(const HttpRequestHead &head);
    void registerHealthChecks();
    void registerScrapeMetrics();

    ServerConfig m_config;
    JwtVerifier m_verifier;
    Storage *m_storage;
    Hub *m_hub;
    MetricsRegistry m_registry;
    GatewayMetrics m_metrics;
    HealthMonitor m_health;
    ConnectionTracker m_connections;
    OriginPolicy m_origins;
    LogThrottle m_badInputLog;
    SessionContext m_context;
    LoadMonitor m_load;
    Counter *m_shedMessages = nullptr;
    Counter *m_shedUpgrades = nullptr;
    WebSocketConnection::Limits m_webSocketLimits;
    FrontDoor *m_frontDoor;
    IoThreads *m_ioThreads = nullptr; // --threads > 1: they carry the upgraded connections
    QTimer m_sweepTimer;
    QHash<ConnectionId, Session *> m_sessions;
    bool m_shuttingDown = false;
    qint64 m_startedWallMs = QDateTime::currentMSecsSinceEpoch();
    qint64 m_lastSweepMs = 0;
    qint64 m_loopLagMs = 0; // how late the last sweep ran: event loop saturation
};

} // namespace NebengJek::Server
