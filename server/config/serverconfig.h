// SPDX-License-Identifier: MIT
#pragma once

#include <hub/hubconfig.h>
#include <protocol/role.h>

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace NebengJek::Server {

// What happens when a user opens one connection more than maxConnectionsPerUser allows.
enum class UserConnectionPolicy {
    LimitDevices, // refuse the new one (HTTP 429 before the upgrade)
    NewestReplacesOldest, // accept it and close the oldest with CloseCode::SessionReplaced
};

// HS256 secrets shorter than this are refused outside development: RFC 7518 §3.2 asks for a
// key at least as long as the hash output (256 bits). Here, not in auth/, because the loader
// validates it and auth/ builds on the configuration.
constexpr int kMinimumJwtSecretBytes = 32;

// Every setting of nebengjek-server. Defaults are the values below; docs/operations.md lists each
// with its flag, environment variable and config-file key (ServerConfigLoader has the table).
struct ServerConfig
{
    // Network
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8080; // 0: any free port (tests)
    QStringList allowedOrigins; // empty: any Origin; entries "https://app.example" or "*"

    // Storage
    QString dataDir = QStringLiteral("./var");
    QString storageUrl; // empty: sqlite://<dataDir>/nebengjek.db

    // Cluster (docs/operations.md, "Cluster")
    QString redisUrl; // empty: a single node
    QString nodeId; // empty: <hostname>-<pid>-<random>

    // Authentication
    bool devMode = false;
    QByteArray jwtSecret; // HS256
    QString jwtSecretKid; // kid of the HS256 key; empty: tokens without kid
    QString jwtPublicKeyFile; // RS256 public key PEM
    QString jwtPublicKeyKid;
    QString jwtIssuer = QStringLiteral("nebengjek");
    QString jwtAudience = QStringLiteral("nebengjek-realtime");
    int jwtLeewaySeconds = 30;
    bool allowQueryToken = true; // legacy ?token= (always redacted in logs)
    int authTimeoutMs =
            10000; // time for the first `auth` message when no token came with the upgrade

    // Connections
    int maxConnections = 10000;
    int maxConnectionsPerIp = 200; // generous: mobile carriers put many users behind one NAT
    int maxConnectionsPerUser = 3;
    UserConnectionPolicy userPolicy = UserConnectionPolicy::NewestReplacesOldest;
    int maxPendingHandshakes = 1024; // TCP connections that have not finished their HTTP head
    int handshakeTimeoutMs = 5000;

    // Messages
    qint64 maxMessageSize = 64 * 1024; // largest legitimate message is a chat text (~4 KB)
    qint64 maxFrameSize = 64 * 1024;
    int maxFragments = 64; // continuation frames per message
    qint64 maxOutboundBytes = 1024 * 1024; // per connection, then CloseCode::SlowConsumer

    // Liveness
    int pingIntervalMs = 25000; // under the 30 s idle timeout of common load balancers
    int staleTimeoutMs = 60000; // nothing received (not even a pong) -> CloseCode::Stale
    int closeTimeoutMs = 5000; // after sending a close frame, abort if the peer does not finish
    int frameTimeoutMs = 10000; // a started frame or message must complete within this
    int sweepIntervalMs = 1000; // resolution of every deadline above

    // Rate limits (token buckets)
    double rateLimitPerSecond = 20;
    int rateLimitBurst = 40;
    double userRateLimitPerSecond = 40;
    int userRateLimitBurst = 80;
    int rateAbuseThreshold = 20; // rejected messages in a row of sweeps -> CloseCode::RateLimited

    // Overload shedding
    int shedLagMs = 1000; // event loop this late: refuse durable commands and upgrades; 0: never
    int shedHoldMs = 2000; // shedding lasts this long after the last late probe

    // Shutdown
    int shutdownTimeoutMs = 10000; // drain deadline after SIGTERM

    // Event loop: "epoll" or "qt"; main() installs it before the config is loaded
    // (server/eventloop/dispatcherchoice.h), this copy is for --help and the startup log.
    QString eventDispatcher = QStringLiteral("epoll");
    // Event loops: the hub's (which also accepts and completes handshakes) plus threads - 1 I/O
    // threads carrying the upgraded connections. 1: everything on one thread.
    int threads = defaultThreadCount();

    HubConfig hub = serverHubDefaults();

    QString configFile; // where file values came from, for the startup log

    QString effectiveStorageUrl() const;
    // One event loop per core.
    static int defaultThreadCount();
    // Below this many cores the default is one thread (see defaultThreadCount()).
    static constexpr int kMinCoresForIoThreads = 4;
};

} // namespace NebengJek::Server
