// SPDX-License-Identifier: MIT
#include "benchoptions.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTextStream>

namespace NebengJek::Bench {

namespace {
// Loopback only and bounded: the generator refuses anything else.
constexpr int kMaxConnections = 20000;
constexpr double kMaxSeconds = 600;
} // namespace

bool parseBenchOptions(const QStringList &arguments, BenchOptions *o)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
            "Load generator of bench/run.sh: idle connections, connect storm, routed 1:1 relay, "
            "room fan-out, against nebengjek-server, the Node peer or the bare echo. Loopback "
            "only. "
            "Prints one JSON result."));
    p.addHelpOption();
    auto opt = [&p](const char *name, const char *help, const char *def = nullptr) {
        QCommandLineOption o(QLatin1String(name), QLatin1String(help), QStringLiteral("v"));
        if (def)
            o.setDefaultValue(QLatin1String(def));
        p.addOption(o);
        return QString::fromLatin1(name);
    };
    const QString target = opt("target", "nebengjek | peer | echo", "nebengjek");
    const QString mode = opt("mode", "idle | storm | relay | fanout | chat", "relay");
    const QString port = opt("port", "Server port on 127.0.0.1.");
    const QString passengerPort =
            opt("passenger-port",
                "relay, chat: passengers connect to this port (another node of a cluster), "
                "drivers to --port.");
    const QString path = opt("path", "WebSocket path.", "/ws");
    const QString secretFile = opt("secret-file", "HS256 secret (default $WS_JWT_SECRET).");
    const QString issuer = opt("issuer", "iss claim (\"\" for none).", "nebengjek");
    const QString audience = opt("audience", "aud claim (\"\" for none).", "nebengjek-realtime");
    const QString pid = opt("server-pid",
                            "Server process to measure (CPU, RSS); a comma-separated list "
                            "(the nodes of a cluster) is summed.");
    const QString connections = opt("connections", "idle/storm: connections.", "1000");
    const QString pairs = opt("pairs", "relay, chat: driver/passenger pairs.", "2000");
    const QString rate = opt("rate",
                             "relay: locations/s per driver; 0 = saturation. chat: "
                             "messages/s per driver in the fixed-rate phase.",
                             "1");
    const QString window =
            opt("window", "saturation: in flight per driver (relay) or publishes (fanout).", "1");
    const QString subscribers = opt("subscribers", "fanout: room members.", "1000");
    const QString publishers = opt("publishers", "fanout: publishing connections.", "1");
    const QString concurrency = opt("concurrency", "Handshakes in flight.", "256");
    const QString sources = opt("source-addresses", "Use 127.0.0.1..N as source addresses.", "8");
    const QString warmup = opt("warmup", "Seconds before measuring.", "3");
    const QString duration = opt("duration", "Seconds measured.", "10");
    const QString settle = opt("settle", "idle: seconds before reading RSS.", "3");
    const QString setupTimeout =
            opt("setup-timeout", "Seconds allowed for connecting and setup.", "120");
    const QString prefix = opt("prefix", "User id prefix (default bench<time>).");
    const QString json = opt("json", "Also write the result to this file.");
    p.process(arguments);

    QTextStream err(stderr);
    const QString t = p.value(target);
    o->target = t == QLatin1String("peer") ? Target::Peer
            : t == QLatin1String("echo")   ? Target::Echo
                                           : Target::NebengJek;
    const QString m = p.value(mode);
    o->mode = m == QLatin1String("idle")   ? Mode::Idle
            : m == QLatin1String("storm")  ? Mode::Storm
            : m == QLatin1String("fanout") ? Mode::Fanout
            : m == QLatin1String("chat")   ? Mode::Chat
                                           : Mode::Relay;
    o->port = p.value(port).toInt();
    o->passengerPort = p.value(passengerPort).toInt();
    o->path = p.value(path);
    if (p.isSet(secretFile)) {
        QFile f(p.value(secretFile));
        if (!f.open(QIODevice::ReadOnly)) {
            err << "--secret-file: " << f.errorString() << '\n';
            return false;
        }
        o->secret = f.readAll().trimmed();
    } else {
        o->secret = qgetenv("WS_JWT_SECRET");
    }
    o->issuer = p.value(issuer);
    o->audience = p.value(audience);
    o->serverPids.clear();
    for (const QString &one : p.value(pid).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int value = one.trimmed().toInt(&ok);
        if (!ok || value <= 0) {
            err << "--server-pid: not a process id: " << one << '\n';
            return false;
        }
        o->serverPids.push_back(pid_t(value));
    }
    o->connections = p.value(connections).toInt();
    o->pairs = p.value(pairs).toInt();
    o->rate = p.value(rate).toDouble();
    o->window = qMax(1, p.value(window).toInt());
    o->subscribers = p.value(subscribers).toInt();
    o->publishers = qMax(1, p.value(publishers).toInt());
    o->concurrency = qMax(1, p.value(concurrency).toInt());
    o->sourceAddresses = qBound(1, p.value(sources).toInt(), 250);
    o->warmupSeconds = p.value(warmup).toDouble();
    o->durationSeconds = p.value(duration).toDouble();
    o->settleSeconds = p.value(settle).toDouble();
    o->setupTimeoutSeconds = p.value(setupTimeout).toDouble();
    o->prefix = p.isSet(prefix)
            ? p.value(prefix)
            : QStringLiteral("bench%1").arg(QDateTime::currentMSecsSinceEpoch() % 100000000);
    o->jsonPath = p.value(json);

    const int total = o->mode == Mode::Relay || o->mode == Mode::Chat ? 2 * o->pairs
            : o->mode == Mode::Fanout ? o->subscribers + o->publishers
                                      : o->connections;
    if (o->port <= 0 || o->port > 65535) {
        err << "--port is required\n";
        return false;
    }
    if (o->passengerPort != 0
        && (o->passengerPort < 0 || o->passengerPort > 65535
            || (o->mode != Mode::Relay && o->mode != Mode::Chat)
            || o->target != Target::NebengJek)) {
        err << "--passenger-port: a port, in relay or chat mode against nebengjek only\n";
        return false;
    }
    if (total <= 0 || total > kMaxConnections) {
        err << "connections must be 1.." << kMaxConnections << '\n';
        return false;
    }
    if (o->warmupSeconds + o->durationSeconds > kMaxSeconds || o->durationSeconds <= 0) {
        err << "--warmup + --duration must be within " << kMaxSeconds << " s\n";
        return false;
    }
    if (o->target != Target::Echo && o->secret.isEmpty()) {
        err << "no secret: set WS_JWT_SECRET or --secret-file\n";
        return false;
    }
    return true;
}

} // namespace NebengJek::Bench
