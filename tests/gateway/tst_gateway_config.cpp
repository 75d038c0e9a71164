// SPDX-License-Identifier: MIT
// ConfigLoader: defaults, precedence (flags > environment > config file > defaults), JSON and
// INI files, value syntax, errors, --help coverage, the token sub-command.
#include <config/configloader.h>
#include <config/configvalue.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace NebengJek::Server;
using Action = ConfigLoadResult::Action;

namespace {
const QString kSecret = QStringLiteral("config-test-secret-0123456789-abcdef");

ConfigLoadResult load(QStringList args, const QProcessEnvironment &env = {})
{
    args.prepend(QStringLiteral("nebengjek-server"));
    return ConfigLoader::load(args, env);
}

QProcessEnvironment envWith(std::initializer_list<std::pair<const char *, const char *>> vars)
{
    QProcessEnvironment env;
    for (const auto &[k, v] : vars)
        env.insert(QLatin1String(k), QLatin1String(v));
    return env;
}
} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private slots:
    void devDefaults()
    {
        const ConfigLoadResult r = load({QStringLiteral("--dev")});
        QCOMPARE(r.action, Action::Serve);
        QCOMPARE(r.config.listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(r.config.port, quint16(8080));
        QCOMPARE(r.config.dataDir, QStringLiteral("./var"));
        QVERIFY(r.config.effectiveStorageUrl().startsWith(QLatin1String("sqlite:///")));
        QVERIFY(r.config.effectiveStorageUrl().endsWith(QLatin1String("/var/nebengjek.db")));
        QCOMPARE(r.config.jwtSecret, ConfigLoader::devJwtSecret());
        QCOMPARE(r.config.jwtLeewaySeconds, 30);
        // The dev secret is announced, never printed.
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings.constFirst().contains(QLatin1String("dev")));
        QVERIFY(!r.warnings.constFirst().contains(
                QString::fromLatin1(ConfigLoader::devJwtSecret())));
        for (const QString &s : r.effectiveSettings)
            QVERIFY(!s.contains(QString::fromLatin1(ConfigLoader::devJwtSecret())));
    }

    void secretRequiredOutsideDevMode()
    {
        const ConfigLoadResult r = load({});
        QCOMPARE(r.action, Action::Fail);
        QVERIFY(r.errors.join(QLatin1Char(' ')).contains(QLatin1String("WS_JWT_SECRET")));
        const ConfigLoadResult weak = load({}, envWith({{"WS_JWT_SECRET", "short"}}));
        QCOMPARE(weak.action, Action::Fail);
        QVERIFY(!weak.errors.join(QLatin1Char(' ')).contains(QLatin1String("short")));
    }

    void precedence()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("server.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"port\": 7001, \"max-connections\": 11, \"max_connections_per_ip\": 12, "
                "\"ping-interval\": \"7s\", "
                "\"allowed-origins\": [\"https://a.example\", \"https://b.example\"], "
                "\"jwt-secret\": \"file-secret-0123456789-0123456789-xx\"}");
        f.close();
        const auto env = envWith({{"WS_PORT", "7002"},
                                  {"WS_MAX_CONNECTIONS", "21"},
                                  {"WS_JWT_SECRET", "env-secret-0123456789-0123456789-xxx"}});
        // file only
        ConfigLoadResult r = load({QStringLiteral("--config"), file});
        QCOMPARE(r.action, Action::Serve);
        QCOMPARE(r.config.port, quint16(7001));
        QCOMPARE(r.config.maxConnections, 11);
        QCOMPARE(r.config.maxConnectionsPerIp, 12);
        QCOMPARE(r.config.pingIntervalMs, 7000);
        QCOMPARE(r.config.allowedOrigins,
                 QStringList({QStringLiteral("https://a.example"),
                              QStringLiteral("https://b.example")}));
        QCOMPARE(r.config.jwtSecret, QByteArray("file-secret-0123456789-0123456789-xx"));
        // env beats file
        r = load({QStringLiteral("--config"), file}, env);
        QCOMPARE(r.config.port, quint16(7002));
        QCOMPARE(r.config.maxConnections, 21);
        QCOMPARE(r.config.maxConnectionsPerIp, 12);
        QCOMPARE(r.config.jwtSecret, QByteArray("env-secret-0123456789-0123456789-xxx"));
        // flags beat env
        r = load({QStringLiteral("--config"), file, QStringLiteral("--port"),
                  QStringLiteral("7003")},
                 env);
        QCOMPARE(r.config.port, quint16(7003));
        QCOMPARE(r.config.maxConnections, 21);
        QVERIFY(r.effectiveSettings.contains(QStringLiteral("port=7003 source=--port")));
        QVERIFY(r.effectiveSettings.contains(
                QStringLiteral("max-connections=21 source=WS_MAX_CONNECTIONS")));
        QVERIFY(r.effectiveSettings.contains(
                QStringLiteral("jwt-secret=(set) source=WS_JWT_SECRET")));
        // WS_CONFIG names the file too
        r = load({}, envWith({{"WS_CONFIG", qPrintable(file)}}));
        QCOMPARE(r.config.port, quint16(7001));
    }

    void iniFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("server.conf"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("listen = 0.0.0.0:9100\nuser-policy = limit\nmax-message-size = 32KiB\n"
                "dev = true\n");
        f.close();
        const ConfigLoadResult r = load({QStringLiteral("--config"), file});
        QCOMPARE(r.action, Action::Serve);
        QCOMPARE(r.config.listenAddress, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(r.config.port, quint16(9100));
        QCOMPARE(r.config.userPolicy, UserConnectionPolicy::LimitDevices);
        QCOMPARE(r.config.maxMessageSize, qint64(32 * 1024));
        QCOMPARE(r.config.maxFrameSize, qint64(32 * 1024)); // capped at the message size
        QVERIFY(r.config.devMode);
        QCOMPARE(r.warnings.size(), 2); // dev secret + dev on a non-loopback address
    }

    void errors()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("bad.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"max-conections\": 5}");
        f.close();
        ConfigLoadResult r = load({QStringLiteral("--dev"), QStringLiteral("--config"), file});
        QCOMPARE(r.action, Action::Fail);
        QVERIFY(r.errors.join(QLatin1Char(' ')).contains(QLatin1String("max-conections")));

        r = load({QStringLiteral("--dev"), QStringLiteral("--port"), QStringLiteral("99999")});
        QCOMPARE(r.action, Action::Fail);
        r = load({QStringLiteral("--dev")}, envWith({{"WS_PING_INTERVAL", "soon"}}));
        QCOMPARE(r.action, Action::Fail);
        QVERIFY(r.errors.join(QLatin1Char(' ')).contains(QLatin1String("WS_PING_INTERVAL")));
        r = load({QStringLiteral("--dev"), QStringLiteral("--ping-interval"), QStringLiteral("2m"),
                  QStringLiteral("--stale-timeout"), QStringLiteral("1m")});
        QCOMPARE(r.action, Action::Fail);
        r = load({QStringLiteral("--dev"), QStringLiteral("--no-such-flag")});
        QCOMPARE(r.action, Action::Fail);
        r = load({QStringLiteral("--dev"), QStringLiteral("--user-id"), QStringLiteral("u")});
        QCOMPARE(r.action, Action::Fail); // token options outside the token command
    }

    void valueSyntax()
    {
        QCOMPARE(parseDurationMs(QStringLiteral("250ms")).value_or(-1), qint64(250));
        QCOMPARE(parseDurationMs(QStringLiteral("30s")).value_or(-1), qint64(30000));
        QCOMPARE(parseDurationMs(QStringLiteral("5m")).value_or(-1), qint64(300000));
        QCOMPARE(parseDurationMs(QStringLiteral("1h")).value_or(-1), qint64(3600000));
        QCOMPARE(parseDurationMs(QStringLiteral("2")).value_or(-1), qint64(2000));
        QCOMPARE(parseDurationMs(QStringLiteral("0.5")).value_or(-1), qint64(500));
        QVERIFY(!parseDurationMs(QStringLiteral("-1s")));
        QVERIFY(!parseDurationMs(QStringLiteral("abc")));
        QCOMPARE(parseByteSize(QStringLiteral("64KiB")).value_or(-1), qint64(65536));
        QCOMPARE(parseByteSize(QStringLiteral("1M")).value_or(-1), qint64(1048576));
        QCOMPARE(parseByteSize(QStringLiteral("100")).value_or(-1), qint64(100));
        QVERIFY(!parseByteSize(QStringLiteral("lots")));
        QCOMPARE(parseBool(QStringLiteral("yes")), std::optional<bool>(true));
        QCOMPARE(parseBool(QStringLiteral("0")), std::optional<bool>(false));
        const auto v6 = parseListen(QStringLiteral("[::1]:9000"));
        QVERIFY(v6);
        QCOMPARE(v6->address, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(v6->port.value_or(0), quint16(9000));
        QCOMPARE(parseListen(QStringLiteral("localhost"))->address,
                 QHostAddress(QHostAddress::LocalHost));
        QVERIFY(!parseListen(QStringLiteral("not an address")));
    }

    void helpDocumentsEveryOption()
    {
        const ConfigLoadResult r = load({QStringLiteral("--help")});
        QCOMPARE(r.action, Action::ShowHelp);
        const QStringList expected = {QStringLiteral("--listen"),
                                      QStringLiteral("WS_LISTEN"),
                                      QStringLiteral("--port"),
                                      QStringLiteral("WS_PORT"),
                                      QStringLiteral("--data-dir"),
                                      QStringLiteral("WS_DATA_DIR"),
                                      QStringLiteral("--jwt-secret"),
                                      QStringLiteral("WS_JWT_SECRET"),
                                      QStringLiteral("--jwt-public-key"),
                                      QStringLiteral("--dev"),
                                      QStringLiteral("WS_MAX_CONNECTIONS"),
                                      QStringLiteral("WS_MAX_MESSAGE_SIZE"),
                                      QStringLiteral("WS_PING_INTERVAL"),
                                      QStringLiteral("WS_HANDSHAKE_TIMEOUT"),
                                      QStringLiteral("WS_ALLOWED_ORIGINS"),
                                      QStringLiteral("--user-policy"),
                                      QStringLiteral("--rate-limit"),
                                      QStringLiteral("--shutdown-timeout"),
                                      QStringLiteral("--config"),
                                      QStringLiteral("token"),
                                      QStringLiteral("--user-id"),
                                      QStringLiteral("--role"),
                                      QStringLiteral("--ttl")};
        for (const QString &word : expected)
            QVERIFY2(r.helpText.contains(word), qPrintable(word));
        // Every setting listed in effectiveSettings appears in the help.
        const ConfigLoadResult dev = load({QStringLiteral("--dev")});
        for (const QString &setting : dev.effectiveSettings) {
            const QString flag =
                    QStringLiteral("--") + setting.left(setting.indexOf(QLatin1Char('=')));
            QVERIFY2(r.helpText.contains(flag), qPrintable(flag));
        }
    }

    void tokenCommand()
    {
        ConfigLoadResult r =
                load({QStringLiteral("token"), QStringLiteral("--dev"), QStringLiteral("--user-id"),
                      QStringLiteral("driver-7"), QStringLiteral("--role"),
                      QStringLiteral("driver"), QStringLiteral("--ttl"), QStringLiteral("60")});
        QCOMPARE(r.action, Action::MintToken);
        QCOMPARE(r.token.userId, QStringLiteral("driver-7"));
        QCOMPARE(r.token.role, NebengJek::Protocol::Role::Driver);
        QCOMPARE(r.token.ttlSeconds, qint64(60));
        r = load({QStringLiteral("--dev"), QStringLiteral("token"), QStringLiteral("--user-id"),
                  QStringLiteral("p-1"), QStringLiteral("--role"), QStringLiteral("passenger")});
        QCOMPARE(r.action, Action::MintToken); // the command may follow options
        QCOMPARE(load({QStringLiteral("--dev"), QStringLiteral("serve")}).action, Action::Fail);
        r = load({QStringLiteral("token"), QStringLiteral("--dev"), QStringLiteral("--role"),
                  QStringLiteral("pilot")});
        QCOMPARE(r.action, Action::Fail);
        QCOMPARE(r.errors.size(), 2); // no user id, bad role
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_gateway_config.moc"
