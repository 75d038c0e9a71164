// SPDX-License-Identifier: MIT
// Health history: the monitor's bounded list of transitions (order, reasons, injected clock,
// one log line each), and GET /health/history on a real loopback port through
// Healthy -> Degraded -> Unhealthy -> Degraded -> Healthy, driven by the connection count
// against --max-connections, and Healthy -> Critical -> Healthy through a real storage failure.
#include "../gateway/gatewaytestkit.h"

#include <metrics/healthmonitor.h>
#include <storage/sqlconnection.h>

#include <QJsonArray>

#include <memory>

using namespace TestKit;

namespace {

// Collects the "event=health_changed" lines while alive, then restores the previous handler.
class HealthLogCapture
{
public:
    HealthLogCapture()
    {
        s_current = this;
        m_previous = qInstallMessageHandler(&HealthLogCapture::handle);
    }
    ~HealthLogCapture()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    QStringList lines;

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (s_current && text.startsWith(QLatin1String("event=health_changed")))
            s_current->lines.append(text);
        if (s_current && s_current->m_previous)
            s_current->m_previous(type, context, text);
    }
    static inline HealthLogCapture *s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
};

QJsonObject getJson(quint16 port, const QByteArray &target, int expectedStatus = 200)
{
    const HttpResult r = rawRequest(port, getRequest(target));
    if (r.status != expectedStatus)
        qWarning("%s: HTTP %d %s", target.constData(), r.status, r.body.constData());
    return QJsonDocument::fromJson(r.body).object();
}

QString statusOf(quint16 port)
{
    const HttpResult r = rawRequest(port, getRequest("/health"));
    return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("status")).toString();
}

bool waitStatus(quint16 port, const QString &status)
{
    return QTest::qWaitFor([&] { return statusOf(port) == status; }, kWait);
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out.append(v.toString());
    return out;
}

} // namespace

class TestHealthHistory : public QObject
{
    Q_OBJECT

private slots:
    // --- the monitor ---------------------------------------------------------------------

    void recordsOnlyChangesWithClockAndReasons()
    {
        qint64 now = 1'000;
        HealthMonitor monitor([&now] { return now; });
        HealthCheckResult load;
        monitor.addCheck(QStringLiteral("load"), [&load] { return load; });

        monitor.evaluate();
        monitor.evaluate();
        QCOMPARE(monitor.history().size(), std::size_t(0)); // Healthy from the start: no change

        now = 2'000;
        load = {HealthStatus::Degraded, QStringLiteral("busy")};
        monitor.evaluate();
        now = 2'500;
        monitor.evaluate(); // same level: nothing new
        now = 3'000;
        load = {HealthStatus::Healthy, {}};
        monitor.evaluate();

        const auto &h = monitor.history();
        QCOMPARE(h.size(), std::size_t(2));
        QCOMPARE(h[0].atMs, 2'000);
        QCOMPARE(h[0].from, HealthStatus::Healthy);
        QCOMPARE(h[0].to, HealthStatus::Degraded);
        QCOMPARE(h[0].reasons, QStringList {QStringLiteral("load: busy")});
        QVERIFY(h[0].previousReasons.isEmpty());
        QCOMPARE(h[1].atMs, 3'000);
        QCOMPARE(h[1].from, HealthStatus::Degraded);
        QCOMPARE(h[1].to, HealthStatus::Healthy);
        QVERIFY(h[1].reasons.isEmpty());
        QCOMPARE(h[1].previousReasons, QStringList {QStringLiteral("load: busy")});

        const QJsonObject json = h[1].toJson();
        QCOMPARE(json.value(QStringLiteral("at")).toString(),
                 QStringLiteral("1970-01-01T00:00:03.000Z"));
        QCOMPARE(json.value(QStringLiteral("at_ms")).toDouble(), 3'000.0);
        QCOMPARE(json.value(QStringLiteral("from")).toString(), QStringLiteral("Degraded"));
        QCOMPARE(json.value(QStringLiteral("to")).toString(), QStringLiteral("Healthy"));
        QCOMPARE(strings(json.value(QStringLiteral("previous_reasons"))),
                 QStringList {QStringLiteral("load: busy")});
    }

    void worstCheckWinsAndAllReasonsAreKept()
    {
        HealthMonitor monitor([] { return qint64(5); });
        HealthCheckResult a, b;
        monitor.addCheck(QStringLiteral("a"), [&a] { return a; });
        monitor.addCheck(QStringLiteral("b"), [&b] { return b; });
        a = {HealthStatus::Degraded, QStringLiteral("slow")};
        b = {HealthStatus::Critical, QStringLiteral("disk gone")};
        monitor.evaluate();
        QCOMPARE(monitor.history().size(), std::size_t(1));
        QCOMPARE(monitor.history().back().to, HealthStatus::Critical);
        QCOMPARE(monitor.history().back().reasons,
                 (QStringList {QStringLiteral("a: slow"), QStringLiteral("b: disk gone")}));
    }

    void boundedOldestDroppedNewestFirstInJson()
    {
        qint64 now = 0;
        HealthMonitor monitor([&now] { return now; }, 3);
        QCOMPARE(monitor.historyCapacity(), 3);
        HealthCheckResult r;
        monitor.addCheck(QStringLiteral("x"), [&r] { return r; });
        // Five transitions: H->D, D->H, H->U, U->H, H->C at t = 1..5.
        const HealthStatus levels[] = {HealthStatus::Degraded, HealthStatus::Healthy,
                                       HealthStatus::Unhealthy, HealthStatus::Healthy,
                                       HealthStatus::Critical};
        for (const HealthStatus level : levels) {
            ++now;
            r = {level, QStringLiteral("step %1").arg(now)};
            monitor.evaluate();
        }
        const auto &h = monitor.history();
        QCOMPARE(h.size(), std::size_t(3));
        QCOMPARE(h[0].atMs, 3); // the two oldest were dropped
        QCOMPARE(h[0].to, HealthStatus::Unhealthy);
        QCOMPARE(h[2].atMs, 5);
        QCOMPARE(h[2].to, HealthStatus::Critical);

        const QJsonArray all = monitor.historyJson(10);
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).toObject().value(QStringLiteral("at_ms")).toDouble(), 5.0);
        QCOMPARE(all.at(2).toObject().value(QStringLiteral("at_ms")).toDouble(), 3.0);
        const QJsonArray newest = monitor.historyJson(1);
        QCOMPARE(newest.size(), 1);
        QCOMPARE(newest.at(0).toObject().value(QStringLiteral("to")).toString(),
                 QStringLiteral("Critical"));
    }

    void eachTransitionLoggedOnce()
    {
        HealthLogCapture log;
        HealthMonitor monitor([] { return qint64(1); });
        HealthCheckResult r;
        monitor.addCheck(QStringLiteral("x"), [&r] { return r; });
        r = {HealthStatus::Unhealthy, QStringLiteral("full")};
        for (int i = 0; i < 5; ++i)
            monitor.evaluate();
        r = {};
        for (int i = 0; i < 5; ++i)
            monitor.evaluate();
        QCOMPARE(log.lines.size(), 2);
        QCOMPARE(log.lines.at(0),
                 QStringLiteral("event=health_changed from=Healthy to=Unhealthy "
                                "reasons=\"x: full\" previous=\"\""));
        QCOMPARE(log.lines.at(1),
                 QStringLiteral("event=health_changed from=Unhealthy to=Healthy reasons=\"\" "
                                "previous=\"x: full\""));
    }

    // --- GET /health/history on a real port ------------------------------------------------

    void historyThroughDegradedAndBack()
    {
        ServerConfig config = testConfig();
        config.maxConnections = 10; // Degraded from 9 (90 %), Unhealthy at 10
        // No sweeps during the test: the event loop check measures lag at sweeps, and a
        // stalled CI machine must not add an event_loop transition. Transitions are then
        // recorded by the /health requests below (sweep recording has its own test).
        config.sweepIntervalMs = 600'000;
        HealthLogCapture log;
        TestServer server(config);
        QVERIFY(server.ok());
        const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(statusOf(server.port()), QStringLiteral("Healthy"));
        QCOMPARE(getJson(server.port(), "/health/history")
                         .value(QStringLiteral("transitions"))
                         .toArray()
                         .size(),
                 0);

        std::vector<std::unique_ptr<WsClient>> clients;
        auto connectOne = [&] {
            auto c = std::make_unique<WsClient>();
            c->open(server.url(),
                    {{"Authorization",
                      bearer(token(QStringLiteral("hh-%1").arg(clients.size())))}});
            const bool ok = c->waitFor(QStringLiteral("auth_success")).has_value();
            clients.push_back(std::move(c));
            return ok;
        };
        for (int i = 0; i < 8; ++i)
            QVERIFY(connectOne());
        QCOMPARE(statusOf(server.port()), QStringLiteral("Healthy"));
        QVERIFY(connectOne()); // 9 of 10
        QVERIFY(waitStatus(server.port(), QStringLiteral("Degraded")));
        QVERIFY(connectOne()); // 10 of 10
        QVERIFY(waitStatus(server.port(), QStringLiteral("Unhealthy")));
        clients.back()->socket.close();
        QVERIFY(clients.back()->waitDisconnected());
        QVERIFY(waitStatus(server.port(), QStringLiteral("Degraded")));
        for (auto &c : clients)
            c->socket.close();
        QVERIFY(waitStatus(server.port(), QStringLiteral("Healthy")));
        const qint64 endedMs = QDateTime::currentMSecsSinceEpoch();

        const QJsonObject body = getJson(server.port(), "/health/history");
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("Healthy"));
        QCOMPARE(body.value(QStringLiteral("capacity")).toInt(),
                 HealthMonitor::kDefaultHistoryCapacity);
        const QJsonArray transitions = body.value(QStringLiteral("transitions")).toArray();
        // Newest first.
        const QStringList expected = {
                QStringLiteral("Degraded->Healthy"), QStringLiteral("Unhealthy->Degraded"),
                QStringLiteral("Degraded->Unhealthy"), QStringLiteral("Healthy->Degraded")};
        QStringList seen;
        qint64 previousAt = endedMs;
        for (const QJsonValue &v : transitions) {
            const QJsonObject t = v.toObject();
            seen.append(t.value(QStringLiteral("from")).toString() + QStringLiteral("->")
                        + t.value(QStringLiteral("to")).toString());
            const qint64 at = qint64(t.value(QStringLiteral("at_ms")).toDouble());
            QVERIFY(at >= startedMs && at <= previousAt);
            previousAt = at;
            QVERIFY(!t.value(QStringLiteral("at")).toString().isEmpty());
        }
        QCOMPARE(seen, expected);
        QCOMPARE(strings(transitions.at(3).toObject().value(QStringLiteral("reasons"))),
                 QStringList {QStringLiteral("capacity: 9 of 10 connections in use")});
        QCOMPARE(strings(transitions.at(2).toObject().value(QStringLiteral("reasons"))),
                 QStringList {QStringLiteral("capacity: 10 of 10 connections in use")});
        QCOMPARE(strings(transitions.at(1).toObject().value(QStringLiteral("reasons"))),
                 QStringList {QStringLiteral("capacity: 9 of 10 connections in use")});
        QVERIFY(transitions.at(0).toObject().value(QStringLiteral("reasons")).toArray().isEmpty());
        QVERIFY(strings(transitions.at(0).toObject().value(QStringLiteral("previous_reasons")))
                        .value(0)
                        .startsWith(QLatin1String("capacity: ")));

        // Logged once each, however often /health was asked in between.
        QCOMPARE(log.lines.size(), 4);
        QVERIFY(log.lines.at(0).startsWith(
                QLatin1String("event=health_changed from=Healthy to=Degraded")));
        QVERIFY(log.lines.at(3).startsWith(
                QLatin1String("event=health_changed from=Degraded to=Healthy")));

        // ?limit=N: the newest N.
        const QJsonArray two = getJson(server.port(), "/health/history?limit=2")
                                       .value(QStringLiteral("transitions"))
                                       .toArray();
        QCOMPARE(two.size(), 2);
        QCOMPARE(two.at(0).toObject().value(QStringLiteral("to")).toString(),
                 QStringLiteral("Healthy"));
    }

    // A real storage failure: a table renamed from under the hub, then put back.
    void storageFailureIsCriticalThenRecovers()
    {
        ServerConfig config = testConfig();
        config.sweepIntervalMs = 600'000; // no event_loop transitions on a stalled CI machine
        TestServer server(config);
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("st-1")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        const QString scrapeUp = QStringLiteral("nebengjek_dependency_up{dependency=\"storage\"} ");
        const QString scrapeCircuit =
                QStringLiteral("nebengjek_circuit_state{dependency=\"storage\"} ");
        auto metrics = [&] {
            return QString::fromUtf8(rawRequest(server.port(), getRequest("/metrics")).body);
        };
        QVERIFY(metrics().contains(scrapeUp + QLatin1Char('1')));
        QVERIFY(metrics().contains(scrapeCircuit + QLatin1Char('0')));

        QVERIFY(server.storage->connection().execute(
                QStringLiteral("ALTER TABLE notifications RENAME TO broken_notifications")));
        client.send(
                message(QStringLiteral("notification.get_unread_count"), {}, QStringLiteral("u1")));
        const auto failed = client.waitFor(QStringLiteral("error"), QStringLiteral("u1"));
        QVERIFY(failed.has_value());
        QCOMPARE(failed->value(QStringLiteral("payload"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                 QStringLiteral("UNAVAILABLE"));
        const HttpResult critical = rawRequest(server.port(), getRequest("/health"));
        QCOMPARE(critical.status, 503);
        QCOMPARE(QJsonDocument::fromJson(critical.body)
                         .object()
                         .value(QStringLiteral("status"))
                         .toString(),
                 QStringLiteral("Critical"));
        QVERIFY(metrics().contains(scrapeUp + QLatin1Char('0')));
        // A query does not trip the breaker around the database; three failing commands do:
        // its circuit reads 2 (open), and the next command is refused without a query.
        QVERIFY(metrics().contains(scrapeCircuit + QLatin1Char('0')));
        for (int i = 0; i < 4; ++i) {
            const QString id = QStringLiteral("m%1").arg(i);
            client.send(message(QStringLiteral("notification.mark_all_read"), {}, id));
            const auto refused = client.waitFor(QStringLiteral("error"), id);
            QVERIFY(refused.has_value());
            QCOMPARE(refused->value(QStringLiteral("payload"))
                             .toObject()
                             .value(QStringLiteral("code"))
                             .toString(),
                     QStringLiteral("UNAVAILABLE"));
        }
        // The dependency gauges follow each health evaluation (every sweep; here: a request).
        (void)rawRequest(server.port(), getRequest("/health"));
        QVERIFY(metrics().contains(scrapeCircuit + QLatin1Char('2')));

        // Storage answers again (a successful statement marks it healthy).
        QVERIFY(server.storage->connection().execute(
                QStringLiteral("ALTER TABLE broken_notifications RENAME TO notifications")));
        QVERIFY(waitStatus(server.port(), QStringLiteral("Healthy")));
        QVERIFY(metrics().contains(scrapeUp + QLatin1Char('1')));
        // After its cool-down the breaker lets one command through; its success closes it.
        int attempt = 0;
        QVERIFY(QTest::qWaitFor(
                [&] {
                    const QString id = QStringLiteral("r%1").arg(++attempt);
                    client.send(message(QStringLiteral("notification.mark_all_read"), {}, id));
                    QString type;
                    (void)QTest::qWaitFor(
                            [&] {
                                for (const QJsonObject &m : std::as_const(client.messages)) {
                                    if (m.value(QStringLiteral("id")).toString() == id)
                                        type = m.value(QStringLiteral("type")).toString();
                                }
                                return !type.isEmpty();
                            },
                            kWait);
                    return !type.isEmpty() && type != QLatin1String("error");
                },
                kWait));
        (void)rawRequest(server.port(), getRequest("/health"));
        QVERIFY(metrics().contains(scrapeCircuit + QLatin1Char('0')));

        const QJsonArray transitions = getJson(server.port(), "/health/history")
                                               .value(QStringLiteral("transitions"))
                                               .toArray();
        QCOMPARE(transitions.size(), 2);
        const QJsonObject down = transitions.at(1).toObject();
        QCOMPARE(down.value(QStringLiteral("from")).toString(), QStringLiteral("Healthy"));
        QCOMPARE(down.value(QStringLiteral("to")).toString(), QStringLiteral("Critical"));
        QCOMPARE(strings(down.value(QStringLiteral("reasons"))),
                 QStringList {QStringLiteral("storage: storage is failing")});
        const QJsonObject up = transitions.at(0).toObject();
        QCOMPARE(up.value(QStringLiteral("from")).toString(), QStringLiteral("Critical"));
        QCOMPARE(up.value(QStringLiteral("to")).toString(), QStringLiteral("Healthy"));
        QCOMPARE(strings(up.value(QStringLiteral("previous_reasons"))),
                 QStringList {QStringLiteral("storage: storage is failing")});
    }

    void badLimitIsRefusedAndServerStaysHealthy()
    {
        TestServer server;
        QVERIFY(server.ok());
        for (const QByteArray &target : {QByteArrayLiteral("/health/history?limit=0"),
                                         QByteArrayLiteral("/health/history?limit=abc"),
                                         QByteArrayLiteral("/health/history?limit=100000")}) {
            const HttpResult r = rawRequest(server.port(), getRequest(target));
            QCOMPARE(r.status, 400);
            QCOMPARE(QJsonDocument::fromJson(r.body)
                             .object()
                             .value(QStringLiteral("reason"))
                             .toString(),
                     QStringLiteral("bad_limit"));
        }
        QCOMPARE(rawRequest(server.port(), "POST /health/history HTTP/1.1\r\nHost: x\r\n\r\n")
                         .status,
                 405);
        QCOMPARE(statusOf(server.port()), QStringLiteral("Healthy"));
    }

    void sweepRecordsTransitionsWithoutRequests()
    {
        ServerConfig config = testConfig(); // sweeps every 20 ms
        config.maxConnections = 1;
        HealthLogCapture log;
        TestServer server(config);
        QVERIFY(server.ok());
        WsClient client;
        client.open(server.url(), {{"Authorization", bearer(token(QStringLiteral("sweep-1")))}});
        QVERIFY(client.waitFor(QStringLiteral("auth_success")));
        // No /health request was made: only the sweep can have evaluated health.
        QVERIFY(QTest::qWaitFor(
                [&] { return !log.lines.filter(QLatin1String("to=Unhealthy")).isEmpty(); }, kWait));
        QVERIFY(log.lines.filter(QLatin1String("to=Unhealthy"))
                        .first()
                        .contains(QLatin1String("capacity: 1 of 1 connections in use")));
        bool found = false;
        for (const QJsonValue &v : getJson(server.port(), "/health/history")
                                           .value(QStringLiteral("transitions"))
                                           .toArray()) {
            const QJsonObject t = v.toObject();
            found = found
                    || (t.value(QStringLiteral("to")).toString() == QStringLiteral("Unhealthy")
                        && strings(t.value(QStringLiteral("reasons")))
                                   .contains(
                                           QStringLiteral("capacity: 1 of 1 connections in use")));
        }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestHealthHistory)
#include "tst_health_history.moc"
