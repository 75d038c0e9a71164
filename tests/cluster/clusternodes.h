// SPDX-License-Identifier: MIT
// A cluster for tests: real PostgreSQL and redis-server fixtures and N real nebengjek-server
// processes on free ports, all on one database and one Redis; plus the HTTP probes (/health,
// /metrics) and the token minting the tests need.
#pragma once

#include "postgresfixture.h"
#include "redisfixture.h"

#include <QProcess>
#include <QStringList>

#include <memory>
#include <vector>

namespace NebengJek::Tests {

// Long enough for HS256 outside dev mode; only ever used by these tests.
inline const QByteArray kClusterSecret = QByteArrayLiteral("cluster-tests-secret-0123456789abcdef");

class ClusterNodes
{
public:
    explicit ClusterNodes(QString binary)
        : m_binary(std::move(binary))
    { }
    ~ClusterNodes();

    // PostgreSQL, Redis and `count` nodes started at once (they migrate the empty database
    // concurrently). `extraArguments` go to every node.
    bool start(int count, const QStringList &extraArguments, QString *error);

    int size() const { return int(m_nodes.size()); }
    int port(int node) const { return m_nodes[size_t(node)].port; }
    QString nodeId(int node) const { return QStringLiteral("node-%1").arg(node + 1); }
    bool isRunning(int node) const;
    void kill(int node); // SIGKILL: nothing is flushed, no goodbye to the other nodes
    void stopAll();

    RedisServer &redis() { return m_redis; }
    PostgresServer &postgres() { return m_postgres; }
    QString storageUrl() const { return m_storageUrl; }

    // GET path over plain HTTP: the body, empty on failure.
    QByteArray httpGet(int node, const QByteArray &path) const;
    // The overall status of /health ("Healthy", "Degraded", ...); empty when unreachable. Not
    // a substring test: each check in the body has a status of its own.
    QString healthStatus(int node) const;
    // A gauge's value from /metrics; -1 when missing.
    double metric(int node, const QByteArray &name) const;
    // Waits until every running node hears all the others.
    bool waitForMesh(int timeoutMs) const;

    static QByteArray token(const QString &userId, const QString &role);

private:
    struct Node
    {
        int port = 0;
        std::unique_ptr<QProcess> process;
    };
    bool waitUntilListening(int node, int timeoutMs) const;

    QString m_binary;
    PostgresServer m_postgres;
    RedisServer m_redis;
    QString m_storageUrl;
    std::vector<Node> m_nodes;
};

} // namespace NebengJek::Tests
