// SPDX-License-Identifier: MIT
// The gateway's small parts on their own: token bucket, connection limits and per-user policy,
// origin allow-list, HTTP head parsing and redaction, Prometheus exposition, health levels,
// WebSocket frame parsing.
#include <gateway/connectiontracker.h>
#include <gateway/httprequesthead.h>
#include <gateway/mailbox.h>
#include <gateway/originpolicy.h>
#include <gateway/ratelimiter.h>
#include <gateway/utf8validator.h>
#include <gateway/websocketframereader.h>
#include <metrics/healthmonitor.h>
#include <metrics/metricsregistry.h>

#include <QStringDecoder>
#include <QTest>
#include <QThread>

using namespace NebengJek::Server;

class TestGatewayParts : public QObject
{
    Q_OBJECT

private slots:
    void tokenBucket()
    {
        const RateLimitSpec spec = RateLimitSpec::perSecond(10, 3); // 1 token per 100 ms
        TokenBucket bucket(spec, 0);
        QCOMPARE(bucket.take(spec, 0), qint64(0));
        QCOMPARE(bucket.take(spec, 0), qint64(0));
        QCOMPARE(bucket.take(spec, 0), qint64(0));
        const qint64 wait = bucket.take(spec, 0);
        QVERIFY(wait > 0 && wait <= 100);
        QVERIFY(bucket.take(spec, 50) > 0);
        QCOMPARE(bucket.take(spec, 100), qint64(0)); // refilled one
        // Never more than the burst, however long it was idle.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(bucket.take(spec, 1000000), qint64(0));
        QVERIFY(bucket.take(spec, 1000000) > 0);
    }

    void trackerLimits()
    {
        ConnectionTracker::Limits limits;
        limits.maxConnections = 3;
        limits.maxPerIp = 2;
        limits.maxPerUser = 1;
        limits.policy = UserConnectionPolicy::LimitDevices;
        ConnectionTracker t(limits, RateLimitSpec::perSecond(10, 10));
        const QHostAddress a(QStringLiteral("10.0.0.1"));
        const QHostAddress mappedA(QStringLiteral("::ffff:10.0.0.1"));
        const QHostAddress b(QStringLiteral("10.0.0.2"));
        QCOMPARE(t.check(a), ConnectionTracker::Verdict::Ok);
        t.reserve(a);
        t.reserve(mappedA); // the same client over IPv6
        QCOMPARE(t.check(a), ConnectionTracker::Verdict::IpLimit);
        QCOMPARE(t.check(b), ConnectionTracker::Verdict::Ok);
        t.reserve(b);
        QCOMPARE(t.check(b), ConnectionTracker::Verdict::AtCapacity);
        t.release(a);
        QCOMPARE(t.countForIp(a), 1);
        QCOMPARE(t.total(), 2);

        QList<ConnectionId> replaced;
        ConnectionTracker::UserEntry *entry = nullptr;
        QCOMPARE(t.bindUser(1, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Bound);
        QVERIFY(entry);
        QCOMPARE(t.check(b, QStringLiteral("u")), ConnectionTracker::Verdict::UserLimit);
        QCOMPARE(t.bindUser(2, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Refused);
        t.unbindUser(1, QStringLiteral("u"));
        QCOMPARE(t.countForUser(QStringLiteral("u")), 0);
    }

    void trackerNewestReplacesOldest()
    {
        ConnectionTracker::Limits limits;
        limits.maxPerUser = 2;
        limits.policy = UserConnectionPolicy::NewestReplacesOldest;
        ConnectionTracker t(limits, RateLimitSpec::perSecond(10, 10));
        QList<ConnectionId> replaced;
        ConnectionTracker::UserEntry *entry = nullptr;
        QCOMPARE(t.bindUser(1, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Bound);
        QCOMPARE(t.bindUser(2, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Bound);
        QVERIFY(replaced.isEmpty());
        QCOMPARE(t.bindUser(3, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Bound);
        QCOMPARE(replaced, QList<ConnectionId> {1});
        QCOMPARE(t.connectionsOf(QStringLiteral("u")), (QList<ConnectionId> {2, 3}));
        t.unbindUser(1, QStringLiteral("u")); // already replaced: no effect
        QCOMPARE(t.countForUser(QStringLiteral("u")), 2);
    }

    void trackerOrdersByArrivalNotByAuthentication()
    {
        // Connections 5 and 7 arrived last and authenticated first; 4 (a stale attempt that
        // authenticated late) must not replace them, and 6 replaces only 5.
        ConnectionTracker::Limits limits;
        limits.maxPerUser = 2;
        limits.policy = UserConnectionPolicy::NewestReplacesOldest;
        ConnectionTracker t(limits, RateLimitSpec::perSecond(10, 10));
        QList<ConnectionId> replaced;
        ConnectionTracker::UserEntry *entry = nullptr;
        QCOMPARE(t.bindUser(5, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Bound);
        QCOMPARE(t.bindUser(7, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Bound);
        QCOMPARE(t.bindUser(4, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Superseded);
        QVERIFY(replaced.isEmpty());
        QCOMPARE(t.bindUser(6, QStringLiteral("u"), 0, &replaced, &entry),
                 ConnectionTracker::Binding::Bound);
        QCOMPARE(replaced, QList<ConnectionId> {5});
        QCOMPARE(t.connectionsOf(QStringLiteral("u")), (QList<ConnectionId> {6, 7}));
    }

    void webSocketFrameReader()
    {
        const WebSocketFrameReader reader(1024);
        WebSocketFrameReader::Frame frame;
        qsizetype consumed = 0;
        quint64 length = 0;
        using S = WebSocketFrameReader::Status;
        auto next = [&](const QByteArray &data) {
            return reader.next(data, &frame, &consumed, &length);
        };
        // A masked "Hi" text frame (mask 01 02 03 04), followed by the next frame's first byte.
        QByteArray hi = QByteArray::fromHex("818201020304") + QByteArray("Hi");
        hi[6] = char('H' ^ 0x01);
        hi[7] = char('i' ^ 0x02);
        QCOMPARE(next(hi + char(0x89)), S::Frame);
        QCOMPARE(frame.opcode, WsOpcode::Text);
        QVERIFY(frame.fin);
        QCOMPARE(frame.payload, QByteArray("Hi"));
        QCOMPARE(consumed, qsizetype(8));
        for (qsizetype n = 0; n < hi.size(); ++n)
            QCOMPARE(next(hi.left(n)), S::NeedMore);
        // RSV bits, an unknown opcode, an unmasked client frame: the stream cannot be followed.
        QCOMPARE(next(QByteArray::fromHex("c18001020304")), S::Malformed);
        QCOMPARE(next(QByteArray::fromHex("838001020304")), S::Malformed);
        QCOMPARE(next(QByteArray::fromHex("8100")), S::Malformed);
        // Control frames: never fragmented, at most 125 bytes.
        QCOMPARE(next(QByteArray::fromHex("098001020304")), S::Malformed);
        QCOMPARE(next(QByteArray::fromHex("89fe007e01020304")), S::Malformed);
        // Lengths in their shortest form only.
        QCOMPARE(next(QByteArray::fromHex("81fe000501020304") + QByteArray(5, 'x')), S::Malformed);
        QCOMPARE(next(QByteArray::fromHex("81ff000000000000ffff01020304")), S::Malformed);
        // Over the limit: refused from the header alone, with the length to skip.
        QCOMPARE(next(QByteArray::fromHex("81ff000000004000000001020304")), S::TooBig);
        QCOMPARE(consumed, qsizetype(14));
        QCOMPARE(length, quint64(1) << 30);
        QCOMPARE(next(QByteArray::fromHex("81fe040101020304")), S::TooBig);
        QCOMPARE(length, quint64(1025));
        // Server frames are unmasked, with the shortest length encoding.
        QCOMPARE(WebSocketFrameReader::header(WsOpcode::Text, 5), QByteArray::fromHex("8105"));
        QCOMPARE(WebSocketFrameReader::header(WsOpcode::Text, 300),
                 QByteArray::fromHex("817e012c"));
        QCOMPARE(WebSocketFrameReader::header(WsOpcode::Close, 70000),
                 QByteArray::fromHex("887f0000000000011170"));
    }

    // Checked in place, it must agree with Qt's decoder on every case RFC 3629 singles out.
    void utf8Validation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii, longer than a word")
                << QByteArray("{\"type\":\"ping\",\"id\":\"1\"}") << true;
        QTest::newRow("2-byte") << QByteArray("caf\xc3\xa9") << true;
        QTest::newRow("3-byte") << QByteArray("\xe2\x82\xac euro") << true;
        QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x9a\x97 taxi") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("overlong 2-byte") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false;
        QTest::newRow("overlong 4-byte") << QByteArray("\xf0\x80\x80\xaf") << false;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("lone continuation") << QByteArray("abcdefgh\x80") << false;
        QTest::newRow("truncated at the end") << QByteArray("abcdefgh\xe2\x82") << false;
        QTest::newRow("bad continuation") << QByteArray("\xe2\x28\xa1") << false;
        QTest::newRow("f5 lead") << QByteArray("\xf5\x80\x80\x80") << false;
        QTest::newRow("ff") << QByteArray("\xff") << false;
    }
    void utf8Validation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidUtf8(bytes), valid);
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder(bytes);
        QCOMPARE(!decoder.hasError(), valid);
    }

    // Items posted from another thread arrive on the receiver's thread, all of them, in order,
    // in fewer batches than posts.
    void mailboxHandsOverInOrderInBatches()
    {
        QObject receiver;
        std::vector<int> received;
        int batches = 0;
        Qt::HANDLE drainThread = nullptr;
        Mailbox<int> mailbox(&receiver, [&](std::vector<int> &items) {
            ++batches;
            drainThread = QThread::currentThreadId();
            received.insert(received.end(), items.begin(), items.end());
        });
        constexpr int kItems = 10000;
        std::unique_ptr<QThread> poster(QThread::create([&mailbox] {
            for (int i = 0; i < kItems; ++i)
                mailbox.post(i);
        }));
        poster->start();
        QVERIFY(poster->wait(10000));
        QTRY_COMPARE(int(received.size()), kItems);
        for (int i = 0; i < kItems; ++i)
            QCOMPARE(received[std::size_t(i)], i);
        QCOMPARE(drainThread, QThread::currentThreadId());
        QVERIFY2(batches < kItems, qPrintable(QString::number(batches)));
    }

    void originPolicy()
    {
        const OriginPolicy any;
        QVERIFY(any.allows("https://evil.example"));
        const OriginPolicy p({QStringLiteral("https://app.nebengjek.id"),
                              QStringLiteral("https://*.nebengjek.dev/")});
        QVERIFY(p.allows(QByteArrayView())); // native client: no Origin header
        QVERIFY(p.allows("https://app.nebengjek.id"));
        QVERIFY(p.allows("HTTPS://APP.NEBENGJEK.ID"));
        QVERIFY(p.allows("https://staging.nebengjek.dev"));
        QVERIFY(!p.allows("https://nebengjek.dev"));
        QVERIFY(!p.allows("http://app.nebengjek.id"));
        QVERIFY(!p.allows("https://app.nebengjek.id.evil.example"));
        QVERIFY(!p.allows("https://evilnebengjek.dev"));
        QVERIFY(!p.allows("null"));
        QVERIFY(OriginPolicy({QStringLiteral("*")}).allows("https://x.example"));
    }

    void httpHead()
    {
        const QByteArray raw = "GET /ws?token=abc.def.ghi&v=2 HTTP/1.1\r\nHost: x\r\n"
                               "Connection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n"
                               "Authorization: Bearer t0k3n\r\n\r\nEXTRA";
        HttpRequestHead head;
        QCOMPARE(HttpRequestHead::parse(raw.first(20), &head), HttpRequestHead::Status::Incomplete);
        QCOMPARE(HttpRequestHead::parse(raw, &head), HttpRequestHead::Status::Complete);
        QCOMPARE(head.method, QByteArray("GET"));
        QCOMPARE(head.path, QByteArray("/ws"));
        QCOMPARE(head.length, raw.indexOf("EXTRA"));
        QVERIFY(head.isWebSocketUpgrade());
        QVERIFY(head.headerHasToken("connection", "upgrade"));
        QCOMPARE(head.header("authorization"), QByteArray("Bearer t0k3n"));
        QCOMPARE(head.queryValue("token"), QByteArray("abc.def.ghi"));
        QVERIFY(head.queryValue("missing").isNull());
        QCOMPARE(head.redactedTarget(), QByteArray("/ws?token=REDACTED&v=2"));
        QVERIFY(!head.redactedTarget().contains("abc"));

        QCOMPARE(HttpRequestHead::parse("garbage\r\n\r\n", &head),
                 HttpRequestHead::Status::Invalid);
        QCOMPARE(HttpRequestHead::parse("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n", &head),
                 HttpRequestHead::Status::Invalid);
        QCOMPARE(HttpRequestHead::parse(QByteArray(HttpRequestHead::kMaxBytes, 'a'), &head),
                 HttpRequestHead::Status::TooLarge);
        QByteArray many = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < HttpRequestHead::kMaxHeaders + 1; ++i)
            many += "X-" + QByteArray::number(i) + ": v\r\n";
        many += "\r\n";
        QCOMPARE(HttpRequestHead::parse(many, &head), HttpRequestHead::Status::TooLarge);
    }

    void prometheusExposition()
    {
        MetricsRegistry registry;
        auto *requests = registry.counter(QStringLiteral("nebengjek_test_total"),
                                          QStringLiteral("Things."), {QStringLiteral("type")});
        requests->withLabels({QStringLiteral("a\"b")})->increment(3);
        requests->withLabels({QStringLiteral("ping")})->increment();
        QCOMPARE(requests->withLabels({QStringLiteral("ping")})->value(), quint64(1));
        registry.gauge(QStringLiteral("nebengjek_level"), QStringLiteral("Level."))->get()->set(-2);
        auto *h = registry.histogram(QStringLiteral("nebengjek_latency_seconds"),
                                     QStringLiteral("Latency."), {0.1, 1})
                          ->get();
        h->observe(0.05);
        h->observe(0.5);
        h->observe(5);
        registry.callbackGauge(QStringLiteral("nebengjek_answer"), QStringLiteral("Answer."),
                               [] { return 42.0; });
        const QByteArray text = registry.exposition();
        QVERIFY(text.contains(
                "# HELP nebengjek_test_total Things.\n# TYPE nebengjek_test_total counter\n"));
        QVERIFY(text.contains("nebengjek_test_total{type=\"a\\\"b\"} 3\n"));
        QVERIFY(text.contains("nebengjek_test_total{type=\"ping\"} 1\n"));
        QVERIFY(text.contains("# TYPE nebengjek_level gauge\nnebengjek_level -2\n"));
        QVERIFY(text.contains("nebengjek_latency_seconds_bucket{le=\"0.1\"} 1\n"));
        QVERIFY(text.contains("nebengjek_latency_seconds_bucket{le=\"1\"} 2\n"));
        QVERIFY(text.contains("nebengjek_latency_seconds_bucket{le=\"+Inf\"} 3\n"));
        QVERIFY(text.contains("nebengjek_latency_seconds_sum 5.55"));
        QVERIFY(text.contains("nebengjek_latency_seconds_count 3\n"));
        QVERIFY(text.contains("nebengjek_answer 42\n"));
    }

    void healthLevels()
    {
        HealthMonitor monitor;
        HealthStatus storage = HealthStatus::Healthy;
        HealthStatus load = HealthStatus::Healthy;
        monitor.addCheck(QStringLiteral("storage"), [&] {
            return HealthCheckResult {storage, QStringLiteral("disk full")};
        });
        monitor.addCheck(QStringLiteral("load"), [&] {
            return HealthCheckResult {load, QStringLiteral("busy")};
        });
        HealthReport r = monitor.evaluate();
        QCOMPARE(r.status, HealthStatus::Healthy);
        QCOMPARE(r.httpStatus(), 200);
        QVERIFY(r.reasons.isEmpty());
        load = HealthStatus::Degraded;
        r = monitor.evaluate();
        QCOMPARE(r.status, HealthStatus::Degraded);
        QCOMPARE(r.httpStatus(), 200);
        QCOMPARE(r.reasons, QStringList {QStringLiteral("load: busy")});
        storage = HealthStatus::Critical;
        r = monitor.evaluate();
        QCOMPARE(r.status, HealthStatus::Critical);
        QCOMPARE(r.httpStatus(), 503);
        QCOMPARE(r.reasons.size(), 2);
        QCOMPARE(r.toJson().value(QStringLiteral("status")).toString(), QStringLiteral("Critical"));
    }
};

QTEST_GUILESS_MAIN(TestGatewayParts)
#include "tst_gateway_parts.moc"
