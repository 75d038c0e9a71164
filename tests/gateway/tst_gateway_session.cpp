// SPDX-License-Identifier: MIT
// Sessions over real loopback sockets, gateway in-process: ping/pong, bad input answered with the
// protocol's error and the connection kept, hub routing, rate limits (RATE_LIMIT, then 4008),
// oversize frames and fragment floods (1009), stale connections (4001), token expiry (4010) and
// refresh, and a client that stops reading (4002) while others are unaffected.
#include "gatewaytestkit.h"

#include <protocol/closecode.h>

#include <QJsonArray>
#include <QSignalSpy>

using namespace TestKit;
namespace CloseCode = NebengJek::Protocol::CloseCode;

namespace {
QString errorCode(const QJsonObject &message)
{
    return message.value(QStringLiteral("payload"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
}

// Reads one sample of a Prometheus text exposition.
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
} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void pingPong()
    {
        TestServer server;
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("pp")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        client.send(message(
                QStringLiteral("ping"),
                {{QStringLiteral("seq"), 7}, {QStringLiteral("client_time"), 1700000000000.0}},
                QStringLiteral("ping-1")));
        const auto pong = client.waitFor(QStringLiteral("pong"), QStringLiteral("ping-1"));
        QVERIFY(pong);
        const QJsonObject p = pong->value(QStringLiteral("payload")).toObject();
        QCOMPARE(p.value(QStringLiteral("seq")).toInt(), 7);
        QCOMPARE(p.value(QStringLiteral("client_time")).toDouble(), 1700000000000.0);
        QVERIFY(qAbs(p.value(QStringLiteral("server_time")).toDouble()
                     - double(QDateTime::currentMSecsSinceEpoch()))
                < 60000);
    }

    // --threads 3: connections spread over two I/O threads round-robin. Each one is served
    // (pong, hub reply, outbox push, one frame shared by all), and the per-user policy works
    // across threads: a user's newer connection on the other I/O thread replaces the older one.
    void connectionsSpreadOverIoThreads()
    {
        ServerConfig config = testConfig();
        config.threads = 3;
        config.userPolicy = UserConnectionPolicy::NewestReplacesOldest;
        config.maxConnectionsPerUser = 1;
        TestServer server(config);
        QVERIFY(server.ok());
        QSignalSpy opened(server.gateway.get(), &Gateway::sessionOpened);
        constexpr int kClients = 4;
        std::vector<std::unique_ptr<WsClient>> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<WsClient>());
            clients.back()->open(
                    server.url(),
                    {{"Authorization", bearer(token(QStringLiteral("spread-%1").arg(i)))}});
            QVERIFY(clients.back()->waitFor(QStringLiteral("auth_success")));
        }
        QTRY_COMPARE_WITH_TIMEOUT(int(opened.size()), kClients, kWait);
        const QByteArray shared = QByteArrayLiteral("{\"payload\":{},\"type\":\"user.online\"}");
        for (int i = 0; i < kClients; ++i) {
            WsClient &c = *clients[std::size_t(i)];
            const QString id = QStringLiteral("p%1").arg(i);
            const QString hubId = QStringLiteral("h%1").arg(i);
            c.send(message(QStringLiteral("ping"), {{QStringLiteral("seq"), i}}, id));
            QVERIFY(c.waitFor(QStringLiteral("pong"), id));
            c.send(message(QStringLiteral("notification.unread_count"), {}, hubId));
            QVERIFY(QTest::qWaitFor(
                    [&] {
                        for (const QJsonObject &m : std::as_const(c.messages))
                            if (m.value(QStringLiteral("id")).toString() == hubId)
                                return true;
                        return false;
                    },
                    kWait));
            server.gateway->send(opened.at(i).at(0).value<ConnectionId>(), shared);
        }
        for (auto &c : clients)
            QVERIFY(c->waitFor(QStringLiteral("user.online")));
        // The next connection of spread-0 lands on the other I/O thread.
        WsClient newer;
        newer.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("spread-0")))}});
        QVERIFY(newer.waitFor(QStringLiteral("auth_success")));
        QVERIFY(clients[0]->waitDisconnected());
        QCOMPARE(clients[0]->closeCode, CloseCode::SessionReplaced);
        newer.send(message(QStringLiteral("ping"), {}, QStringLiteral("newer-here")));
        QVERIFY(newer.waitFor(QStringLiteral("pong"), QStringLiteral("newer-here")));
        QTRY_COMPARE_WITH_TIMEOUT(server.gateway->sessionCount(), kClients, kWait);
    }

    void badInputKeepsConnectionOpen()
    {
        TestServer server;
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("bi")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));

        client.sendRaw(QStringLiteral("this is not json"));
        auto e = client.waitFor(QStringLiteral("error"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("INVALID_FORMAT"));
        client.sendRaw(QStringLiteral("[1,2,3]"));
        e = client.waitFor(QStringLiteral("error"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("INVALID_FORMAT"));
        client.send(message(QStringLiteral("teleport"), {}, QStringLiteral("t1")));
        e = client.waitFor(QStringLiteral("error"), QStringLiteral("t1"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("UNKNOWN_TYPE"));
        client.send(message(QStringLiteral("auth_success"), {},
                            QStringLiteral("t2"))); // server-only type
        e = client.waitFor(QStringLiteral("error"), QStringLiteral("t2"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("UNKNOWN_TYPE"));
        client.send(message(QStringLiteral("ping"), {{QStringLiteral("seq"), QStringLiteral("x")}},
                            QStringLiteral("t3")));
        e = client.waitFor(QStringLiteral("error"), QStringLiteral("t3"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("VALIDATION_FAILED"));
        client.send(message(QStringLiteral("token.refresh"), {}, QStringLiteral("t4")));
        e = client.waitFor(QStringLiteral("error"), QStringLiteral("t4"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("VALIDATION_FAILED"));
        client.sendRaw(QStringLiteral("{\"type\":\"ping\",\"type\":\"auth\"}"));
        e = client.waitFor(QStringLiteral("error"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("INVALID_FORMAT"));

        client.send(message(QStringLiteral("ping"), {}, QStringLiteral("alive")));
        QVERIFY(client.waitFor(QStringLiteral("pong"), QStringLiteral("alive")));
        QVERIFY(!client.disconnected);
        const HttpResult health = rawRequest(server.port(), getRequest("/health"));
        QCOMPARE(health.status, 200);
        QCOMPARE(QJsonDocument::fromJson(health.body)
                         .object()
                         .value(QStringLiteral("status"))
                         .toString(),
                 QStringLiteral("Healthy"));
        const QByteArray metrics = rawRequest(server.port(), getRequest("/metrics")).body;
        QCOMPARE(metricValue(metrics, "nebengjek_errors_total{code=\"INVALID_FORMAT\"}"), 3.0);
        QCOMPARE(metricValue(metrics, "nebengjek_errors_total{code=\"UNKNOWN_TYPE\"}"), 2.0);
    }

    void hubRoutingAndOutbox()
    {
        TestServer server;
        QVERIFY(server.ok());
        QSignalSpy opened(server.gateway.get(), &Gateway::sessionOpened);
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("hub-1")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        QVERIFY(QTest::qWaitFor([&] { return opened.size() == 1; }, kWait));
        // Anything but auth/token.refresh/ping goes to the hub, which answers on the same id.
        client.send(message(QStringLiteral("notification.unread_count"), {}, QStringLiteral("h1")));
        QVERIFY(QTest::qWaitFor(
                [&] {
                    for (const QJsonObject &m : std::as_const(client.messages))
                        if (m.value(QStringLiteral("id")).toString() == QLatin1String("h1"))
                            return true;
                    return false;
                },
                kWait));
        // The Outbox delivers frames to the connection.
        const ConnectionId id = opened.at(0).at(0).value<ConnectionId>();
        server.gateway->send(id,
                             QByteArrayLiteral("{\"payload\":{\"x\":1},\"type\":\"user.online\"}"));
        QVERIFY(client.waitFor(QStringLiteral("user.online")));
        // Frames to unknown connections are dropped, not crashes.
        server.gateway->send(id + 1000, QByteArrayLiteral("{}"));
    }

    void rateLimitThenCloseOnAbuse()
    {
        ServerConfig config = testConfig();
        config.rateLimitPerSecond = 5;
        config.rateLimitBurst = 5;
        config.rateAbuseThreshold = 10;
        config.sweepIntervalMs = 5000; // no quiet sweep resets the strikes during the burst
        TestServer server(config);
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("rl")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        for (int i = 0; i < 30; ++i)
            client.send(message(QStringLiteral("ping"), {}, QStringLiteral("r%1").arg(i)));
        QVERIFY(client.waitDisconnected());
        QCOMPARE(client.closeCode, CloseCode::RateLimited);
        int pongs = 0, limited = 0;
        for (const QJsonObject &m : std::as_const(client.messages)) {
            if (m.value(QStringLiteral("type")).toString() == QLatin1String("pong"))
                ++pongs;
            if (errorCode(m) == QLatin1String("RATE_LIMIT")) {
                ++limited;
                const QJsonObject p = m.value(QStringLiteral("payload")).toObject();
                QVERIFY(p.value(QStringLiteral("retry_after_ms")).toInt() > 0);
                QCOMPARE(p.value(QStringLiteral("retryable")).toBool(), true);
                QVERIFY(m.value(QStringLiteral("id")).toString().startsWith(QLatin1Char('r')));
            }
        }
        QVERIFY2(pongs >= 5 && pongs <= 7, qPrintable(QString::number(pongs)));
        QCOMPARE(limited, 9); // the 10th strike closes instead of answering
    }

    void rateLimitRecoversWhenClientBacksOff()
    {
        ServerConfig config = testConfig();
        config.rateLimitPerSecond = 20;
        config.rateLimitBurst = 3;
        config.rateAbuseThreshold = 3;
        TestServer server(config);
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("polite")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < 5; ++i)
                client.send(message(QStringLiteral("ping"), {},
                                    QStringLiteral("b%1-%2").arg(round).arg(i)));
            const auto limited = client.waitFor(QStringLiteral("error"));
            QVERIFY(limited);
            QCOMPARE(errorCode(*limited), QStringLiteral("RATE_LIMIT"));
            QTest::qWait(400); // honour retry_after_ms, and let a quiet sweep pass
            client.messages.clear();
        }
        client.send(message(QStringLiteral("ping"), {}, QStringLiteral("after")));
        QVERIFY(client.waitFor(QStringLiteral("pong"), QStringLiteral("after")));
        QVERIFY(!client.disconnected);
    }

    void perUserRateLimitSpansConnections()
    {
        ServerConfig config = testConfig();
        config.userRateLimitPerSecond = 1;
        config.userRateLimitBurst = 4;
        TestServer server(config);
        QVERIFY(server.ok());
        const QByteArray t = token(QStringLiteral("two-phones"));
        WsClient a, b;
        a.open(server.url(), {{"Authorization", bearer(t)}});
        b.open(server.url(), {{"Authorization", bearer(t)}});
        QVERIFY(a.waitFor(QStringLiteral("auth_success")));
        QVERIFY(b.waitFor(QStringLiteral("auth_success")));
        for (int i = 0; i < 3; ++i) {
            a.send(message(QStringLiteral("ping"), {}, QStringLiteral("a%1").arg(i)));
            b.send(message(QStringLiteral("ping"), {}, QStringLiteral("b%1").arg(i)));
        }
        QVERIFY(QTest::qWaitFor([&] { return a.messages.size() + b.messages.size() >= 6; }, kWait));
        int limited = 0;
        for (const QJsonObject &m : a.messages + b.messages)
            limited += errorCode(m) == QLatin1String("RATE_LIMIT");
        QCOMPARE(limited, 2); // 6 messages against one bucket of 4
    }

    void oversizeFrameClosed1009()
    {
        ServerConfig config = testConfig();
        config.maxMessageSize = 16 * 1024;
        config.maxFrameSize = 16 * 1024;
        TestServer server(config);
        QVERIFY(server.ok());
        WsClient big;
        big.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("big")))}});
        QVERIFY(big.waitFor(QStringLiteral("auth_success")));
        big.sendRaw(QString(100 * 1024, QLatin1Char('a')));
        QVERIFY(big.waitDisconnected());
        QCOMPARE(big.closeCode, CloseCode::MessageTooBig);
        // Many small fragments adding up past the message size: also 1009.
        WsClient frag;
        frag.socket.setOutgoingFrameSize(1024);
        frag.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("frag")))}});
        QVERIFY(frag.waitFor(QStringLiteral("auth_success")));
        frag.sendRaw(QString(20 * 1024, QLatin1Char('b')));
        QVERIFY(frag.waitDisconnected());
        QCOMPARE(frag.closeCode, CloseCode::MessageTooBig);
        // The server is fine and serves others.
        WsClient next;
        next.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("next")))}});
        QVERIFY(next.waitFor(QStringLiteral("auth_success")));
        QCOMPARE(QJsonDocument::fromJson(rawRequest(server.port(), getRequest("/health")).body)
                         .object()
                         .value(QStringLiteral("status"))
                         .toString(),
                 QStringLiteral("Healthy"));
    }

    void fragmentFloodClosed()
    {
        ServerConfig config = testConfig();
        config.maxFragments = 8;
        TestServer server(config);
        QVERIFY(server.ok());
        RawWsClient raw;
        QVERIFY(raw.open(server.port(),
                         {{"Authorization", bearer(token(QStringLiteral("flood")))}}));
        raw.sendText(QByteArray(), false); // first fragment
        for (int i = 0; i < 20; ++i)
            raw.sendText(QByteArray(), false, true); // empty continuations, never final
        QVERIFY(QTest::qWaitFor([&] { return raw.closeCode().has_value(); }, kWait));
        QCOMPARE(*raw.closeCode(), CloseCode::MessageTooBig);
    }

    void staleConnectionCleanedUp()
    {
        ServerConfig config = testConfig();
        config.pingIntervalMs = 100;
        config.staleTimeoutMs = 600;
        TestServer server(config);
        QVERIFY(server.ok());
        QSignalSpy closed(server.gateway.get(), &Gateway::sessionClosed);
        RawWsClient silent; // never answers pings
        QVERIFY(silent.open(server.port(),
                            {{"Authorization", bearer(token(QStringLiteral("silent")))}}));
        WsClient lively; // QWebSocket answers pings by itself
        lively.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("lively")))}});
        QVERIFY(lively.waitFor(QStringLiteral("auth_success")));

        QVERIFY(QTest::qWaitFor([&] { return silent.closeCode().has_value(); }, kWait));
        QCOMPARE(*silent.closeCode(), CloseCode::Stale);
        QVERIFY(silent.pingsReceived() >= 2);
        QVERIFY(QTest::qWaitFor([&] { return !closed.isEmpty(); }, kWait));
        QCOMPARE(closed.at(0).at(1).toInt(), CloseCode::Stale);
        // Well past the stale timeout, the client that answers pings is still there.
        QTest::qWait(1000);
        QVERIFY(!lively.disconnected);
        QCOMPARE(server.gateway->sessionCount(), 1);
    }

    void tokenExpiryCloses4010()
    {
        TestServer server;
        QVERIFY(server.ok());
        WsClient client;
        client.open(
                server.url(),
                {{"Authorization", bearer(token(QStringLiteral("short"), Role::Passenger, 2))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        QVERIFY(client.waitDisconnected());
        QCOMPARE(client.closeCode, CloseCode::TokenExpired);
    }

    void tokenRefresh()
    {
        TestServer server;
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(),
                    {{"Authorization", bearer(token(QStringLiteral("fresh"), Role::Driver, 2))}});
        const auto first = client.waitFor(QStringLiteral("auth_success"));
        QVERIFY(first);
        const double firstExpiry = first->value(QStringLiteral("payload"))
                                           .toObject()
                                           .value(QStringLiteral("expires_at"))
                                           .toDouble();

        // Another user's token: refused, connection stays.
        client.send(message(QStringLiteral("token.refresh"),
                            {{QStringLiteral("token"),
                              QString::fromLatin1(token(QStringLiteral("thief"), Role::Driver))}},
                            QStringLiteral("r1")));
        auto e = client.waitFor(QStringLiteral("error"), QStringLiteral("r1"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("FORBIDDEN"));
        // A bad token: refused, connection stays.
        client.send(message(QStringLiteral("token.refresh"),
                            {{QStringLiteral("token"), QStringLiteral("x.y.z")}},
                            QStringLiteral("r2")));
        e = client.waitFor(QStringLiteral("error"), QStringLiteral("r2"));
        QVERIFY(e);
        QCOMPARE(errorCode(*e), QStringLiteral("UNAUTHORIZED"));
        // A fresh token for the same user: auth_success with the new expiry.
        client.send(
                message(QStringLiteral("token.refresh"),
                        {{QStringLiteral("token"),
                          QString::fromLatin1(token(QStringLiteral("fresh"), Role::Driver, 3600))}},
                        QStringLiteral("r3")));
        const auto refreshed = client.waitFor(QStringLiteral("auth_success"), QStringLiteral("r3"));
        QVERIFY(refreshed);
        QVERIFY(refreshed->value(QStringLiteral("payload"))
                        .toObject()
                        .value(QStringLiteral("expires_at"))
                        .toDouble()
                > firstExpiry + 3000000);
        // It outlives the first token.
        QTest::qWait(3500);
        QVERIFY(!client.disconnected);
        client.send(message(QStringLiteral("ping"), {}, QStringLiteral("later")));
        QVERIFY(client.waitFor(QStringLiteral("pong"), QStringLiteral("later")));
    }

    void slowConsumerClosedOthersUnaffected()
    {
        ServerConfig config = testConfig();
        config.maxOutboundBytes = 256 * 1024;
        TestServer server(config);
        QVERIFY(server.ok());
        QSignalSpy opened(server.gateway.get(), &Gateway::sessionOpened);
        QSignalSpy closed(server.gateway.get(), &Gateway::sessionClosed);

        RawWsClient stuck;
        QVERIFY(stuck.open(server.port(),
                           {{"Authorization", bearer(token(QStringLiteral("stuck")))}}));
        stuck.stopReading();
        WsClient healthy;
        healthy.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("healthy")))}});
        QVERIFY(healthy.waitFor(QStringLiteral("auth_success")));
        QVERIFY(QTest::qWaitFor([&] { return opened.size() == 2; }, kWait));
        ConnectionId stuckId = 0, healthyId = 0;
        for (const auto &args : std::as_const(opened)) {
            if (args.at(1).toString() == QLatin1String("stuck"))
                stuckId = args.at(0).value<ConnectionId>();
            else
                healthyId = args.at(0).value<ConnectionId>();
        }

        // Push 16 KiB frames to the stuck client (and small ones to the healthy one), one per
        // event-loop turn as the hub would, until the server gives up on the stuck one. One frame
        // per turn keeps each burst far below the cap: only a client that stops reading fills it.
        const QByteArray bigFrame = "{\"payload\":{\"blob\":\"" + QByteArray(16 * 1024, 'z')
                + "\"},\"type\":\"room.event\"}";
        int pushedToHealthy = 0;
        qint64 pushedToStuck = 0;
        double maxQueued = 0;
        QTimer pusher;
        QObject::connect(&pusher, &QTimer::timeout, [&] {
            server.gateway->send(stuckId, bigFrame);
            pushedToStuck += bigFrame.size();
            server.gateway->send(healthyId,
                                 QByteArrayLiteral("{\"payload\":{},\"type\":\"room.event\"}"));
            ++pushedToHealthy;
            const QByteArray m = server.gateway->metricsRegistry().exposition();
            maxQueued = qMax(maxQueued, metricValue(m, "nebengjek_outbound_queued_bytes_max"));
        });
        pusher.start(2);
        const bool stuckClosed = QTest::qWaitFor(
                [&] {
                    for (const auto &args : std::as_const(closed))
                        if (args.at(0).value<ConnectionId>() == stuckId)
                            return true;
                    return false;
                },
                60000);
        pusher.stop();
        QVERIFY(stuckClosed);
        for (const auto &args : std::as_const(closed)) {
            if (args.at(0).value<ConnectionId>() == stuckId)
                QCOMPARE(args.at(1).toInt(), CloseCode::SlowConsumer);
        }
        // The kernel took a good part before the server queue filled: the close came from the
        // client not reading, and server memory for it never went past the cap.
        QVERIFY2(pushedToStuck > 2 * config.maxOutboundBytes,
                 qPrintable(QString::number(pushedToStuck)));
        QVERIFY2(maxQueued <= config.maxOutboundBytes, qPrintable(QString::number(maxQueued)));
        // The healthy client got every frame and is still connected.
        QVERIFY(QTest::qWaitFor(
                [&] {
                    int n = 0;
                    for (const QJsonObject &m : std::as_const(healthy.messages))
                        n += m.value(QStringLiteral("type")).toString()
                                == QLatin1String("room.event");
                    return n == pushedToHealthy;
                },
                kWait));
        QVERIFY(!healthy.disconnected);
        healthy.send(message(QStringLiteral("ping"), {}, QStringLiteral("ok")));
        QVERIFY(healthy.waitFor(QStringLiteral("pong"), QStringLiteral("ok")));
        const QByteArray m = server.gateway->metricsRegistry().exposition();
        QCOMPARE(metricValue(m, "nebengjek_connections_closed_total{code=\"slow_consumer\"}"), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_gateway_session.moc"
