// SPDX-License-Identifier: MIT
// ConnectionQuality: the threshold table, RTT smoothing and missed-pong counting.
#include <connection/connectionquality.h>

#include <QSignalSpy>
#include <QTest>

using namespace NebengJek::Client;
using Level = ConnectionQuality::Level;

class TestConnectionQuality : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<bool>("connected");
        QTest::addColumn<int>("rtt");
        QTest::addColumn<int>("missed");
        QTest::addColumn<int>("expected");
        QTest::newRow("not connected") << false << 20 << 0 << int(ConnectionQuality::Offline);
        QTest::newRow("not measured yet") << true << -1 << 0 << int(ConnectionQuality::Good);
        QTest::newRow("0 ms") << true << 0 << 0 << int(ConnectionQuality::Excellent);
        QTest::newRow("99 ms") << true << 99 << 0 << int(ConnectionQuality::Excellent);
        QTest::newRow("100 ms") << true << 100 << 0 << int(ConnectionQuality::Good);
        QTest::newRow("299 ms") << true << 299 << 0 << int(ConnectionQuality::Good);
        QTest::newRow("300 ms") << true << 300 << 0 << int(ConnectionQuality::Fair);
        QTest::newRow("799 ms") << true << 799 << 0 << int(ConnectionQuality::Fair);
        QTest::newRow("800 ms") << true << 800 << 0 << int(ConnectionQuality::Poor);
        QTest::newRow("fast, 1 missed") << true << 20 << 1 << int(ConnectionQuality::Fair);
        QTest::newRow("slow, 1 missed") << true << 900 << 1 << int(ConnectionQuality::Poor);
        QTest::newRow("unmeasured, 1 missed") << true << -1 << 1 << int(ConnectionQuality::Fair);
        QTest::newRow("fast, 2 missed") << true << 20 << 2 << int(ConnectionQuality::Poor);
        QTest::newRow("fast, 5 missed") << true << 20 << 5 << int(ConnectionQuality::Poor);
    }

    void classify()
    {
        QFETCH(bool, connected);
        QFETCH(int, rtt);
        QFETCH(int, missed);
        QFETCH(int, expected);
        QCOMPARE(int(ConnectionQuality::classify(connected, rtt, missed)), expected);
    }

    void startsOffline()
    {
        ConnectionQuality q;
        QCOMPARE(q.level(), ConnectionQuality::Offline);
        QCOMPARE(q.levelName(), QStringLiteral("offline"));
        QCOMPARE(q.rttMs(), -1);
    }

    void firstSampleThenSmoothed()
    {
        ConnectionQuality q;
        QSignalSpy levels(&q, &ConnectionQuality::levelChanged);
        q.pingSent(1, 1000);
        QCOMPARE(q.level(), ConnectionQuality::Good); // connected, not measured
        q.pongReceived(1, 1050);
        QCOMPARE(q.rttMs(), 50);
        QCOMPARE(q.level(), ConnectionQuality::Excellent);

        // One 1050 ms spike: EWMA 0.3*1050 + 0.7*50 = 350 -> Fair, not Poor.
        q.pingSent(2, 2000);
        q.pongReceived(2, 3050);
        QCOMPARE(q.rttMs(), 350);
        QCOMPARE(q.level(), ConnectionQuality::Fair);

        // Back to 50 ms: 0.3*50 + 0.7*350 = 260 -> Good.
        q.pingSent(3, 4000);
        q.pongReceived(3, 4050);
        QCOMPARE(q.rttMs(), 260);
        QCOMPARE(q.level(), ConnectionQuality::Good);
        QVERIFY(levels.count() >= 4);
    }

    void missedPongsDegradeAndRecover()
    {
        ConnectionQuality q;
        q.pingSent(1, 0);
        q.pongReceived(1, 30);
        QCOMPARE(q.level(), ConnectionQuality::Excellent);

        q.pingSent(2, 1000); // never answered
        QCOMPARE(q.missedPongs(), 0); // not missed until the next ping goes out
        q.pingSent(3, 2000);
        QCOMPARE(q.missedPongs(), 1);
        QCOMPARE(q.level(), ConnectionQuality::Fair);
        q.pingSent(4, 3000);
        QCOMPARE(q.missedPongs(), 2);
        QCOMPARE(q.level(), ConnectionQuality::Poor);

        // A late pong for an old ping: slow sample, but the link has not recovered yet.
        q.pongReceived(2, 3100);
        QCOMPARE(q.missedPongs(), 2);
        QCOMPARE(q.level(), ConnectionQuality::Poor);

        // The newest ping is answered: missed count clears.
        q.pongReceived(4, 3040);
        QCOMPARE(q.missedPongs(), 0);
        QVERIFY(q.rttMs() > 30);
    }

    void unknownAndDuplicatePongsIgnored()
    {
        ConnectionQuality q;
        q.pingSent(1, 0);
        q.pongReceived(1, 40);
        q.pongReceived(1, 900); // duplicate
        q.pongReceived(77, 900); // never sent
        QCOMPARE(q.rttMs(), 40);
    }

    void connectionLostIsOfflineAndForgets()
    {
        ConnectionQuality q;
        q.pingSent(1, 0);
        q.pongReceived(1, 500);
        q.pingSent(2, 1000);
        q.pingSent(3, 2000);
        QSignalSpy rtt(&q, &ConnectionQuality::rttMsChanged);
        q.connectionLost();
        QCOMPARE(q.level(), ConnectionQuality::Offline);
        QCOMPARE(q.rttMs(), -1);
        QCOMPARE(q.missedPongs(), 0);
        QCOMPARE(rtt.count(), 1);
        // A fresh connection: the first sample is taken as is, not blended with the old one.
        q.pingSent(1, 5000);
        q.pongReceived(1, 5020);
        QCOMPARE(q.rttMs(), 20);
        QCOMPARE(q.level(), ConnectionQuality::Excellent);
    }

    void trackingIsBounded()
    {
        ConnectionQuality q;
        for (int seq = 1; seq <= 100; ++seq)
            q.pingSent(seq, seq * 1000);
        // Only the newest kTrackedPings are remembered: a pong for seq 1 is unknown now.
        q.pongReceived(1, 200000);
        QCOMPARE(q.rttMs(), -1);
        q.pongReceived(100, 100010);
        QCOMPARE(q.rttMs(), 10);
    }
};

QTEST_GUILESS_MAIN(TestConnectionQuality)
#include "tst_connectionquality.moc"
