// SPDX-License-Identifier: MIT
#include "clusternodes.h"

#include <auth/tokenminter.h>
#include <config/serverconfig.h>
#include <protocol/role.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace NebengJek::Tests {

namespace {

constexpr int kStartTimeoutMs = 60000;

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

ClusterNodes::~ClusterNodes()
{
    stopAll();
}

bool ClusterNodes::start(int count, const QStringList &extraArguments, QString *error)
{
    if (!m_postgres.start(error))
        return false;
    m_storageUrl = m_postgres.createDatabase(QStringLiteral("nebengjek_cluster"), error);
    if (m_storageUrl.isEmpty())
        return false;
    if (!m_redis.start(error))
        return false;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=false"));
    env.insert(QStringLiteral("WS_JWT_SECRET"), QString::fromLatin1(kClusterSecret));
    for (int i = 0; i < count; ++i) {
        Node node;
        node.port = freePort();
        node.process = std::make_unique<QProcess>();
        node.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        node.process->setStandardOutputFile(QProcess::nullDevice());
        node.process->setProcessEnvironment(env);
        QStringList arguments {QStringLiteral("--listen"),      QStringLiteral("127.0.0.1"),
                               QStringLiteral("--port"),        QString::number(node.port),
                               QStringLiteral("--storage-url"), m_storageUrl,
                               QStringLiteral("--redis-url"),   m_redis.url(),
                               QStringLiteral("--node-id"),     nodeId(i)};
        node.process->start(m_binary, arguments + extraArguments);
        m_nodes.push_back(std::move(node));
    }
    for (int i = 0; i < count; ++i) {
        if (!m_nodes[size_t(i)].process->waitForStarted(kStartTimeoutMs)
            || !waitUntilListening(i, kStartTimeoutMs)) {
            *error = QStringLiteral("%1 did not come up (exit code %2)")
                             .arg(nodeId(i))
                             .arg(m_nodes[size_t(i)].process->exitCode());
            return false;
        }
    }
    return true;
}

bool ClusterNodes::isRunning(int node) const
{
    const auto &process = m_nodes[size_t(node)].process;
    return process && process->state() == QProcess::Running;
}

bool ClusterNodes::waitUntilListening(int node, int timeoutMs) const
{
    return QTest::qWaitFor(
                   [this, node] {
                       if (!isRunning(node))
                           return true;
                       QTcpSocket probe;
                       probe.connectToHost(QHostAddress::LocalHost, quint16(port(node)));
                       return probe.waitForConnected(200);
                   },
                   timeoutMs)
            && isRunning(node);
}

void ClusterNodes::kill(int node)
{
    auto &process = m_nodes[size_t(node)].process;
    if (!process)
        return;
    process->kill();
    process->waitForFinished(kStartTimeoutMs);
    process.reset();
}

void ClusterNodes::stopAll()
{
    for (Node &node : m_nodes) {
        if (!node.process)
            continue;
        node.process->terminate();
        if (!node.process->waitForFinished(kStartTimeoutMs))
            node.process->kill();
        node.process->waitForFinished(5000);
        node.process.reset();
    }
    m_redis.kill();
    m_postgres.stop();
}

QByteArray ClusterNodes::httpGet(int node, const QByteArray &path) const
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(port(node)));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray response;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
        response += socket.readAll();
    response += socket.readAll();
    const qsizetype body = response.indexOf("\r\n\r\n");
    return body < 0 ? QByteArray() : response.mid(body + 4);
}

QString ClusterNodes::healthStatus(int node) const
{
    return QJsonDocument::fromJson(httpGet(node, "/health"))
            .object()
            .value(QStringLiteral("status"))
            .toString();
}

double ClusterNodes::metric(int node, const QByteArray &name) const
{
    const QByteArray text = httpGet(node, "/metrics");
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).trimmed().toDouble();
    }
    return -1;
}

bool ClusterNodes::waitForMesh(int timeoutMs) const
{
    int running = 0;
    for (int i = 0; i < size(); ++i)
        running += isRunning(i) ? 1 : 0;
    return QTest::qWaitFor(
            [&] {
                for (int i = 0; i < size(); ++i) {
                    if (isRunning(i) && metric(i, "nebengjek_cluster_nodes") != running)
                        return false;
                }
                return true;
            },
            timeoutMs);
}

QByteArray ClusterNodes::token(const QString &userId, const QString &role)
{
    Server::TokenSpec spec;
    spec.userId = userId;
    spec.role =
            role == QLatin1String("driver") ? Protocol::Role::Driver : Protocol::Role::Passenger;
    const Server::ServerConfig defaults; // the nodes run with the default issuer and audience
    spec.issuer = defaults.jwtIssuer;
    spec.audience = defaults.jwtAudience;
    return Server::TokenMinter::signHs256(Server::TokenMinter::claimsFor(spec), kClusterSecret);
}

} // namespace NebengJek::Tests
