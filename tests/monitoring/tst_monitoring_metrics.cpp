// SPDX-License-Identifier: MIT
// The Grafana dashboard and the Prometheus alert rules may only use metrics that a running
// nebengjek-server exports: starts the real executable on a free port, scrapes /metrics and
// checks every metric name in every PromQL expression of monitoring/.
#include "../gateway/gatewaytestkit.h"
#include "promqlmetricnames.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace TestKit;
using namespace MonitoringCheck;

namespace {
const QString kServer = QStringLiteral(NEBENGJEK_SERVER_EXECUTABLE);
const QString kMonitoringDir = QStringLiteral(NEBENGJEK_MONITORING_DIR);
// Series Prometheus itself adds to every target; not the server's to export.
const QSet<QString> kScrapeSeries = {QStringLiteral("up"),
                                     QStringLiteral("scrape_duration_seconds"),
                                     QStringLiteral("scrape_samples_scraped")};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray scrapeRealServer()
{
    QTemporaryDir dir;
    QProcess process;
    QByteArray log;
    process.setProgram(kServer);
    process.setArguments({QStringLiteral("--dev"), QStringLiteral("--port"), QStringLiteral("0"),
                          QStringLiteral("--data-dir"), dir.path()});
    QObject::connect(&process, &QProcess::readyReadStandardError,
                     [&] { log += process.readAllStandardError(); });
    process.start();
    static const QRegularExpression re(QStringLiteral("event=listening .*port=(\\d+)"));
    quint16 port = 0;
    (void)QTest::qWaitFor(
            [&] {
                const auto m = re.match(QString::fromUtf8(log));
                if (m.hasMatch())
                    port = quint16(m.captured(1).toUInt());
                return port != 0 || process.state() == QProcess::NotRunning;
            },
            kWait);
    QByteArray body;
    if (port != 0) {
        const HttpResult r = rawRequest(port, getRequest("/metrics"));
        if (r.status == 200)
            body = r.body;
    } else {
        qWarning("server did not start: %s", log.constData());
    }
    process.terminate();
    if (!process.waitForFinished(kWait))
        process.kill();
    return body;
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}
} // namespace

class TestMonitoringMetrics : public QObject
{
    Q_OBJECT

private slots:
    // The extractor itself, so a bug there cannot hide a missing metric.
    void extractsMetricNames_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("plain") << QStringLiteral("up == 0") << QStringList {QStringLiteral("up")};
        QTest::newRow("labels and strings")
                << QStringLiteral("nebengjek_a_total{reason!=\"b c\", d=~'e|f'} > 1")
                << QStringList {QStringLiteral("nebengjek_a_total")};
        QTest::newRow("aggregation, by before and after")
                << QStringLiteral("sum by (role, le) (rate(x_total[5m])) / sum(y) by (role)")
                << QStringList {QStringLiteral("x_total"), QStringLiteral("y")};
        QTest::newRow("histogram")
                << QStringLiteral("histogram_quantile(0.99, sum by (le) "
                                  "(rate(h_seconds_bucket{instance=~\"$instance\"}"
                                  "[$__rate_interval])))")
                << QStringList {QStringLiteral("h_seconds_bucket")};
        QTest::newRow("matching, offset, bool, numbers")
                << QStringLiteral("a / on(instance) group_left(job) b offset 5m > bool 1e3 "
                                  "and ignoring (x) c unless d")
                << QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                QStringLiteral("d")};
        QTest::newRow("absent, recording-rule colons")
                << QStringLiteral("absent(up{job=\"nebengjek\"}) or job:rate:sum")
                << QStringList {QStringLiteral("job:rate:sum"), QStringLiteral("up")};
        QTest::newRow("grafana variables")
                << QStringLiteral("m{instance=~\"${instance}\"} * $factor")
                << QStringList {QStringLiteral("m")};
        QTest::newRow("label_values") << QStringLiteral("label_values(m_total{job=~\"$job\"}, "
                                                        "instance)")
                                      << QStringList {QStringLiteral("m_total")};
        QTest::newRow("label_values without metric")
                << QStringLiteral("label_values(instance)") << QStringList {};
    }
    void extractsMetricNames()
    {
        QFETCH(QString, expr);
        QFETCH(QStringList, names);
        QCOMPARE(sorted(metricNamesIn(expr)), names);
    }

    void readsRuleExpressionsAndExposition()
    {
        const QByteArray yaml = "groups:\n  - name: g\n    rules:\n      - alert: A\n"
                                "        expr: up == 0\n        for: 1m\n      - alert: B\n"
                                "        expr: |\n          sum(a)\n            /\n"
                                "          sum(b)\n        labels:\n          x: y\n"
                                "      - record: r\n        expr: \"c > 1\"\n";
        QCOMPARE(ruleExpressions(yaml),
                 (QStringList {QStringLiteral("up == 0"), QStringLiteral("sum(a) / sum(b)"),
                               QStringLiteral("c > 1")}));
        const QByteArray exposition = "# HELP h_seconds x\n# TYPE h_seconds histogram\n"
                                      "# TYPE g gauge\ng{a=\"1\"} 3\nplain 1\n";
        QCOMPARE(
                sorted(exportedNames(exposition)),
                (QStringList {QStringLiteral("g"), QStringLiteral("h_seconds"),
                              QStringLiteral("h_seconds_bucket"), QStringLiteral("h_seconds_count"),
                              QStringLiteral("h_seconds_sum"), QStringLiteral("plain")}));
    }

    // The check proper.
    void dashboardAndAlertsUseOnlyExportedMetrics()
    {
        const QByteArray exposition = scrapeRealServer();
        QVERIFY2(exposition.contains("# TYPE nebengjek_"), "no /metrics from the real server");
        const QSet<QString> exported = exportedNames(exposition);

        const QByteArray dashboardJson =
                readFile(kMonitoringDir + QStringLiteral("/grafana/nebengjek.json"));
        QJsonParseError error;
        const QJsonDocument dashboard = QJsonDocument::fromJson(dashboardJson, &error);
        QVERIFY2(!dashboard.isNull(), qPrintable(error.errorString()));
        const QStringList dashboardExprs = dashboardExpressions(dashboard.object());
        QVERIFY2(dashboardExprs.size() >= 20, "the dashboard has too few queries");

        const QStringList alertExprs = ruleExpressions(
                readFile(kMonitoringDir + QStringLiteral("/prometheus/alerts.yml")));
        QVERIFY2(alertExprs.size() >= 6, "alerts.yml has too few rules");

        QStringList problems;
        QSet<QString> used;
        auto check = [&](const QString &where, const QStringList &exprs) {
            for (const QString &expr : exprs) {
                const QSet<QString> names = metricNamesIn(expr);
                if (names.isEmpty())
                    problems.append(where + QStringLiteral(": no metric in: ") + expr);
                for (const QString &name : names) {
                    used.insert(name);
                    if (!exported.contains(name) && !kScrapeSeries.contains(name))
                        problems.append(where + QStringLiteral(": ") + name
                                        + QStringLiteral(" is not exported (in: ") + expr
                                        + QLatin1Char(')'));
                }
            }
        };
        check(QStringLiteral("grafana/nebengjek.json"), dashboardExprs);
        check(QStringLiteral("prometheus/alerts.yml"), alertExprs);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // The panels: each of these families is on the dashboard or in an alert.
        for (const char *family :
             {"nebengjek_connections_active", "nebengjek_connections_total",
              "nebengjek_connections_rejected_total", "nebengjek_messages_received_total",
              "nebengjek_errors_total", "nebengjek_message_handling_seconds_bucket",
              "nebengjek_connection_duration_seconds_bucket", "nebengjek_outbound_queued_bytes",
              "nebengjek_health_status", "nebengjek_dependency_up", "nebengjek_circuit_state"})
            QVERIFY2(used.contains(QLatin1String(family)), family);
    }
};

QTEST_GUILESS_MAIN(TestMonitoringMetrics)
#include "tst_monitoring_metrics.moc"
