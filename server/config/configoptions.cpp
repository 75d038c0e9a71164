// SPDX-License-Identifier: MIT
#include "configoptions.h"

#include "configvalue.h"

#include <QFile>

#include <type_traits>

namespace NebengJek::Server {

namespace {
QString rangeError(const char *what, double min, double max)
{
    return QStringLiteral("expected %1 between %2 and %3")
            .arg(QLatin1String(what))
            .arg(min, 0, 'g', 12)
            .arg(max, 0, 'g', 12);
}

template<typename Ref>
OptionSpec intOption(const char *name, const char *env, const char *help, Ref ref, qint64 min,
                     qint64 max)
{
    return {QLatin1String(name),
            QLatin1String(env),
            QStringLiteral("N"),
            QLatin1String(help),
            [=](ServerConfig &c, const QString &v, QString *error) {
                bool ok = false;
                const qint64 n = v.trimmed().toLongLong(&ok);
                if (!ok || n < min || n > max) {
                    *error = rangeError("an integer", double(min), double(max));
                    return false;
                }
                ref(c) = static_cast<std::decay_t<decltype(ref(c))>>(n);
                return true;
            },
            [=](const ServerConfig &c) {
                return QString::number(ref(const_cast<ServerConfig &>(c)));
            }};
}

template<typename Ref>
OptionSpec doubleOption(const char *name, const char *env, const char *help, Ref ref, double min,
                        double max)
{
    return {QLatin1String(name),
            QLatin1String(env),
            QStringLiteral("X"),
            QLatin1String(help),
            [=](ServerConfig &c, const QString &v, QString *error) {
                bool ok = false;
                const double n = v.trimmed().toDouble(&ok);
                if (!ok || !(n >= min && n <= max)) {
                    *error = rangeError("a number", min, max);
                    return false;
                }
                ref(c) = n;
                return true;
            },
            [=](const ServerConfig &c) {
                return QString::number(ref(const_cast<ServerConfig &>(c)));
            }};
}

template<typename Ref>
OptionSpec durationOption(const char *name, const char *env, const char *help, Ref ref,
                          qint64 minMs, qint64 maxMs)
{
    return {QLatin1String(name),
            QLatin1String(env),
            QStringLiteral("DURATION"),
            QLatin1String(help),
            [=](ServerConfig &c, const QString &v, QString *error) {
                const auto ms = parseDurationMs(v);
                if (!ms || *ms < minMs || *ms > maxMs) {
                    *error = QStringLiteral("expected a duration between %1 and %2 (e.g. 250ms, "
                                            "30s, 5m)")
                                     .arg(formatDurationMs(minMs), formatDurationMs(maxMs));
                    return false;
                }
                ref(c) = static_cast<std::decay_t<decltype(ref(c))>>(*ms);
                return true;
            },
            [=](const ServerConfig &c) {
                return formatDurationMs(ref(const_cast<ServerConfig &>(c)));
            }};
}

template<typename Ref>
OptionSpec sizeOption(const char *name, const char *env, const char *help, Ref ref, qint64 min,
                      qint64 max)
{
    return {QLatin1String(name),
            QLatin1String(env),
            QStringLiteral("BYTES"),
            QLatin1String(help),
            [=](ServerConfig &c, const QString &v, QString *error) {
                const auto n = parseByteSize(v);
                if (!n || *n < min || *n > max) {
                    *error = rangeError("a size in bytes (e.g. 65536, 64KiB, 1MiB)", double(min),
                                        double(max));
                    return false;
                }
                ref(c) = *n;
                return true;
            },
            [=](const ServerConfig &c) {
                return QString::number(ref(const_cast<ServerConfig &>(c)));
            }};
}

template<typename Ref>
OptionSpec stringOption(const char *name, const char *env, const char *valueName, const char *help,
                        Ref ref)
{
    return {QLatin1String(name),
            QLatin1String(env),
            QLatin1String(valueName),
            QLatin1String(help),
            [=](ServerConfig &c, const QString &v, QString *) {
                ref(c) = v.trimmed();
                return true;
            },
            [=](const ServerConfig &c) {
                return ref(const_cast<ServerConfig &>(c));
            }};
}

template<typename Ref>
OptionSpec boolOption(const char *name, const char *env, const char *help, Ref ref, bool isSwitch)
{
    return {QLatin1String(name),
            QLatin1String(env),
            isSwitch ? QString() : QStringLiteral("BOOL"),
            QLatin1String(help),
            [=](ServerConfig &c, const QString &v, QString *error) {
                const auto b = parseBool(v);
                if (!b) {
                    *error = QStringLiteral("expected true or false");
                    return false;
                }
                ref(c) = *b;
                return true;
            },
            [=](const ServerConfig &c) {
                return ref(const_cast<ServerConfig &>(c)) ? QStringLiteral("true")
                                                          : QStringLiteral("false");
            }};
}

} // namespace

#define NJ_REF(expr) \
    [](ServerConfig & c) -> auto & \
    { \
        return c.expr; \
    }

const std::vector<OptionSpec> &configOptions()
{
    static const std::vector<OptionSpec> table = [] {
        std::vector<OptionSpec> t;
        // Network
        t.push_back({QStringLiteral("listen"), QStringLiteral("WS_LISTEN"),
                     QStringLiteral("HOST[:PORT]"),
                     QStringLiteral("Address to listen on (0.0.0.0 or :: for all interfaces)."),
                     [](ServerConfig &c, const QString &v, QString *error) {
                         const auto spec = parseListen(v);
                         if (!spec) {
                             *error = QStringLiteral("expected HOST or HOST:PORT");
                             return false;
                         }
                         c.listenAddress = spec->address;
                         if (spec->port)
                             c.port = *spec->port;
                         return true;
                     },
                     [](const ServerConfig &c) {
                         return c.listenAddress.toString();
                     }});
        t.push_back(intOption("port", "WS_PORT", "TCP port (0: any free port).", NJ_REF(port), 0,
                              65535));
        t.push_back({QStringLiteral("allowed-origins"), QStringLiteral("WS_ALLOWED_ORIGINS"),
                     QStringLiteral("LIST"),
                     QStringLiteral("Comma-separated Origin allow-list for browser clients "
                                    "(https://app.example, https://*.example, *). Empty: any. "
                                    "Requests without Origin (native apps) are always allowed."),
                     [](ServerConfig &c, const QString &v, QString *) {
                         c.allowedOrigins.clear();
                         const auto parts = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
                         for (const QString &p : parts) {
                             if (!p.trimmed().isEmpty())
                                 c.allowedOrigins.append(p.trimmed());
                         }
                         return true;
                     },
                     [](const ServerConfig &c) {
                         return c.allowedOrigins.join(QLatin1Char(','));
                     }});
        // Storage
        t.push_back(stringOption("data-dir", "WS_DATA_DIR", "DIR",
                                 "Directory for the embedded SQLite database.", NJ_REF(dataDir)));
        t.push_back(stringOption("storage-url", "WS_STORAGE_URL", "URL",
                                 "Storage URL: sqlite:///path/file.db, sqlite::memory: or "
                                 "postgresql://user:password@host:port/db. Default: "
                                 "sqlite://<data-dir>/nebengjek.db.",
                                 NJ_REF(storageUrl)));
        // Cluster
        t.push_back(stringOption("redis-url", "WS_REDIS_URL", "URL",
                                 "Cluster mode: redis://host:port/db of the Redis that connects "
                                 "the nodes (needs a postgresql:// storage URL shared by all "
                                 "nodes). Empty: a single node.",
                                 NJ_REF(redisUrl)));
        t.push_back(stringOption("node-id", "WS_NODE_ID", "ID",
                                 "This node's name in the cluster, unique per process. Default: "
                                 "<hostname>-<pid>-<random>.",
                                 NJ_REF(nodeId)));
        // Authentication
        t.push_back(boolOption("dev", "WS_DEV",
                               "Development mode: without a configured key, accept tokens signed "
                               "with the well-known development secret and serve GET /dev/token. "
                               "Never in production.",
                               NJ_REF(devMode), true));
        {
            OptionSpec s {QStringLiteral("jwt-secret"),
                          QStringLiteral("WS_JWT_SECRET"),
                          QStringLiteral("SECRET"),
                          QStringLiteral("HS256 shared secret (at least 32 bytes). Prefer "
                                         "WS_JWT_SECRET or --jwt-secret-file: flags are visible in "
                                         "the process list."),
                          [](ServerConfig &c, const QString &v, QString *) {
                              c.jwtSecret = v.toUtf8();
                              return true;
                          },
                          [](const ServerConfig &c) {
                              return c.jwtSecret.isEmpty() ? QStringLiteral("(unset)")
                                                           : QStringLiteral("(set)");
                          },
                          true};
            t.push_back(s);
        }
        {
            OptionSpec s {QStringLiteral("jwt-secret-file"),
                          QStringLiteral("WS_JWT_SECRET_FILE"),
                          QStringLiteral("FILE"),
                          QStringLiteral("Read the HS256 secret from FILE (trailing newline "
                                         "ignored)."),
                          [](ServerConfig &c, const QString &v, QString *error) {
                              QFile f(v.trimmed());
                              if (!f.open(QIODevice::ReadOnly)) {
                                  *error = QStringLiteral("cannot read %1: %2")
                                                   .arg(f.fileName(), f.errorString());
                                  return false;
                              }
                              QByteArray secret = f.read(64 * 1024);
                              while (secret.endsWith('\n') || secret.endsWith('\r'))
                                  secret.chop(1);
                              c.jwtSecret = secret;
                              return true;
                          },
                          [](const ServerConfig &) { return QString(); },
                          true};
            t.push_back(s);
        }
        t.push_back(stringOption("jwt-kid", "WS_JWT_KID", "KID",
                                 "Key id (kid header) of the HS256 secret. Empty: tokens without a "
                                 "kid.",
                                 NJ_REF(jwtSecretKid)));
        t.push_back(stringOption("jwt-public-key", "WS_JWT_PUBLIC_KEY", "FILE",
                                 "RS256 public key (PEM, -----BEGIN PUBLIC KEY-----).",
                                 NJ_REF(jwtPublicKeyFile)));
        t.push_back(stringOption("jwt-public-key-kid", "WS_JWT_PUBLIC_KEY_KID", "KID",
                                 "Key id of the RS256 key. Empty: tokens without a kid.",
                                 NJ_REF(jwtPublicKeyKid)));
        t.push_back(stringOption("jwt-issuer", "WS_JWT_ISSUER", "ISS",
                                 "Required iss claim (empty: not checked).", NJ_REF(jwtIssuer)));
        t.push_back(stringOption("jwt-audience", "WS_JWT_AUDIENCE", "AUD",
                                 "Required aud claim (empty: not checked).", NJ_REF(jwtAudience)));
        t.push_back(durationOption(
                "jwt-leeway", "WS_JWT_LEEWAY", "Clock skew allowed on exp/nbf/iat.",
                [](ServerConfig & c) -> auto & { return c.jwtLeewaySeconds; }, 0, 600000));
        // jwtLeewaySeconds is stored in seconds; fix up the generic millisecond parser below.
        t.back().apply = [](ServerConfig &c, const QString &v, QString *error) {
            const auto ms = parseDurationMs(v);
            if (!ms || *ms > 600000) {
                *error = QStringLiteral("expected a duration between 0s and 10m");
                return false;
            }
            c.jwtLeewaySeconds = int(*ms / 1000);
            return true;
        };
        t.back().show = [](const ServerConfig &c) {
            return formatDurationMs(qint64(c.jwtLeewaySeconds) * 1000);
        };
        t.push_back(boolOption("allow-query-token", "WS_ALLOW_QUERY_TOKEN",
                               "Accept the token as ?token= (legacy; always redacted in logs).",
                               NJ_REF(allowQueryToken), false));
        t.push_back(durationOption("auth-timeout", "WS_AUTH_TIMEOUT",
                                   "Deadline for the first auth message when the upgrade carried "
                                   "no token (then close 4501).",
                                   NJ_REF(authTimeoutMs), 10, 600000));
        // Connections
        t.push_back(intOption("max-connections", "WS_MAX_CONNECTIONS",
                              "Global connection limit (then HTTP 503).", NJ_REF(maxConnections), 1,
                              1000000));
        t.push_back(intOption("max-connections-per-ip", "WS_MAX_CONNECTIONS_PER_IP",
                              "Connections per client IP (then HTTP 429).",
                              NJ_REF(maxConnectionsPerIp), 1, 1000000));
        t.push_back(intOption("max-connections-per-user", "WS_MAX_CONNECTIONS_PER_USER",
                              "Connections (devices) per user.", NJ_REF(maxConnectionsPerUser), 1,
                              1000));
        t.push_back({QStringLiteral("user-policy"), QStringLiteral("WS_USER_POLICY"),
                     QStringLiteral("POLICY"),
                     QStringLiteral("Over the per-user limit: 'replace-oldest' closes the oldest "
                                    "connection (4509), 'limit' refuses the new one (HTTP 429)."),
                     [](ServerConfig &c, const QString &v, QString *error) {
                         const QString p = v.trimmed().toLower();
                         if (p == QLatin1String("limit")) {
                             c.userPolicy = UserConnectionPolicy::LimitDevices;
                         } else if (p == QLatin1String("replace-oldest")
                                    || p == QLatin1String("newest-wins")) {
                             c.userPolicy = UserConnectionPolicy::NewestReplacesOldest;
                         } else {
                             *error = QStringLiteral("expected limit or replace-oldest");
                             return false;
                         }
                         return true;
                     },
                     [](const ServerConfig &c) {
                         return c.userPolicy == UserConnectionPolicy::LimitDevices
                                 ? QStringLiteral("limit")
                                 : QStringLiteral("replace-oldest");
                     }});
        t.push_back(intOption("max-pending-handshakes", "WS_MAX_PENDING_HANDSHAKES",
                              "TCP connections still sending their HTTP request head.",
                              NJ_REF(maxPendingHandshakes), 1, 1000000));
        t.push_back(durationOption("handshake-timeout", "WS_HANDSHAKE_TIMEOUT",
                                   "Deadline for the complete HTTP request head.",
                                   NJ_REF(handshakeTimeoutMs), 10, 600000));
        // Messages
        t.push_back(sizeOption("max-message-size", "WS_MAX_MESSAGE_SIZE",
                               "Largest incoming message (then close 1009).",
                               NJ_REF(maxMessageSize), 1024, 64 * 1024 * 1024));
        t.push_back(sizeOption("max-frame-size", "WS_MAX_FRAME_SIZE",
                               "Largest incoming frame (then close 1009). Capped at "
                               "max-message-size.",
                               NJ_REF(maxFrameSize), 1024, 64 * 1024 * 1024));
        t.push_back(intOption("max-fragments", "WS_MAX_FRAGMENTS",
                              "Frames per fragmented message (then close 1009).",
                              NJ_REF(maxFragments), 1, 100000));
        t.push_back(sizeOption("max-outbound-bytes", "WS_MAX_OUTBOUND_BYTES",
                               "Unsent bytes queued for one connection before it is closed as a "
                               "slow consumer (4002).",
                               NJ_REF(maxOutboundBytes), 1024, Q_INT64_C(1) << 32));
        // Liveness
        t.push_back(durationOption("ping-interval", "WS_PING_INTERVAL", "WebSocket ping interval.",
                                   NJ_REF(pingIntervalMs), 10, 3600000));
        t.push_back(durationOption("stale-timeout", "WS_STALE_TIMEOUT",
                                   "Close a connection that sent nothing (not even a pong) for "
                                   "this long (4001). Must exceed ping-interval.",
                                   NJ_REF(staleTimeoutMs), 20, 7200000));
        t.push_back(durationOption("close-timeout", "WS_CLOSE_TIMEOUT",
                                   "After a close frame, abort the TCP connection if the peer has "
                                   "not finished closing.",
                                   NJ_REF(closeTimeoutMs), 10, 600000));
        t.push_back(durationOption("frame-timeout", "WS_FRAME_TIMEOUT",
                                   "A frame or fragmented message that has started must be "
                                   "complete within this, else close 4001 (slow drip).",
                                   NJ_REF(frameTimeoutMs), 100, 600000));
        t.push_back(durationOption("sweep-interval", "WS_SWEEP_INTERVAL",
                                   "How often deadlines (ping, stale, auth, token expiry) are "
                                   "checked: their resolution.",
                                   NJ_REF(sweepIntervalMs), 5, 60000));
        // Rate limits
        t.push_back(doubleOption("rate-limit", "WS_RATE_LIMIT",
                                 "Messages per second per connection (token bucket refill).",
                                 NJ_REF(rateLimitPerSecond), 0.01, 1000000));
        t.push_back(intOption("rate-burst", "WS_RATE_BURST", "Token bucket size per connection.",
                              NJ_REF(rateLimitBurst), 1, 1000000));
        t.push_back(doubleOption("user-rate-limit", "WS_USER_RATE_LIMIT",
                                 "Messages per second per user, over all their connections.",
                                 NJ_REF(userRateLimitPerSecond), 0.01, 1000000));
        t.push_back(intOption("user-rate-burst", "WS_USER_RATE_BURST",
                              "Token bucket size per user.", NJ_REF(userRateLimitBurst), 1,
                              1000000));
        t.push_back(intOption("rate-abuse-threshold", "WS_RATE_ABUSE_THRESHOLD",
                              "Rate-limited messages a connection may keep sending before it is "
                              "closed (4008).",
                              NJ_REF(rateAbuseThreshold), 1, 1000000));
        // Overload shedding
        t.push_back(durationOption("shed-lag", "WS_SHED_LAG",
                                   "Event loop lag at which the server sheds load: durable "
                                   "commands get UNAVAILABLE with retry_after_ms, upgrades 503, "
                                   "/health Degraded. 0 disables shedding.",
                                   NJ_REF(shedLagMs), 0, 600000));
        t.push_back(durationOption("shed-hold", "WS_SHED_HOLD",
                                   "How long shedding lasts after the last late probe (also the "
                                   "retry hint).",
                                   NJ_REF(shedHoldMs), 100, 600000));
        // Shutdown
        t.push_back(durationOption("shutdown-timeout", "WS_SHUTDOWN_TIMEOUT",
                                   "Drain deadline after SIGTERM/SIGINT.",
                                   NJ_REF(shutdownTimeoutMs), 0, 600000));
        // Event loop (server/eventloop): main() reads it before the application object exists.
        t.push_back({QStringLiteral("event-dispatcher"), QStringLiteral("WS_EVENT_DISPATCHER"),
                     QStringLiteral("NAME"),
                     QStringLiteral("epoll (cost per ready socket) or qt (Qt's own dispatcher). "
                                    "Flag or environment only: a config-file value is not "
                                    "read."),
                     [](ServerConfig &c, const QString &v, QString *error) {
                         const QString name = v.trimmed().toLower();
                         if (name != QLatin1String("epoll") && name != QLatin1String("qt")) {
                             *error = QStringLiteral("expected epoll or qt");
                             return false;
                         }
                         c.eventDispatcher = name;
                         return true;
                     },
                     [](const ServerConfig &c) {
                         return c.eventDispatcher;
                     }});
        t.push_back(intOption(
                "threads", "WS_THREADS",
                "Event loops: 1 runs everything on one thread; N > 1 keeps the hub "
                "(and accepting, handshakes) on one and spreads connections over "
                "N - 1 I/O threads. Default: the number of cores when there are 4 or more, "
                "else 1 (docs/performance.md).",
                NJ_REF(threads), 1, 256));
        // Hub
        t.push_back(doubleOption("match-radius", "WS_MATCH_RADIUS", "Matching radius in metres.",
                                 NJ_REF(hub.matchRadiusMeters), 1, 1000000));
        t.push_back(durationOption("proposal-timeout", "WS_PROPOSAL_TIMEOUT",
                                   "Driver's time to answer a match proposal.",
                                   NJ_REF(hub.proposalTimeoutMs), 100, 3600000));
        t.push_back(intOption("fare-base", "WS_FARE_BASE", "Flag fall (IDR).", NJ_REF(hub.fareBase),
                              0, Q_INT64_C(1000000000)));
        t.push_back(intOption("fare-per-km", "WS_FARE_PER_KM", "Fare per km (IDR).",
                              NJ_REF(hub.farePerKm), 0, Q_INT64_C(1000000000)));
        t.push_back(doubleOption("road-factor", "WS_ROAD_FACTOR",
                                 "Estimated trip distance = straight line x this factor.",
                                 NJ_REF(hub.roadFactor), 1, 3));
        t.push_back(doubleOption("average-speed", "WS_AVERAGE_SPEED",
                                 "Average speed (m/s) for estimated trip and pickup times.",
                                 NJ_REF(hub.averageSpeedMps), 0.5, 50));
        t.push_back(doubleOption("start-radius", "WS_START_RADIUS",
                                 "ride_start and ride.at_pickup only within this many metres of "
                                 "the pickup (0: no check).",
                                 NJ_REF(hub.startRadiusMeters), 0, 100000));
        t.push_back(doubleOption("arrive-radius", "WS_ARRIVE_RADIUS",
                                 "ride_arrived only within this many metres of the destination "
                                 "(0: no check).",
                                 NJ_REF(hub.arriveRadiusMeters), 0, 100000));
        t.push_back(durationOption("presence-grace", "WS_PRESENCE_GRACE",
                                   "A user goes offline only after their last connection stays "
                                   "gone this long.",
                                   NJ_REF(hub.presenceGraceMs), 0, 3600000));
        t.push_back(intOption("retained-events-per-user", "WS_RETAINED_EVENTS_PER_USER",
                              "Durable events kept per user for resume.",
                              NJ_REF(hub.retainedEventsPerUser), 1, 10000000));
        t.push_back(intOption("idempotency-window", "WS_IDEMPOTENCY_WINDOW",
                              "Request ids remembered per user for retried requests.",
                              NJ_REF(hub.idempotencyWindow), 0, 1000000));
        return t;
    }();
    return table;
}

#undef NJ_REF

QString describeOption(const OptionSpec &spec)
{
    QString d = spec.help;
    QStringList extra;
    if (!spec.env.isEmpty())
        extra << QStringLiteral("env ") + spec.env;
    if (!spec.secret) {
        const QString def = spec.show(ServerConfig {});
        if (!def.isEmpty())
            extra << QStringLiteral("default ") + def;
    }
    if (!extra.isEmpty())
        d += QStringLiteral(" [") + extra.join(QStringLiteral("; ")) + QLatin1Char(']');
    return d;
}

} // namespace NebengJek::Server
