// SPDX-License-Identifier: MIT
#include "servermain.h"

#include <gateway/gateway.h>
#include <gateway/logging.h>
#include <gateway/shutdown.h>
#include <gateway/signalwatcher.h>
#include <hub/hub.h>

#include <auth/tokenminter.h>
#include <auth/verifierfactory.h>
#include <cluster/redisclusterlink.h>
#include <config/configloader.h>
#include <config/logging.h>
#include <storage/storage.h>

#include <QCoreApplication>
#include <QDir>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QUrl>

#include <cstdio>

#ifndef NEBENGJEK_VERSION
#    define NEBENGJEK_VERSION "0.0.0"
#endif

namespace NebengJek::Server {

namespace {

// ISO time, level, category, message: one line per event, greppable key=value messages.
const char *kMessagePattern = "%{time yyyy-MM-ddThh:mm:ss.zzz} "
                              "%{if-debug}debug%{endif}%{if-info}info%{endif}"
                              "%{if-warning}warning%{endif}%{if-critical}critical%{endif}"
                              "%{if-fatal}fatal%{endif} %{category} %{message}";

// postgresql://user:password@host/db -> postgresql://user:***@host/db
QString redactUrl(const QString &url)
{
    QUrl u(url);
    if (!u.password().isEmpty())
        u.setPassword(QStringLiteral("***"));
    return u.isValid() ? u.toString() : url;
}

// Unique per process, readable in logs: which machine, which process, and a random part so a
// restarted process with a reused pid is a new node.
QString defaultNodeId()
{
    return QStringLiteral("%1-%2-%3")
            .arg(QHostInfo::localHostName().section(QLatin1Char('.'), 0, 0))
            .arg(QCoreApplication::applicationPid())
            .arg(QRandomGenerator::system()->generate() & 0xffff, 4, 16, QLatin1Char('0'));
}

// Cluster mode: the link to the other nodes, its /health check and its metrics.
std::unique_ptr<RedisClusterLink> makeClusterLink(const ServerConfig &c, QString *error)
{
    const std::optional<RedisUrl> url = RedisUrl::parse(c.redisUrl, error);
    if (!url)
        return nullptr;
    RedisClusterLink::Settings settings;
    settings.url = *url;
    settings.nodeId = c.nodeId.isEmpty() ? defaultNodeId() : c.nodeId;
    return std::make_unique<RedisClusterLink>(settings);
}

void observeClusterLink(Gateway &gateway, RedisClusterLink *link)
{
    const auto exportRedisState = [&gateway, link] {
        gateway.reportDependency(QStringLiteral("redis"), link->isConnected(),
                                 CircuitBreaker::stateValue(link->breakerState()));
    };
    exportRedisState();
    gateway.addHealthCheck(QStringLiteral("cluster"), [link, exportRedisState] {
        exportRedisState();
        // Degraded, not worse: this node keeps serving its own users; other nodes' users are
        // reached again (and caught up from the log) once Redis is back.
        if (!link->isConnected())
            return HealthCheckResult {
                    HealthStatus::Degraded,
                    QStringLiteral("redis unreachable (%1, circuit %2); "
                                   "cross-node delivery paused")
                            .arg(link->lastError(),
                                 CircuitBreaker::stateName(link->breakerState()))};
        return HealthCheckResult {};
    });
    MetricsRegistry &m = gateway.metricsRegistry();
    m.callbackGauge(QStringLiteral("nebengjek_cluster_link_up"),
                    QStringLiteral("1 while this node is connected to the cluster's Redis."),
                    [link] { return link->isConnected() ? 1.0 : 0.0; });
    m.callbackGauge(QStringLiteral("nebengjek_cluster_nodes"),
                    QStringLiteral("Nodes this node hears (itself included)."),
                    [link] { return double(link->liveNodeCount()); });
    m.callbackGauge(QStringLiteral("nebengjek_cluster_published_total"),
                    QStringLiteral("Messages published to other nodes."),
                    [link] { return double(link->publishedCount()); });
    m.callbackGauge(QStringLiteral("nebengjek_cluster_received_total"),
                    QStringLiteral("Messages received from other nodes."),
                    [link] { return double(link->receivedCount()); });
    m.callbackGauge(QStringLiteral("nebengjek_cluster_dropped_total"),
                    QStringLiteral("Messages not published because Redis was unreachable "
                                   "(durable ones are recovered by resume)."),
                    [link] { return double(link->droppedCount()); });
}

void printTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

int mintToken(const ConfigLoadResult &loaded)
{
    const ServerConfig &c = loaded.config;
    QString error;
    const auto verifier = makeJwtVerifier(c, &error);
    if (!verifier) {
        printTo(stderr, QStringLiteral("nebengjek-server token: %1\n").arg(error));
        return 2;
    }
    TokenSpec spec;
    spec.userId = loaded.token.userId;
    spec.role = loaded.token.role;
    spec.ttlSeconds = loaded.token.ttlSeconds;
    spec.name = loaded.token.name;
    spec.vehicle = loaded.token.vehicle;
    spec.plate = loaded.token.plate;
    spec.issuer = c.jwtIssuer;
    spec.audience = c.jwtAudience;
    const QByteArray token =
            TokenMinter::signHs256(TokenMinter::claimsFor(spec), c.jwtSecret, c.jwtSecretKid);
    if (!verifier->verify(token, QDateTime::currentMSecsSinceEpoch()).ok()) {
        printTo(stderr,
                QStringLiteral("nebengjek-server token: the minted token does not verify "
                               "with this configuration\n"));
        return 2;
    }
    // Only the token on stdout, so `TOKEN=$(nebengjek-server token ...)` works.
    printTo(stdout, QString::fromLatin1(token) + QLatin1Char('\n'));
    return 0;
}

int serve(const ConfigLoadResult &loaded)
{
    const ServerConfig &c = loaded.config;
    for (const QString &warning : loaded.warnings)
        qCWarning(lcConfig).noquote().nospace()
                << "event=config_warning message=\"" << warning << '"';
    for (const QString &setting : loaded.effectiveSettings)
        qCDebug(lcConfig).noquote() << "event=setting" << setting;

    QString error;
    auto verifier = makeJwtVerifier(c, &error);
    if (!verifier) {
        qCCritical(lcConfig).noquote().nospace() << "event=config_error message=\"" << error << '"';
        return 2;
    }
    if (c.storageUrl.isEmpty() && !QDir().mkpath(c.dataDir)) {
        qCCritical(lcConfig).noquote().nospace()
                << "event=config_error message=\"cannot create data dir " << c.dataDir << '"';
        return 1;
    }
    const QString storageUrl = c.effectiveStorageUrl();
    std::unique_ptr<Storage> storage = Storage::open(storageUrl, &error);
    if (!storage) {
        qCCritical(lcGateway).noquote().nospace()
                << "event=storage_failed url=" << redactUrl(storageUrl) << " error=\"" << error
                << '"';
        return 1;
    }
    qCInfo(lcGateway).noquote().nospace() << "event=storage_open url=" << redactUrl(storageUrl);

    std::unique_ptr<RedisClusterLink> link;
    if (!c.redisUrl.isEmpty()) {
        link = makeClusterLink(c, &error);
        if (!link) {
            qCCritical(lcConfig).noquote().nospace()
                    << "event=config_error message=\"" << error << '"';
            return 2;
        }
        qCInfo(lcGateway).noquote().nospace()
                << "event=cluster_mode node=" << link->nodeId() << " redis=" << c.redisUrl;
    }
    // The hub before the gateway: the gateway's sessions report their close to the hub when
    // the gateway is destroyed.
    HubConfig hubConfig = c.hub;
    if (c.userPolicy == UserConnectionPolicy::NewestReplacesOldest)
        hubConfig.clusterConnectionsPerUser = c.maxConnectionsPerUser;
    Hub hub(storage.get(), hubConfig, nullptr, link.get());
    Gateway gateway(c, std::move(*verifier), storage.get(), &hub);
    gateway.metricsRegistry().callbackGauge(
            QStringLiteral("nebengjek_matcher_available_drivers"),
            QStringLiteral("Drivers on duty this node can match (in a cluster: the city's)."),
            [&hub] { return double(hub.availableDriverCount()); });
    if (link) {
        QObject::connect(link.get(), &ClusterLink::kickRequested, &gateway,
                         [&gateway](quint64 connection) { gateway.replaceConnection(connection); });
        observeClusterLink(gateway, link.get());
        link->start();
    }
    if (!gateway.start(&error)) {
        qCCritical(lcGateway).noquote().nospace()
                << "event=listen_failed address=" << c.listenAddress.toString()
                << " port=" << c.port << " error=\"" << error << '"';
        return 1;
    }
    SignalWatcher signalWatcher;
    GracefulShutdown shutdown(&gateway, storage.get(), c.shutdownTimeoutMs);
    QObject::connect(&signalWatcher, &SignalWatcher::signalReceived, &shutdown,
                     &GracefulShutdown::begin);
    QObject::connect(&shutdown, &GracefulShutdown::finished, qApp, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    return QCoreApplication::exec();
}

} // namespace

int serverMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nebengjek-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NEBENGJEK_VERSION));
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QLatin1String(kMessagePattern));

    const ConfigLoadResult loaded = ConfigLoader::load(QCoreApplication::arguments(),
                                                       QProcessEnvironment::systemEnvironment());
    switch (loaded.action) {
    case ConfigLoadResult::Action::ShowHelp:
        printTo(stdout, loaded.helpText);
        return 0;
    case ConfigLoadResult::Action::ShowVersion:
        printTo(stdout,
                QStringLiteral("nebengjek-server %1\n").arg(QLatin1String(NEBENGJEK_VERSION)));
        return 0;
    case ConfigLoadResult::Action::Fail:
        for (const QString &e : loaded.errors)
            printTo(stderr, QStringLiteral("nebengjek-server: %1\n").arg(e));
        printTo(stderr, QStringLiteral("Run nebengjek-server --help for the options.\n"));
        return 2;
    case ConfigLoadResult::Action::MintToken:
        return mintToken(loaded);
    case ConfigLoadResult::Action::Serve:
        break;
    }
    return serve(loaded);
}

} // namespace NebengJek::Server
