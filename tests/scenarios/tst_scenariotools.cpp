// SPDX-License-Identifier: MIT
// The pieces a scenario run is judged by: if the matcher or the variables were wrong, every
// scenario test would be wrong with them.
#include <core/devtoken.h>
#include <core/inputline.h>
#include <core/latencystats.h>
#include <core/messageprinter.h>
#include <scenario/jsonmatcher.h>
#include <scenario/scenario.h>
#include <scenario/variablestore.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace NebengJek::TestClient;

namespace {
// Test JSON is written with single quotes (moc of Qt 6.4 does not understand raw strings).
QJsonValue json(const char *text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text).replace('\'', '"'));
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}
QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}
} // namespace

class TestScenarioTools : public QObject
{
    Q_OBJECT
private slots:
    void matcher_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("actual");
        QTest::addColumn<int>("mismatches");
        QTest::newRow("subset") << "{'type':'ack'}"
                                << "{'type':'ack','id':'x','payload':{}}" << 0;
        QTest::newRow("wrong value") << "{'type':'ack'}"
                                     << "{'type':'error'}" << 1;
        QTest::newRow("nested") << "{'p':{'a':1,'b':'x'}}"
                                << "{'p':{'a':1.0,'b':'y','c':3}}" << 1;
        QTest::newRow("missing") << "{'p':{'a':1}}"
                                 << "{'p':{}}" << 1;
        QTest::newRow("any") << "{'a':'$any'}"
                             << "{'a':null}" << 0;
        QTest::newRow("any missing") << "{'a':'$any'}"
                                     << "{}" << 1;
        QTest::newRow("absent") << "{'a':'$absent'}"
                                << "{'b':1}" << 0;
        QTest::newRow("absent present") << "{'a':'$absent'}"
                                        << "{'a':1}" << 1;
        QTest::newRow("types") << "{'s':'$string','n':'$number','b':'$bool'}"
                               << "{'s':'x','n':2,'b':true}" << 0;
        QTest::newRow("type wrong") << "{'n':'$number'}"
                                    << "{'n':'2'}" << 1;
        QTest::newRow("range") << "{'n':{'$gt':0,'$lte':10}}"
                               << "{'n':10}" << 0;
        QTest::newRow("range out") << "{'n':{'$gt':0,'$lt':10}}"
                                   << "{'n':10}" << 1;
        QTest::newRow("regex") << "{'id':{'$regex':'^ride-[0-9]+$'}}"
                               << "{'id':'ride-42'}" << 0;
        QTest::newRow("in") << "{'s':{'$in':['a','b']}}"
                            << "{'s':'c'}" << 1;
        QTest::newRow("array exact") << "{'a':[1,{'k':'v'}]}"
                                     << "{'a':[1,{'k':'v','x':0}]}" << 0;
        QTest::newRow("array length") << "{'a':[1]}"
                                      << "{'a':[1,2]}" << 1;
        QTest::newRow("contains") << "{'a':{'$contains':{'k':2}}}"
                                  << "{'a':[{'k':1},{'k':2}]}" << 0;
        QTest::newRow("literal dollar") << "{'a':'$$any'}"
                                        << "{'a':'$any'}" << 0;
        QTest::newRow("unknown matcher") << "{'a':{'$typo':1}}"
                                         << "{'a':1}" << 1;
    }
    void matcher()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, actual);
        QFETCH(int, mismatches);
        const auto diff = JsonMatcher::compare(json(pattern.toUtf8().constData()),
                                               json(actual.toUtf8().constData()));
        QCOMPARE(diff.size(), mismatches);
    }

    void mismatchNamesPathAndBothValues()
    {
        const auto diff = JsonMatcher::compare(json("{'payload':{'items':[{'id':'a'}]}}"),
                                               json("{'payload':{'items':[{'id':'b'}]}}"));
        QCOMPARE(diff.size(), 1);
        QCOMPARE(diff[0].path, QStringLiteral("payload.items[0].id"));
        QCOMPARE(diff[0].expected, QStringLiteral("\"a\""));
        QCOMPARE(diff[0].actual, QStringLiteral("\"b\""));
    }

    void variablesKeepTypesAndInterpolate()
    {
        VariableStore vars;
        vars.set(QStringLiteral("fare"), 12500);
        vars.set(QStringLiteral("match"), QStringLiteral("m-1"));
        QStringList unresolved;
        const QJsonObject out = vars.substitute(json("{'amount':'${fare}','label':'fare ${fare} "
                                                     "for ${match}','x':'${nope}'}"),
                                                &unresolved)
                                        .toObject();
        QVERIFY(out.value(QStringLiteral("amount")).isDouble());
        QCOMPARE(out.value(QStringLiteral("amount")).toInt(), 12500);
        QCOMPARE(out.value(QStringLiteral("label")).toString(),
                 QStringLiteral("fare 12500 for m-1"));
        QCOMPARE(unresolved, QStringList {QStringLiteral("nope")});
        QCOMPARE(VariableStore::lookup(json("{'payload':{'items':[{'id':7}]}}"),
                                       QStringLiteral("payload.items[0].id"))
                         .toInt(),
                 7);
        QVERIFY(VariableStore::lookup(json("{'payload':{}}"), QStringLiteral("payload.match_id"))
                        .isUndefined());
    }

    void loaderRejectsTyposAndUnknownActors()
    {
        Scenario s;
        QStringList errors;
        QVERIFY(!ScenarioLoader::parse(quoted("{'actors':{'a':{'role':'driver'}},'steps':[{'actor':"
                                              "'a','expcet':{'type':'ack'}}]}"),
                                       QStringLiteral("t.json"), &s, &errors));
        QVERIFY2(errors.join(QLatin1Char(' ')).contains(QStringLiteral("needs exactly one of")),
                 qPrintable(errors.join(QLatin1Char('\n'))));
        errors.clear();
        Scenario s2;
        QVERIFY(!ScenarioLoader::parse(quoted("{'actors':{'a':{'role':'driver'}},'steps':[{'actor':"
                                              "'b','expect':{'type':'ack'}}]}"),
                                       QStringLiteral("t.json"), &s2, &errors));
        QVERIFY(errors.join(QLatin1Char(' ')).contains(QStringLiteral("unknown actor \"b\"")));
        Scenario ok;
        errors.clear();
        QVERIFY2(ScenarioLoader::parse(
                         quoted("{'actors':{'a':{'role':'driver'}},'steps':[{'actor':'a','expect':{"
                                "'type':'ack'},'within_ms':100,'capture':{'m':'payload.x'}}]}"),
                         QStringLiteral("t.json"), &ok, &errors),
                 qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(ok.steps.size(), 1);
        QCOMPARE(ok.steps[0].timeoutMs, 100);
        QCOMPARE(ok.steps[0].name, QStringLiteral("a receives ack"));
    }

    void shippedScenariosLoad()
    {
        const QString dir = QStringLiteral(NEBENGJEK_SCENARIO_DIR);
        const QStringList files = QDir(dir).entryList({QStringLiteral("*.json")});
        QVERIFY(files.size() >= 6);
        for (const QString &f : files) {
            Scenario s;
            QStringList errors;
            QVERIFY2(ScenarioLoader::load(dir + QLatin1Char('/') + f, &s, &errors),
                     qPrintable(errors.join(QLatin1Char('\n'))));
        }
    }

    void printerNeverShowsTokens()
    {
        DevTokenClaims claims;
        claims.userId = QStringLiteral("u1");
        const QByteArray token = DevToken::mint(claims, "secret-secret-secret-secret-32by");
        MessagePrinter printer;
        printer.addSecret(token);
        const QByteArray auth =
                quoted("{'type':'auth','payload':{'token':'") + token + quoted("'}}");
        QString out =
                printer.format(MessagePrinter::Direction::Outgoing, QStringLiteral("a"), auth, 0);
        QVERIFY(!out.contains(QString::fromLatin1(token)));
        QVERIFY(out.contains(QStringLiteral("<redacted>")));
        out = printer.format(MessagePrinter::Direction::Outgoing, QStringLiteral("a"),
                             "raw " + token, 0);
        QVERIFY(!out.contains(QString::fromLatin1(token)));
    }

    void devTokenIsVerifiableHs256()
    {
        DevTokenClaims claims;
        claims.userId = QStringLiteral("drv-1");
        claims.role = NebengJek::Protocol::Role::Driver;
        claims.issuer = QStringLiteral("nebengjek");
        const QByteArray token = DevToken::mint(claims, "k");
        const QList<QByteArray> parts = token.split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject payload =
                QJsonDocument::fromJson(
                        QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding))
                        .object();
        QCOMPARE(payload.value(QStringLiteral("user_id")).toString(), QStringLiteral("drv-1"));
        QCOMPARE(payload.value(QStringLiteral("role")).toString(), QStringLiteral("driver"));
        QCOMPARE(payload.value(QStringLiteral("iss")).toString(), QStringLiteral("nebengjek"));
        QVERIFY(payload.value(QStringLiteral("exp")).toDouble()
                > payload.value(QStringLiteral("iat")).toDouble());
        QCOMPARE(parts[2],
                 DevToken::base64Url(QMessageAuthenticationCode::hash(
                         parts[0] + '.' + parts[1], "k", QCryptographicHash::Sha256)));
    }

    void inputLines()
    {
        const InputLine send = InputLine::parse(
                QStringLiteral("send location_update {\"lat\":-6.2,\"lng\":106.8}"),
                QStringLiteral("qa-1"), 5);
        QCOMPARE(send.kind, InputLine::Kind::Send);
        const QJsonObject o = QJsonDocument::fromJson(send.frame).object();
        QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("location_update"));
        QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("qa-1"));
        QCOMPARE(o.value(QStringLiteral("payload"))
                         .toObject()
                         .value(QStringLiteral("lat"))
                         .toDouble(),
                 -6.2);
        QCOMPARE(InputLine::parse(QStringLiteral("send x {bad"), QStringLiteral("i"), 0).kind,
                 InputLine::Kind::Invalid);
        QCOMPARE(InputLine::parse(QStringLiteral("{\"type\":\"ping\"}"), QStringLiteral("i"), 0)
                         .frame,
                 QByteArray("{\"type\":\"ping\"}"));
        QCOMPARE(InputLine::parse(QStringLiteral("wait 250"), QStringLiteral("i"), 0).number, 250);
    }

    void percentiles()
    {
        LatencyStats stats;
        for (int i = 1; i <= 100; ++i)
            stats.add(i * 1000);
        const LatencyStats::Summary s = stats.summary();
        QCOMPARE(s.count, 100);
        QCOMPARE(s.p50Ms, 50.0);
        QCOMPARE(s.p99Ms, 99.0);
        QCOMPARE(s.maxMs, 100.0);
    }
};

QTEST_GUILESS_MAIN(TestScenarioTools)
#include "tst_scenariotools.moc"
