// SPDX-License-Identifier: MIT
// The real nebengjek-server executable as a child process: --help, the token sub-command,
// configuration errors, SIGTERM drain (every client sees 4000, exit 0 before the deadline), an
// oversized frame closed with 1009 and a control-ping flood closed with 4008 while the server's
// memory stays flat, and upgrade attempts abandoned while the server was stopped (SIGSTOP) that
// must not evict the live connection.
#include "gatewaytestkit.h"

#include <auth/verifierfactory.h>
#include <config/configloader.h>
#include <protocol/closecode.h>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <csignal>

using namespace TestKit;
namespace CloseCode = NebengJek::Protocol::CloseCode;

namespace {
#if defined(__SANITIZE_THREAD__)
// ThreadSanitizer's shadow memory (4 bytes and more per byte the server touches, its allocator
// keeping freed blocks) counts in the RSS, and the server runs several times slower: memory
// bounds are scaled (a server that kept what it was flooded with, tens of MiB times the shadow,
// would still be far above them) and a client after a flood waits longer.
constexpr qint64 kRssScale = 16;
constexpr int kSlowdown = 4;
#else
constexpr qint64 kRssScale = 1;
constexpr int kSlowdown = 1;
#endif
const QString kServer = QStringLiteral(NEBENGJEK_SERVER_EXECUTABLE);

QByteArray devToken(const QString &userId, Role role = Role::Passenger)
{
    TokenSpec spec;
    spec.userId = userId;
    spec.role = role;
    spec.issuer = QStringLiteral("nebengjek");
    spec.audience = QStringLiteral("nebengjek-realtime");
    return TokenMinter::signHs256(TokenMinter::claimsFor(spec), ConfigLoader::devJwtSecret());
}

qint64 rssKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// A running server: started with --dev on a free port, its stderr collected.
class ServerProcess
{
public:
    explicit ServerProcess(const QStringList &extraArgs = {})
    {
        process.setProgram(kServer);
        // No overload shedding unless a test asks: a stall of the loaded test machine must not
        // refuse the clients.
        process.setArguments(QStringList {QStringLiteral("--dev"), QStringLiteral("--port"),
                                          QStringLiteral("0"), QStringLiteral("--data-dir"),
                                          dir.path(), QStringLiteral("--shed-lag"),
                                          QStringLiteral("0")}
                             + extraArgs);
        QObject::connect(&process, &QProcess::readyReadStandardError,
                         [this] { log += process.readAllStandardError(); });
#if defined(__SANITIZE_ADDRESS__)
        // The memory-bound tests measure the server's RSS: AddressSanitizer's quarantine would
        // keep every freed buffer (up to 256 MB) out of reuse and hide what the server holds.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
        env.insert(QStringLiteral("ASAN_OPTIONS"),
                   (asan.isEmpty() ? QString() : asan + QLatin1Char(':'))
                           + QStringLiteral("quarantine_size_mb=0"));
        process.setProcessEnvironment(env);
#endif
        process.start();
    }
    ~ServerProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    // Waits for the "event=listening ... port=N" line.
    bool waitListening()
    {
        static const QRegularExpression re(QStringLiteral("event=listening .*port=(\\d+)"));
        return QTest::qWaitFor(
                       [this] {
                           const auto m = re.match(QString::fromUtf8(log));
                           if (m.hasMatch())
                               port = quint16(m.captured(1).toUInt());
                           return port != 0 || process.state() == QProcess::NotRunning;
                       },
                       kWait)
                && port != 0;
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));
    }

    QTemporaryDir dir;
    QProcess process;
    QByteArray log;
    quint16 port = 0;
};

struct RunResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

RunResult run(const QStringList &args)
{
    QProcess p;
    p.start(kServer, args);
    p.waitForFinished(kWait);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}
} // namespace

class TestServerProcess : public QObject
{
    Q_OBJECT

private slots:
    void helpDocumentsOptions()
    {
        const RunResult r = run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *word :
             {"--listen", "WS_LISTEN", "--port", "WS_PORT", "--dev", "--config", "WS_JWT_SECRET",
              "WS_MAX_CONNECTIONS", "--shutdown-timeout", "token"})
            QVERIFY2(r.out.contains(word), word);
    }

    void tokenSubcommandPrintsOnlyTheToken()
    {
        const RunResult r =
                run({QStringLiteral("token"), QStringLiteral("--dev"), QStringLiteral("--user-id"),
                     QStringLiteral("u-9"), QStringLiteral("--role"), QStringLiteral("driver"),
                     QStringLiteral("--ttl"), QStringLiteral("120")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.endsWith('\n'));
        const QByteArray minted = r.out.trimmed();
        QCOMPARE(minted.count('\n'), 0);
        QCOMPARE(minted.count('.'), 2);
        ServerConfig config;
        config.jwtSecret = ConfigLoader::devJwtSecret();
        QString error;
        const auto verifier = makeJwtVerifier(config, &error);
        QVERIFY(verifier);
        const JwtResult v = verifier->verify(minted, QDateTime::currentMSecsSinceEpoch());
        QVERIFY(v.ok());
        QCOMPARE(v.claims->userId, QStringLiteral("u-9"));
        QCOMPARE(v.claims->role, Role::Driver);
        QVERIFY(qAbs(v.claims->expiresAtMs - QDateTime::currentMSecsSinceEpoch() - 120000) < 10000);
        // Without a secret (and without --dev) there is nothing to sign with.
        QCOMPARE(run({QStringLiteral("token"), QStringLiteral("--user-id"), QStringLiteral("u"),
                      QStringLiteral("--role"), QStringLiteral("driver")})
                         .exitCode,
                 2);
    }

    void badConfigurationExits2()
    {
        const RunResult r = run({QStringLiteral("--port"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("WS_JWT_SECRET"));
        QCOMPARE(run({QStringLiteral("--dev"), QStringLiteral("--max-connections"),
                      QStringLiteral("none")})
                         .exitCode,
                 2);
    }

    void sigtermDrainsAndExitsZero()
    {
        // A client that does not answer the close frame is aborted after the close timeout.
        ServerProcess server({QStringLiteral("--shutdown-timeout"), QStringLiteral("5s"),
                              QStringLiteral("--close-timeout"), QStringLiteral("1s")});
        QVERIFY2(server.waitListening(), server.log.constData());

        std::vector<std::unique_ptr<WsClient>> clients;
        for (int i = 0; i < 5; ++i) {
            auto c = std::make_unique<WsClient>();
            c->open(server.url(),
                    {{"Authorization",
                      bearer(devToken(QStringLiteral("drain-%1").arg(i),
                                      i % 2 ? Role::Driver : Role::Passenger))}});
            clients.push_back(std::move(c));
        }
        for (auto &c : clients)
            QVERIFY(c->waitFor(QStringLiteral("auth_success")));
        auto unauthenticated = std::make_unique<WsClient>(); // still inside its auth deadline
        unauthenticated->open(server.url());
        QVERIFY(unauthenticated->waitConnected());
        RawWsClient idle; // a client that is not reading when the shutdown comes
        QVERIFY(idle.open(server.port,
                          {{"Authorization", bearer(devToken(QStringLiteral("idle")))}}));
        idle.stopReading();

        QElapsedTimer elapsed;
        elapsed.start();
        server.process.terminate(); // SIGTERM
        QVERIFY(QTest::qWaitFor([&] { return server.process.state() == QProcess::NotRunning; },
                                kWait));
        const qint64 tookMs = elapsed.elapsed();
        QCOMPARE(server.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process.exitCode(), 0);
        QVERIFY2(tookMs < 5000, qPrintable(QString::number(tookMs))); // before the drain deadline

        for (auto &c : clients) {
            QVERIFY(c->waitDisconnected());
            QCOMPARE(c->closeCode, CloseCode::ServerRestart);
        }
        QVERIFY(unauthenticated->waitDisconnected());
        QCOMPARE(unauthenticated->closeCode, CloseCode::ServerRestart);
        idle.reading = true;
        idle.socket.setReadBufferSize(0);
        QVERIFY(QTest::qWaitFor(
                [&] {
                    idle.received += idle.socket.readAll();
                    return idle.closeCode().has_value();
                },
                kWait));
        QCOMPARE(*idle.closeCode(), CloseCode::ServerRestart);

        server.log += server.process.readAllStandardError();
        QVERIFY2(server.log.contains("event=shutdown_requested signal=SIGTERM"),
                 server.log.constData());
        QVERIFY2(server.log.contains("event=shutdown_complete drained=true"),
                 server.log.constData());
        // Nothing that looks like a token in the log.
        QVERIFY(!server.log.contains(devToken(QStringLiteral("idle")).left(40)));
    }

    void oversizedFrameClosedWithFlatMemory()
    {
        ServerProcess server({QStringLiteral("--max-message-size"), QStringLiteral("64KiB")});
        QVERIFY2(server.waitListening(), server.log.constData());
        RawWsClient attacker;
        QVERIFY(attacker.open(server.port,
                              {{"Authorization", bearer(devToken(QStringLiteral("big")))}}));
        QTest::qWait(200);
        const qint64 before = rssKb(server.process.processId());
        QVERIFY(before > 0);

        // Declare a 1 GiB text frame, then stream up to 16 MiB of it.
        attacker.socket.write(RawWsClient::frameHeader(0x1, quint64(1) << 30));
        const QByteArray chunk(64 * 1024, 'x');
        qint64 sent = 0;
        while (sent < 16 * 1024 * 1024 && attacker.socket.state() == QAbstractSocket::ConnectedState
               && !attacker.closeCode()) {
            if (attacker.socket.bytesToWrite() < 512 * 1024) {
                attacker.socket.write(chunk);
                sent += chunk.size();
            }
            QTest::qWait(1);
        }
        QVERIFY(QTest::qWaitFor(
                [&] { return attacker.closeCode().has_value() || attacker.disconnected; }, kWait));
        QVERIFY(attacker.closeCode().has_value());
        QCOMPARE(*attacker.closeCode(), CloseCode::MessageTooBig);
        const qint64 after = rssKb(server.process.processId());
        QVERIFY2(after - before < 4096 * kRssScale,
                 qPrintable(QStringLiteral("RSS %1 kB -> %2 kB").arg(before).arg(after)));

        // Still healthy, still serving.
        WsClient next;
        next.open(server.url(), {{"Authorization", bearer(devToken(QStringLiteral("next")))}});
        QVERIFY(next.waitFor(QStringLiteral("auth_success")));
        const HttpResult health = rawRequest(server.port, getRequest("/health"));
        QCOMPARE(health.status, 200);
    }

    void controlPingFloodKeepsMemoryFlat()
    {
        ServerProcess server;
        QVERIFY2(server.waitListening(), server.log.constData());
        constexpr int kFlooders = 4;
        std::vector<std::unique_ptr<RawWsClient>> flooders;
        for (int i = 0; i < kFlooders; ++i) {
            auto c = std::make_unique<RawWsClient>();
            QVERIFY(c->open(
                    server.port,
                    {{"Authorization", bearer(devToken(QStringLiteral("flood-%1").arg(i)))}}));
            flooders.push_back(std::move(c));
        }
        QTest::qWait(200);
        const qint64 before = rssKb(server.process.processId());
        QVERIFY(before > 0);
        for (auto &c : flooders)
            c->stopReading();

        // Pings as fast as the sockets take them, never reading, for 1.5 s (within the close
        // timeout, so the server is still in its closing handshake and has not reset us).
        const QByteArray ping = RawWsClient::maskedFrame(0x9, QByteArray(125, 'p'));
        QByteArray chunk;
        while (chunk.size() < 64 * 1024)
            chunk += ping;
        QElapsedTimer elapsed;
        elapsed.start();
        qint64 peak = before;
        qint64 sent = 0;
        while (elapsed.elapsed() < 1500) {
            for (auto &c : flooders) {
                if (c->socket.bytesToWrite() < 256 * 1024) {
                    c->socket.write(chunk);
                    sent += chunk.size();
                }
            }
            QTest::qWait(1);
            peak = qMax(peak, rssKb(server.process.processId()));
        }
        qInfo("sent %lld MiB of pings; server RSS %lld kB -> peak %lld kB", sent >> 20, before,
              peak);
        QVERIFY(sent > 8 * 1024 * 1024);
        QVERIFY2(peak - before < 8192 * kRssScale,
                 qPrintable(QStringLiteral("RSS %1 kB -> %2 kB").arg(before).arg(peak)));
        for (auto &c : flooders) {
            c->startReading();
            QVERIFY(c->waitForClose());
            QCOMPARE(*c->closeCode(), CloseCode::RateLimited);
            QVERIFY(c->countFrames(0xA) <= 60); // pongs: the bucket's worth, not one per ping
        }
        // Still healthy, still serving.
        WsClient next;
        next.open(server.url(), {{"Authorization", bearer(devToken(QStringLiteral("next")))}});
        QVERIFY(next.waitFor(QStringLiteral("auth_success"), {}, kWait * kSlowdown));
    }

    void abandonedUpgradesWhileStoppedDoNotEvictTheLiveOne()
    {
        // Shedding off: after the stop the server would rightly refuse upgrades with 503 for a
        // moment (its event loop was behind); this test is about the abandoned attempts.
        ServerProcess server({QStringLiteral("--max-connections-per-user"), QStringLiteral("1"),
                              QStringLiteral("--shed-lag"), QStringLiteral("0")});
        QVERIFY2(server.waitListening(), server.log.constData());
        const qint64 pid = server.process.processId();
        for (int round = 0; round < 3; ++round) {
            const QByteArray userToken = devToken(QStringLiteral("stopped-%1").arg(round));
            // The server stops (an overloaded machine, a stop signal); the client gives up on
            // four upgrade attempts after 300 ms each, and its fifth one is still waiting when
            // the server continues.
            QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
            for (int i = 0; i < 4; ++i) {
                QTcpSocket attempt;
                attempt.connectToHost(QHostAddress::LocalHost, server.port);
                QVERIFY(attempt.waitForConnected(kWait));
                attempt.write(upgradeRequest("/ws", {{"Authorization", bearer(userToken)}}));
                QVERIFY(attempt.waitForBytesWritten(kWait));
                QTest::qWait(300);
                attempt.close();
            }
            RawWsClient live;
            live.socket.connectToHost(QHostAddress::LocalHost, server.port);
            QVERIFY(live.socket.waitForConnected(kWait));
            live.socket.write(upgradeRequest("/ws", {{"Authorization", bearer(userToken)}}));
            QVERIFY(live.socket.waitForBytesWritten(kWait));
            QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);

            QVERIFY(QTest::qWaitFor([&] { return live.received.contains("\r\n\r\n"); }, kWait));
            QVERIFY2(live.received.startsWith("HTTP/1.1 101"), live.received.constData());
            live.received.remove(0, live.received.indexOf("\r\n\r\n") + 4);
            QVERIFY(QTest::qWaitFor(
                    [&] { return live.countMessages(QStringLiteral("auth_success")) == 1; },
                    kWait));
            // Positive marker: a reply to a later message, and no close frame before it.
            live.sendJson(message(QStringLiteral("ping"), {}, QStringLiteral("after")));
            QVERIFY(QTest::qWaitFor([&] { return live.countMessages(QStringLiteral("pong")) == 1; },
                                    kWait));
            QVERIFY2(!live.closeCode().has_value(),
                     qPrintable(QString::number(live.closeCode().value_or(0))));
        }
        server.log += server.process.readAllStandardError();
        QVERIFY2(!server.log.contains("event=session_replaced"), server.log.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_gateway_process.moc"
