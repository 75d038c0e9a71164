// SPDX-License-Identifier: MIT
// Hostile and unlucky clients against the in-process gateway, over real loopback sockets, each
// asserting what the peer actually receives: control-ping floods (limited, then 4008), the
// closing handshake (a busy client still sees every frame and the close code), frames dripped
// byte by byte (closed at --frame-timeout), nothing but `auth` before authentication, upgrade
// attempts abandoned while the server was stalled (never authenticated, never evicting the live
// connection), overload shedding (UNAVAILABLE with retry_after_ms, 503, /health Degraded),
// refusal counters by their documented reason, protocol violations (1002, 1007), the handshake
// itself (RFC 6455 accept key, frames pipelined behind the head) and client location fields that
// the server ignores.
#include "gatewaytestkit.h"

#include <protocol/closecode.h>

#include <QSignalSpy>
#include <QThread>

using namespace TestKit;
namespace CloseCode = NebengJek::Protocol::CloseCode;

namespace {
constexpr int kOpPing = 0x9;
constexpr int kOpPong = 0xA;

QString errorCode(const QJsonObject &message)
{
    return message.value(QStringLiteral("payload"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
}

// The first reply (any type) to request `id`, taken off the client's list.
std::optional<QJsonObject> takeReply(WsClient *client, const QString &id)
{
    std::optional<QJsonObject> found;
    (void)QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < client->messages.size(); ++i) {
                    if (client->messages.at(i).value(QStringLiteral("id")).toString() == id) {
                        found = client->messages.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            kWait);
    return found;
}

double metricValue(const QByteArray &exposition, const QByteArray &series)
{
    const QByteArray prefix = series + ' ';
    const QList<QByteArray> lines = exposition.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toDouble();
    }
    return -1;
}

// The production rate limits (20/s, burst 40, 20 strikes), which the flood tests are about.
ServerConfig productionLimits()
{
    ServerConfig c = testConfig();
    c.rateLimitPerSecond = 20;
    c.rateLimitBurst = 40;
    c.userRateLimitPerSecond = 40;
    c.userRateLimitBurst = 80;
    c.rateAbuseThreshold = 20;
    c.sweepIntervalMs = 1000;
    c.closeTimeoutMs = 5000;
    return c;
}

// Sends a complete upgrade request on a socket the server has not accepted yet (its event loop
// is not running: the test thread is the server's thread), then closes it: an attempt the client
// gave up on while the server was stalled.
void abandonUpgrade(quint16 port, const QByteArray &token)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(kWait)); // the kernel completes it from the listen backlog
    socket.write(upgradeRequest("/ws", {{"Authorization", bearer(token)}}));
    QVERIFY(socket.waitForBytesWritten(kWait));
    socket.close();
}
} // namespace

class TestHardening : public QObject
{
    Q_OBJECT

private slots:
    void controlPingFloodIsLimitedThenClosed()
    {
        TestServer server(productionLimits());
        QVERIFY(server.ok());
        RawWsClient flooder;
        QVERIFY(flooder.open(server.port(),
                             {{"Authorization", bearer(token(QStringLiteral("pinger")))}}));
        QVERIFY(QTest::qWaitFor(
                [&] { return flooder.countMessages(QStringLiteral("auth_success")) == 1; }, kWait));
        flooder.stopReading();
        // As fast as it can, never reading: 20,000 pings with the largest control payload.
        const QByteArray ping = RawWsClient::maskedFrame(kOpPing, QByteArray(125, 'p'));
        QByteArray burst;
        for (int i = 0; i < 1000; ++i)
            burst += ping;
        for (int i = 0; i < 20; ++i)
            flooder.socket.write(burst);
        // The server answers at most the bucket's worth and closes for abuse; what it queued for
        // this client stays tiny (no pong per ping).
        QVERIFY(QTest::qWaitFor(
                [&] {
                    const QByteArray m = rawRequest(server.port(), getRequest("/metrics")).body;
                    return metricValue(m,
                                       "nebengjek_connections_closed_total{code=\"rate_limited\"}")
                            == 1.0;
                },
                kWait));
        const QByteArray metrics = rawRequest(server.port(), getRequest("/metrics")).body;
        QVERIFY(metricValue(metrics, "nebengjek_outbound_queued_bytes_max") < 64 * 1024);
        flooder.startReading();
        QVERIFY(flooder.waitForClose());
        QCOMPARE(*flooder.closeCode(), CloseCode::RateLimited);
        const int pongs = flooder.countFrames(kOpPong);
        QVERIFY2(pongs >= 40 && pongs <= 60, qPrintable(QString::number(pongs)));
        // The client completes the handshake; the server then closes TCP.
        flooder.sendClose(CloseCode::RateLimited);
        QVERIFY(QTest::qWaitFor([&] { return flooder.disconnected; }, kWait));
        QVERIFY(QTest::qWaitFor([&] { return server.gateway->sessionCount() == 0; }, kWait));
    }

    void busyClientSeesEveryFrameAndTheCloseCode_data()
    {
        QTest::addColumn<int>("run");
        for (int i = 0; i < 3; ++i)
            QTest::newRow(qPrintable(QStringLiteral("run %1").arg(i))) << i;
    }

    void busyClientSeesEveryFrameAndTheCloseCode()
    {
        // 200 app-level pings in one burst: 40 pongs (the bucket), 19 RATE_LIMIT errors, and the
        // 20th refused message closes with 4008. The client keeps sending after the close frame;
        // before the closing handshake it got a reset and saw 1006 and none of the replies.
        TestServer server(productionLimits());
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("busy")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        for (int i = 0; i < 200; ++i)
            client.send(message(QStringLiteral("ping"), {}, QStringLiteral("b%1").arg(i)));
        QVERIFY(client.waitDisconnected());
        QCOMPARE(client.closeCode, CloseCode::RateLimited);
        int pongs = 0;
        int limited = 0;
        for (const QJsonObject &m : std::as_const(client.messages)) {
            const QString type = m.value(QStringLiteral("type")).toString();
            pongs += type == QLatin1String("pong");
            limited +=
                    type == QLatin1String("error") && errorCode(m) == QLatin1String("RATE_LIMIT");
        }
        QVERIFY2(pongs >= 40 && pongs <= 45, qPrintable(QString::number(pongs)));
        QCOMPARE(limited, 19);
    }

    void twentyMegabyteMessageGets1009()
    {
        TestServer server;
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("huge")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        client.sendRaw(QString(20 * 1024 * 1024, QLatin1Char('x')));
        QVERIFY(client.waitDisconnected(60000));
        QCOMPARE(client.closeCode, CloseCode::MessageTooBig);
    }

    void protocolViolationsGetTheirCloseCode_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("code");
        // An unmasked client frame: "Hi".
        QTest::newRow("unmasked") << QByteArray::fromHex("81024869") << CloseCode::ProtocolError;
        QTest::newRow("reserved bits")
                << QByteArray(RawWsClient::maskedFrame(0x1, "{}")).replace(0, 1, "\xc1")
                << CloseCode::ProtocolError;
        QTest::newRow("fragmented ping")
                << RawWsClient::maskedFrame(0x9, "x", false) << CloseCode::ProtocolError;
        QTest::newRow("continuation without a message")
                << RawWsClient::maskedFrame(0x0, "x") << CloseCode::ProtocolError;
        QTest::newRow("text that is not UTF-8")
                << RawWsClient::maskedFrame(0x1, "\xff\xfe") << CloseCode::InvalidPayload;
    }

    void protocolViolationsGetTheirCloseCode()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, code);
        TestServer server;
        QVERIFY(server.ok());
        RawWsClient raw;
        QVERIFY(raw.open(server.port(), {{"Authorization", bearer(token(QStringLiteral("bad")))}}));
        QVERIFY(QTest::qWaitFor(
                [&] { return raw.countMessages(QStringLiteral("auth_success")) == 1; }, kWait));
        raw.socket.write(frame);
        QVERIFY(raw.waitForClose());
        QCOMPARE(*raw.closeCode(), code);
        // The server still serves others.
        WsClient next;
        next.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("next")))}});
        QVERIFY(next.waitFor(QStringLiteral("auth_success")));
    }

    void framesSentWithTheUpgradeRequestAreRead()
    {
        // A client may send its first frames right behind the request head, without waiting
        // for the 101: they arrive in the same read as the head and must not be lost.
        TestServer server;
        QVERIFY(server.ok());
        RawWsClient raw;
        raw.socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(raw.socket.waitForConnected(kWait));
        const QByteArray auth =
                QJsonDocument(message(QStringLiteral("auth"),
                                      {{QStringLiteral("token"),
                                        QString::fromLatin1(token(QStringLiteral("eager")))}},
                                      QStringLiteral("a1")))
                        .toJson(QJsonDocument::Compact);
        raw.socket.write(upgradeRequest("/ws") + RawWsClient::maskedFrame(0x1, auth));
        QVERIFY(QTest::qWaitFor([&] { return raw.received.contains("\r\n\r\n"); }, kWait));
        QVERIFY(raw.received.startsWith("HTTP/1.1 101"));
        QVERIFY(raw.received.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        raw.received.remove(0, raw.received.indexOf("\r\n\r\n") + 4);
        QVERIFY(QTest::qWaitFor(
                [&] { return raw.countMessages(QStringLiteral("auth_success")) == 1; }, kWait));
    }

    void peerCloseIsEchoedThenTcpClosed()
    {
        TestServer server;
        QVERIFY(server.ok());
        RawWsClient raw;
        QVERIFY(raw.open(server.port(), {{"Authorization", bearer(token(QStringLiteral("bye")))}}));
        QVERIFY(QTest::qWaitFor(
                [&] { return raw.countMessages(QStringLiteral("auth_success")) == 1; }, kWait));
        raw.sendClose(CloseCode::Normal);
        QVERIFY(raw.waitForClose());
        QCOMPARE(*raw.closeCode(), CloseCode::Normal);
        QVERIFY(QTest::qWaitFor([&] { return raw.disconnected; }, kWait));
    }

    void drippedFrameIsClosedAtFrameTimeout_data()
    {
        QTest::addColumn<bool>("fragmented");
        QTest::newRow("one frame, byte by byte") << false;
        QTest::newRow("first fragment, never the rest") << true;
    }

    void drippedFrameIsClosedAtFrameTimeout()
    {
        QFETCH(bool, fragmented);
        ServerConfig config = testConfig();
        config.frameTimeoutMs = 600;
        config.staleTimeoutMs = 60000; // not what closes it
        TestServer server(config);
        QVERIFY(server.ok());
        RawWsClient raw;
        QVERIFY(raw.open(server.port(),
                         {{"Authorization", bearer(token(QStringLiteral("drip")))}}));
        QVERIFY(QTest::qWaitFor(
                [&] { return raw.countMessages(QStringLiteral("auth_success")) == 1; }, kWait));
        QElapsedTimer elapsed;
        elapsed.start();
        const QByteArray frame = RawWsClient::maskedFrame(
                0x1, R"({"type":"ping","id":"slow","payload":{}})", !fragmented);
        qsizetype sent = 0;
        if (fragmented) {
            raw.socket.write(frame);
            sent = frame.size();
        }
        // One byte every 100 ms: always "active", never complete.
        while (!raw.closeCode() && elapsed.elapsed() < 10000) {
            if (!fragmented && sent < frame.size())
                raw.socket.write(frame.mid(sent++, 1));
            QTest::qWait(100);
        }
        QVERIFY(raw.closeCode().has_value());
        QCOMPARE(*raw.closeCode(), CloseCode::Stale);
        QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(raw.countMessages(QStringLiteral("pong")), 0);
    }

    void onlyAuthBeforeAuthentication()
    {
        TestServer server;
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url()); // no token: must send auth
        QVERIFY(client.waitConnected());
        client.send(message(QStringLiteral("ping"), {}, QStringLiteral("p0")));
        auto e = client.waitFor(QStringLiteral("error"), QStringLiteral("p0"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("UNAUTHORIZED"));
        client.send(message(
                QStringLiteral("token.refresh"),
                {{QStringLiteral("token"), QString::fromLatin1(token(QStringLiteral("x")))}},
                QStringLiteral("r0")));
        e = client.waitFor(QStringLiteral("error"), QStringLiteral("r0"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("UNAUTHORIZED"));
        client.send(message(
                QStringLiteral("auth"),
                {{QStringLiteral("token"), QString::fromLatin1(token(QStringLiteral("late")))}},
                QStringLiteral("a1")));
        QVERIFY(client.waitFor(QStringLiteral("auth_success"), QStringLiteral("a1")));
        client.send(message(QStringLiteral("ping"), {}, QStringLiteral("p1")));
        QVERIFY(client.waitFor(QStringLiteral("pong"), QStringLiteral("p1")));
        for (const QJsonObject &m : std::as_const(client.messages)) // no pong answered p0
            QVERIFY2(m.value(QStringLiteral("type")).toString() != QLatin1String("pong"),
                     QJsonDocument(m).toJson().constData());
    }

    void abandonedUpgradesNeitherAuthenticateNorEvict_data()
    {
        QTest::addColumn<bool>("limitDevices");
        QTest::newRow("replace-oldest") << false;
        QTest::newRow("limit") << true;
    }

    void abandonedUpgradesNeitherAuthenticateNorEvict()
    {
        QFETCH(bool, limitDevices);
        ServerConfig config = testConfig();
        config.maxConnectionsPerUser = 1;
        config.userPolicy = limitDevices ? UserConnectionPolicy::LimitDevices
                                         : UserConnectionPolicy::NewestReplacesOldest;
        TestServer server(config);
        QVERIFY(server.ok());
        QSignalSpy opened(server.gateway.get(), &Gateway::sessionOpened);
        const QByteArray userToken = token(QStringLiteral("stalled-user"));
        // The server is stalled (this thread does not run its event loop) while the client gives
        // up on three upgrade attempts; its fourth one goes through once the server is back.
        for (int i = 0; i < 3; ++i)
            abandonUpgrade(server.port(), userToken);
        RawWsClient live;
        QVERIFY(live.open(server.port(), {{"Authorization", bearer(userToken)}}));
        QVERIFY(QTest::qWaitFor(
                [&] { return live.countMessages(QStringLiteral("auth_success")) == 1; }, kWait));
        // Positive marker: a reply to a later message. Had an abandoned attempt been
        // authenticated after the live one, the live one would have been closed (4509 or 4008)
        // before this reply.
        live.sendJson(message(QStringLiteral("ping"), {}, QStringLiteral("still-here")));
        QVERIFY(QTest::qWaitFor([&] { return live.countMessages(QStringLiteral("pong")) == 1; },
                                kWait));
        QVERIFY(!live.closeCode().has_value());
        QCOMPARE(opened.size(), 1);
        QCOMPARE(server.gateway->connectionsOf(QStringLiteral("stalled-user")).size(), 1);
        const QByteArray metrics = rawRequest(server.port(), getRequest("/metrics")).body;
        QCOMPARE(metricValue(metrics, "nebengjek_connections_rejected_total{reason=\"abandoned\"}"),
                 3.0);
        QCOMPARE(metricValue(metrics,
                             "nebengjek_connections_closed_total{code=\"session_replaced\"}"),
                 -1.0);
    }

    void lateAuthenticationOfAnOlderConnectionDoesNotEvictTheNewer()
    {
        ServerConfig config = testConfig();
        config.maxConnectionsPerUser = 1;
        config.userPolicy = UserConnectionPolicy::NewestReplacesOldest;
        TestServer server(config);
        QVERIFY(server.ok());
        const QByteArray userToken = token(QStringLiteral("racer"));
        // The older connection arrives first but authenticates last (an auth message).
        WsClient older;
        older.open(server.url());
        QVERIFY(older.waitConnected());
        WsClient newer;
        newer.open(server.url(), {{"Authorization", bearer(userToken)}});
        QVERIFY(newer.waitFor(QStringLiteral("auth_success")));
        older.send(message(QStringLiteral("auth"),
                           {{QStringLiteral("token"), QString::fromLatin1(userToken)}},
                           QStringLiteral("late")));
        // The older one is the one replaced: newest by arrival wins.
        QVERIFY(older.waitDisconnected());
        QCOMPARE(older.closeCode, CloseCode::SessionReplaced);
        QVERIFY(!older.waitFor(QStringLiteral("auth_success"), QStringLiteral("late"), 0));
        newer.send(message(QStringLiteral("ping"), {}, QStringLiteral("still-here")));
        QVERIFY(newer.waitFor(QStringLiteral("pong"), QStringLiteral("still-here")));
        QVERIFY(!newer.disconnected);
        QCOMPARE(server.gateway->connectionsOf(QStringLiteral("racer")).size(), 1);
    }

    void overloadIsShedEarlyAndNothingAcceptedIsLost()
    {
        ServerConfig config = testConfig();
        config.shedLagMs = 300;
        config.shedHoldMs = 3000; // generous: a loaded CI machine is slow between steps
        TestServer server(config);
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("shed-a")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        const QJsonObject target {{QStringLiteral("user_id"), QStringLiteral("shed-b")}};
        client.send(message(QStringLiteral("user.block"), target, QStringLiteral("block-1")));
        auto reply = client.waitFor(QStringLiteral("ack"), QStringLiteral("block-1"));
        QVERIFY(reply);
        QVERIFY(reply->value(QStringLiteral("payload"))
                        .toObject()
                        .value(QStringLiteral("changed"))
                        .toBool());

        // The server falls 800 ms behind (this thread is its event loop).
        QThread::msleep(800);
        const HttpResult health = rawRequest(server.port(), getRequest("/health"));
        QCOMPARE(health.status, 200);
        const QJsonObject body = QJsonDocument::fromJson(health.body).object();
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("Degraded"));
        QVERIFY2(health.body.contains("overloaded"), health.body.constData());

        // A durable command is refused at once, retryably, with a hint.
        client.send(message(QStringLiteral("user.unblock"), target, QStringLiteral("unblock-1")));
        auto refused = client.waitFor(QStringLiteral("error"), QStringLiteral("unblock-1"));
        QVERIFY(refused);
        const QJsonObject error = refused->value(QStringLiteral("payload")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("UNAVAILABLE"));
        QCOMPARE(error.value(QStringLiteral("retryable")).toBool(), true);
        QCOMPARE(error.value(QStringLiteral("retry_after_ms")).toInt(), 3000);
        // Cheap requests are still served.
        client.send(message(QStringLiteral("ping"), {}, QStringLiteral("cheap")));
        QVERIFY(client.waitFor(QStringLiteral("pong"), QStringLiteral("cheap")));
        // A new connection is refused before the upgrade.
        const HttpResult upgrade = rawRequest(
                server.port(),
                upgradeRequest("/ws",
                               {{"Authorization", bearer(token(QStringLiteral("shed-c")))}}));
        QCOMPARE(upgrade.status, 503);
        QVERIFY(upgrade.body.contains("overloaded"));
        QCOMPARE(upgrade.header("retry-after"), QByteArray("3"));

        // After the hint the same request succeeds; the block accepted before the overload is
        // still there (the unblock changes it) and the refused unblock had not been applied.
        std::optional<QJsonObject> answer;
        for (int attempt = 0; attempt < 10; ++attempt) {
            QTest::qWait(error.value(QStringLiteral("retry_after_ms")).toInt());
            client.send(
                    message(QStringLiteral("user.unblock"), target, QStringLiteral("unblock-1")));
            answer = takeReply(&client, QStringLiteral("unblock-1"));
            QVERIFY(answer);
            if (answer->value(QStringLiteral("type")).toString() == QLatin1String("ack"))
                break;
            QCOMPARE(errorCode(*answer), QStringLiteral("UNAVAILABLE"));
        }
        QCOMPARE(answer->value(QStringLiteral("type")).toString(), QStringLiteral("ack"));
        QVERIFY(answer->value(QStringLiteral("payload"))
                        .toObject()
                        .value(QStringLiteral("changed"))
                        .toBool());
        const QByteArray metrics = rawRequest(server.port(), getRequest("/metrics")).body;
        QVERIFY(metricValue(metrics, "nebengjek_shed_total{kind=\"message\"}") >= 1.0);
        QCOMPARE(metricValue(metrics, "nebengjek_shed_total{kind=\"upgrade\"}"), 1.0);
        QCOMPARE(
                metricValue(metrics, "nebengjek_connections_rejected_total{reason=\"overloaded\"}"),
                1.0);
    }

    void refusalsAreCountedByDocumentedReason()
    {
        TestServer server;
        QVERIFY(server.ok());
        QCOMPARE(rawRequest(server.port(),
                            upgradeRequest(
                                    "/ws",
                                    {{"Authorization",
                                      bearer(token(QStringLiteral("e"), Role::Passenger, -100))}}))
                         .status,
                 401);
        QCOMPARE(
                rawRequest(server.port(),
                           upgradeRequest("/ws",
                                          {{"Authorization",
                                            bearer(token(QStringLiteral("f"), Role::Passenger, 3600,
                                                         "not-the-secret-not-the-secret-"
                                                         "not-the-secret"))}}))
                        .status,
                401);
        QCOMPARE(rawRequest(server.port(), upgradeRequest("/ws", {{"Authorization", "Basic abc"}}))
                         .status,
                 401);
        QCOMPARE(rawRequest(server.port(), getRequest("/nowhere")).status, 404);
        QCOMPARE(rawRequest(server.port(), getRequest("/ws")).status, 426);
        const QByteArray m = rawRequest(server.port(), getRequest("/metrics")).body;
        for (const char *reason : {"expired", "bad_signature", "unsupported_scheme", "not_found",
                                   "websocket_endpoint"}) {
            QCOMPARE(metricValue(m,
                                 QByteArray("nebengjek_connections_rejected_total{reason=\"")
                                         + reason + "\"}"),
                     1.0);
        }
        QVERIFY(metricValue(m, "nebengjek_connections_rejected_total{reason=\"bad_token\"}") <= 0);
    }

    void clientLocationWithRfc3339TimestampIsAccepted()
    {
        TestServer server;
        QVERIFY(server.ok());
        WsClient driver;
        driver.open(server.url(),
                    {{"Authorization", bearer(token(QStringLiteral("go-driver"), Role::Driver))}});
        QVERIFY(driver.waitFor(QStringLiteral("auth_success")));
        driver.send(message(QStringLiteral("location_update"),
                            {{QStringLiteral("lat"), -6.2},
                             {QStringLiteral("lng"), 106.8},
                             {QStringLiteral("timestamp"), QStringLiteral("2024-01-15T10:30:00Z")},
                             {QStringLiteral("ride_id"), QStringLiteral("not a ride id")},
                             {QStringLiteral("driver_id"), QStringLiteral("someone-else")}},
                            QStringLiteral("loc-1")));
        QVERIFY(driver.waitFor(QStringLiteral("ack"), QStringLiteral("loc-1")));
    }
};

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_gateway_hardening.moc"
