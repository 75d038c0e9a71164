// SPDX-License-Identifier: MIT
// The cluster's parts without services: the Redis URL, and the configuration rules of cluster
// mode (a shared PostgreSQL is required, node ids are single words).
#include <cluster/redisurl.h>
#include <config/configloader.h>

#include <QTest>

using namespace NebengJek::Server;

class TestClusterParts : public QObject
{
    Q_OBJECT

private slots:
    void redisUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("db");
        QTest::newRow("full") << QStringLiteral("redis://10.0.0.5:6380/2") << true
                              << QStringLiteral("10.0.0.5") << 6380 << 2;
        QTest::newRow("defaults") << QStringLiteral("redis://cache.internal") << true
                                  << QStringLiteral("cache.internal") << 6379 << 0;
        QTest::newRow("slash only")
                << QStringLiteral("redis://h/") << true << QStringLiteral("h") << 6379 << 0;
        QTest::newRow("wrong scheme")
                << QStringLiteral("http://h:6379/0") << false << QStringLiteral("") << 0 << 0;
        QTest::newRow("no host") << QStringLiteral("redis:///0") << false << QStringLiteral("") << 0
                                 << 0;
        QTest::newRow("db out of range")
                << QStringLiteral("redis://h/16") << false << QStringLiteral("") << 0 << 0;
        QTest::newRow("db not a number")
                << QStringLiteral("redis://h/x") << false << QStringLiteral("") << 0 << 0;
        QTest::newRow("password") << QStringLiteral("redis://:secret@h/0") << false
                                  << QStringLiteral("") << 0 << 0;
    }
    void redisUrl()
    {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        QString error;
        const auto parsed = RedisUrl::parse(url, &error);
        QCOMPARE(parsed.has_value(), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(int, db);
        QCOMPARE(parsed->host, host);
        QCOMPARE(int(parsed->port), port);
        QCOMPARE(parsed->database, db);
    }

    void clusterModeNeedsPostgres()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("WS_JWT_SECRET"),
                   QStringLiteral("0123456789abcdef0123456789abcdef"));
        env.insert(QStringLiteral("WS_REDIS_URL"), QStringLiteral("redis://127.0.0.1:6379/0"));
        const ConfigLoadResult sqlite =
                ConfigLoader::load({QStringLiteral("nebengjek-server")}, env);
        QCOMPARE(sqlite.action, ConfigLoadResult::Action::Fail);
        QVERIFY(sqlite.errors.join(QLatin1Char(' ')).contains(QLatin1String("postgresql")));

        env.insert(QStringLiteral("WS_STORAGE_URL"), QStringLiteral("postgresql://u@db/x"));
        const ConfigLoadResult postgres =
                ConfigLoader::load({QStringLiteral("nebengjek-server"), QStringLiteral("--node-id"),
                                    QStringLiteral("node-a")},
                                   env);
        QCOMPARE(postgres.action, ConfigLoadResult::Action::Serve);
        QCOMPARE(postgres.config.redisUrl, QStringLiteral("redis://127.0.0.1:6379/0"));
        QCOMPARE(postgres.config.nodeId, QStringLiteral("node-a"));

        const ConfigLoadResult badNode =
                ConfigLoader::load({QStringLiteral("nebengjek-server"), QStringLiteral("--node-id"),
                                    QStringLiteral("node a")},
                                   env);
        QCOMPARE(badNode.action, ConfigLoadResult::Action::Fail);
    }
};

QTEST_GUILESS_MAIN(TestClusterParts)
#include "tst_cluster_parts.moc"
