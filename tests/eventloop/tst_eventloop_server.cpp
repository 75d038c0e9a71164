// SPDX-License-Identifier: MIT
// The real nebengjek-server on each dispatcher choice: it starts, serves /health and stops on
// SIGTERM; an unknown choice is refused with a clear error before anything starts.
#include "epolltestmain.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

class TestEventLoopServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unknownDispatcherIsRefused_data();
    void unknownDispatcherIsRefused();
    void servesOnEachDispatcher_data();
    void servesOnEachDispatcher();
};

void TestEventLoopServer::unknownDispatcherIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environment");
    QTest::newRow("flag") << QStringList {QStringLiteral("--event-dispatcher"),
                                          QStringLiteral("glib")}
                          << QString();
    QTest::newRow("env") << QStringList() << QStringLiteral("poll");
}

void TestEventLoopServer::unknownDispatcherIsRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environment);
    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("WS_EVENT_DISPATCHER"));
    if (!environment.isEmpty())
        env.insert(QStringLiteral("WS_EVENT_DISPATCHER"), environment);
    server.setProcessEnvironment(env);
    server.start(QStringLiteral(NEBENGJEK_SERVER_EXECUTABLE),
                 arguments << QStringLiteral("--dev") << QStringLiteral("--port")
                           << QStringLiteral("0"));
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(server.exitCode(), 2);
    QVERIFY2(server.readAllStandardError().contains("expected epoll or qt"),
             "the error names the valid choices");
}

void TestEventLoopServer::servesOnEachDispatcher_data()
{
    QTest::addColumn<QString>("dispatcher");
    QTest::newRow("epoll") << QStringLiteral("epoll");
    QTest::newRow("qt") << QStringLiteral("qt");
}

void TestEventLoopServer::servesOnEachDispatcher()
{
    QFETCH(QString, dispatcher);
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(QStringLiteral(NEBENGJEK_SERVER_EXECUTABLE),
                 {QStringLiteral("--dev"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1"),
                  QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                  dataDir.path(), QStringLiteral("--event-dispatcher"), dispatcher});
    QVERIFY(server.waitForStarted(10000));
    QByteArray log;
    int port = 0;
    const QRegularExpression listening(QStringLiteral("event=listening .*port=(\\d+)"));
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                log += server.readAll();
                const auto match = listening.match(QString::fromUtf8(log));
                port = match.hasMatch() ? match.captured(1).toInt() : 0;
                return port > 0;
            }(),
            30000);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, quint16(port));
    QVERIFY(client.waitForConnected(10000));
    client.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray response;
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                response += client.readAll();
                return response.contains("\r\n\r\n");
            }(),
            10000);
    QVERIFY2(response.startsWith("HTTP/1.1 200"), response.left(80).constData());

    ::kill(pid_t(server.processId()), SIGTERM);
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
}

NEBENGJEK_EPOLL_TEST_MAIN(TestEventLoopServer)
#include "tst_eventloop_server.moc"
