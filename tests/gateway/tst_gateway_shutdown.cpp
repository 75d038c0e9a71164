// SPDX-License-Identifier: MIT
// Graceful shutdown in-process: frames queued before the shutdown reach the client before its
// close (4000), a client that does not read is aborted at the drain deadline, nothing new is
// accepted, and GracefulShutdown flushes storage and finishes with exit code 0.
#include "gatewaytestkit.h"

#include <gateway/shutdown.h>
#include <protocol/closecode.h>

#include <QSignalSpy>

#include <csignal>

using namespace TestKit;
namespace CloseCode = NebengJek::Protocol::CloseCode;

class TestShutdown : public QObject
{
    Q_OBJECT

private slots:
    void queuedFramesArriveBeforeTheClose()
    {
        TestServer server;
        QVERIFY(server.ok());
        QSignalSpy opened(server.gateway.get(), &Gateway::sessionOpened);
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("drain")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        QVERIFY(QTest::qWaitFor([&] { return opened.size() == 1; }, kWait));
        const ConnectionId id = opened.at(0).at(0).value<ConnectionId>();
        QSignalSpy drained(server.gateway.get(), &Gateway::drained);

        // Queue frames and shut down in the same event-loop turn.
        for (int i = 0; i < 50; ++i) {
            server.gateway->send(id,
                                 QStringLiteral("{\"payload\":{\"n\":%1},\"type\":\"room.event\"}")
                                         .arg(i)
                                         .toUtf8());
        }
        server.gateway->beginShutdown(5000);
        QCOMPARE(server.gateway->health().status, HealthStatus::Unhealthy);

        QVERIFY(client.waitDisconnected());
        QCOMPARE(client.closeCode, CloseCode::ServerRestart);
        int received = 0;
        for (const QJsonObject &m : std::as_const(client.messages)) {
            if (m.value(QStringLiteral("type")).toString() == QLatin1String("room.event")) {
                QCOMPARE(m.value(QStringLiteral("payload"))
                                 .toObject()
                                 .value(QStringLiteral("n"))
                                 .toInt(),
                         received);
                ++received;
            }
        }
        QCOMPARE(received, 50);
        QVERIFY(QTest::qWaitFor([&] { return drained.size() == 1; }, kWait));

        // Not accepting any more.
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(QTest::qWaitFor([&] { return late.state() == QAbstractSocket::UnconnectedState; },
                                kWait));
    }

    void stuckClientAbortedAtTheDeadline()
    {
        ServerConfig config = testConfig();
        config.maxOutboundBytes = 64 * 1024 * 1024; // so it is the drain deadline that ends it
        TestServer server(config);
        QVERIFY(server.ok());
        QSignalSpy opened(server.gateway.get(), &Gateway::sessionOpened);
        RawWsClient stuck;
        QVERIFY(stuck.open(server.port(),
                           {{"Authorization", bearer(token(QStringLiteral("stuck")))}}));
        stuck.stopReading();
        QVERIFY(QTest::qWaitFor([&] { return opened.size() == 1; }, kWait));
        const ConnectionId id = opened.at(0).at(0).value<ConnectionId>();
        // Fill the pipe until the server holds data it cannot send.
        const QByteArray frame = "{\"payload\":{\"blob\":\"" + QByteArray(64 * 1024, 'q')
                + "\"},\"type\":\"room.event\"}";
        for (int i = 0; i < 200; ++i) {
            server.gateway->send(id, frame);
            QTest::qWait(1);
        }
        const QByteArray metrics = server.gateway->metricsRegistry().exposition();
        QVERIFY(!metrics.contains("nebengjek_outbound_queued_bytes 0\n"));

        QSignalSpy drained(server.gateway.get(), &Gateway::drained);
        QElapsedTimer t;
        t.start();
        server.gateway->beginShutdown(300);
        QVERIFY(QTest::qWaitFor([&] { return drained.size() == 1; }, kWait));
        QVERIFY2(t.elapsed() >= 250, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(server.gateway->sessionCount(), 0);
    }

    void gracefulShutdownFinishesWithZero()
    {
        TestServer server;
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("bye")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        GracefulShutdown shutdown(server.gateway.get(), server.storage.get(), 5000);
        QSignalSpy finished(&shutdown, &GracefulShutdown::finished);
        shutdown.begin(SIGTERM);
        QVERIFY(shutdown.isRunning());
        QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, kWait));
        QCOMPARE(finished.at(0).at(0).toInt(), 0);
        QVERIFY(client.waitDisconnected());
        QCOMPARE(client.closeCode, CloseCode::ServerRestart);
    }

    void secondSignalForcesExit()
    {
        ServerConfig config = testConfig();
        config.maxOutboundBytes = 64 * 1024 * 1024;
        TestServer server(config);
        QVERIFY(server.ok());
        QSignalSpy opened(server.gateway.get(), &Gateway::sessionOpened);
        RawWsClient stuck;
        QVERIFY(stuck.open(server.port(),
                           {{"Authorization", bearer(token(QStringLiteral("stuck2")))}}));
        stuck.stopReading();
        QVERIFY(QTest::qWaitFor([&] { return opened.size() == 1; }, kWait));
        const ConnectionId id = opened.at(0).at(0).value<ConnectionId>();
        const QByteArray frame = "{\"payload\":{\"blob\":\"" + QByteArray(64 * 1024, 'q')
                + "\"},\"type\":\"room.event\"}";
        for (int i = 0; i < 200; ++i) {
            server.gateway->send(id, frame);
            QTest::qWait(1);
        }
        GracefulShutdown shutdown(server.gateway.get(), server.storage.get(), 60000);
        QSignalSpy finished(&shutdown, &GracefulShutdown::finished);
        shutdown.begin(SIGTERM);
        QTest::qWait(100);
        QCOMPARE(finished.size(), 0); // still draining the stuck client
        shutdown.begin(SIGINT);
        QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, 2000));
        QCOMPARE(finished.at(0).at(0).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestShutdown)
#include "tst_gateway_shutdown.moc"
