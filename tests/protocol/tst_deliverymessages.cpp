// SPDX-License-Identifier: MIT
// Delivery messages (messages/deliverymessages.h): resume, resume.done, resync_required, and the
// envelope seq they refer to.
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {
constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;
} // namespace

class TestDeliveryMessages : public QObject
{
    Q_OBJECT

private slots:
    void resume_data();
    void resume();
    void resumeDone();
    void resyncRequired();
    void durableEventCarriesSeq();
    void validation_data();
    void validation();
};

void TestDeliveryMessages::resume_data()
{
    QTest::addColumn<qint64>("lastSeq");
    QTest::newRow("fresh install") << qint64(0);
    QTest::newRow("typical") << qint64(41);
    QTest::newRow("2^53-1") << kMaxSequence;
}

void TestDeliveryMessages::resume()
{
    QFETCH(qint64, lastSeq);
    const auto rt = roundTrip(Resume {lastSeq}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->lastSeq, lastSeq);
}

void TestDeliveryMessages::resumeDone()
{
    ResumeDone m;
    m.fromSeq = 42;
    m.toSeq = 45;
    m.replayed = 4;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->fromSeq, m.fromSeq);
    QCOMPARE(rt.value->toSeq, m.toSeq);
    QCOMPARE(rt.value->replayed, m.replayed);

    // Nothing to replay.
    ResumeDone none;
    none.toSeq = 41;
    const auto rtNone = roundTrip(none, kServer);
    QVERIFY2(rtNone.value, qPrintable(rtNone.failure));
    QCOMPARE(rtNone.value->fromSeq, qint64(0));
    QCOMPARE(rtNone.value->replayed, 0);
}

void TestDeliveryMessages::resyncRequired()
{
    ResyncRequired m;
    m.oldestSeq = 1000;
    m.latestSeq = 2400;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->oldestSeq, m.oldestSeq);
    QCOMPARE(rt.value->latestSeq, m.latestSeq);
}

// A durable server event carries its per-user seq in the envelope, beside the payload.
void TestDeliveryMessages::durableEventCarriesSeq()
{
    MessageNew m;
    m.messageId = QStringLiteral("msg-1");
    m.matchId = QStringLiteral("m-1");
    m.senderId = QStringLiteral("u-1");
    m.body = QStringLiteral("hi");
    m.sentAt = 1;
    Envelope e = toEnvelope(m);
    e.seq = 42;
    const ParsedEnvelope parsed = parseEnvelope(e.toJson(), kServer);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.envelope->seq, qint64(42));
    QVERIFY(parsed.envelope->id.isEmpty());
    QVERIFY(!parsed.envelope->payload.contains(QStringLiteral("seq")));

    // An ephemeral event has none.
    const ParsedEnvelope typing = parseEnvelope(
            toEnvelope(Typing {QStringLiteral("m-1"), true, QStringLiteral("u-1")}).toJson(),
            kServer);
    QVERIFY(typing.ok());
    QCOMPARE(typing.envelope->seq, qint64(0));
}

void TestDeliveryMessages::validation_data()
{
    addValidationColumns();
    accepts("resume: 0", "resume", kClient, R"({"last_seq":0})");
    accepts("resume: camelCase", "resume", kClient, R"({"lastSeq":17})");
    accepts("resume: 2^53-1", "resume", kClient, R"({"last_seq":9007199254740991})");
    rejects("resume: missing", "resume", kClient, "{}", "last_seq");
    rejects("resume: negative", "resume", kClient, R"({"last_seq":-1})", "last_seq");
    rejects("resume: fraction", "resume", kClient, R"({"last_seq":1.5})", "last_seq");
    rejects("resume: string", "resume", kClient, R"({"last_seq":"17"})", "last_seq");
    rejects("resume: null", "resume", kClient, R"({"last_seq":null})", "last_seq");
    rejects("resume: 2^53", "resume", kClient, R"({"last_seq":9007199254740992})", "last_seq");
    rejects("resume: 1e300", "resume", kClient, R"({"last_seq":1e300})", "last_seq");

    accepts("done", "resume.done", kServer, R"({"from_seq":0,"to_seq":0,"replayed":0})");
    rejects("done: to_seq missing", "resume.done", kServer, R"({"from_seq":0,"replayed":0})",
            "to_seq");
    rejects("done: replayed negative", "resume.done", kServer,
            R"({"from_seq":0,"to_seq":0,"replayed":-1})", "replayed");
    accepts("resync", "resync_required", kServer, R"({"oldest_seq":1,"latest_seq":2})");
    rejects("resync: latest missing", "resync_required", kServer, R"({"oldest_seq":1})",
            "latest_seq");
}

void TestDeliveryMessages::validation()
{
    checkValidationRow();
}

QTEST_GUILESS_MAIN(TestDeliveryMessages)
#include "tst_deliverymessages.moc"
