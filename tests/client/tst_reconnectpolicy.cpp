// SPDX-License-Identifier: MIT
// ReconnectPolicy delays per strategy, cap and jitter, and ReconnectBackoff's attempt counter
// with its stable-period reset, all on an injected clock and random source.
#include <connection/reconnectbackoff.h>
#include <connection/reconnectpolicy.h>

#include <QTest>

using namespace NebengJek::Client;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

ReconnectPolicy policy(ReconnectPolicy::Strategy strategy, ReconnectPolicy::Jitter jitter,
                       milliseconds base, milliseconds cap)
{
    ReconnectPolicy p;
    p.setStrategy(strategy);
    p.setJitter(jitter);
    p.setBaseDelay(base);
    p.setMaxDelay(cap);
    return p;
}

// Returns the given values in turn, then repeats the last.
RandomSource sequence(QList<double> values)
{
    auto index = std::make_shared<int>(0);
    return [values, index] {
        return values.at(std::min<int>((*index)++, values.size() - 1));
    };
}

} // namespace

class TestReconnectPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        const ReconnectPolicy p;
        QCOMPARE(p.strategy(), ReconnectPolicy::Strategy::Exponential);
        QCOMPARE(p.jitter(), ReconnectPolicy::Jitter::Full);
        QCOMPARE(p.baseDelay(), 500ms);
        QCOMPARE(p.maxDelay(), 30000ms);
        QCOMPARE(p.maxAttempts(), 0);
        QCOMPARE(p.stablePeriod(), 10000ms);
        QVERIFY(p.allowsAttempt(1000000));
    }

    void strategyDelays_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::addColumn<QList<qint64>>("expected"); // attempts 1..6, no jitter
        QTest::newRow("exponential") << int(ReconnectPolicy::Strategy::Exponential)
                                     << QList<qint64> {500, 1000, 2000, 4000, 8000, 10000};
        QTest::newRow("linear") << int(ReconnectPolicy::Strategy::Linear)
                                << QList<qint64> {500, 1000, 1500, 2000, 2500, 3000};
        QTest::newRow("fixed") << int(ReconnectPolicy::Strategy::Fixed)
                               << QList<qint64> {500, 500, 500, 500, 500, 500};
    }

    void strategyDelays()
    {
        QFETCH(int, strategy);
        QFETCH(QList<qint64>, expected);
        const auto p = policy(ReconnectPolicy::Strategy(strategy), ReconnectPolicy::Jitter::None,
                              500ms, 10000ms);
        for (int attempt = 1; attempt <= expected.size(); ++attempt)
            QCOMPARE(p.delayForAttempt(attempt).count(), expected.at(attempt - 1));
    }

    void capHoldsForHugeAttempts()
    {
        const auto p = policy(ReconnectPolicy::Strategy::Exponential, ReconnectPolicy::Jitter::None,
                              500ms, 30000ms);
        QCOMPARE(p.delayForAttempt(7), 30000ms); // 500 * 64 = 32000 -> capped
        QCOMPARE(p.delayForAttempt(64), 30000ms);
        QCOMPARE(p.delayForAttempt(100000), 30000ms); // no overflow to negative
        QCOMPARE(p.delayForAttempt(0), 500ms); // below 1 counts as the first attempt
    }

    void fullJitterScalesTheCeiling()
    {
        auto p = policy(ReconnectPolicy::Strategy::Exponential, ReconnectPolicy::Jitter::Full,
                        500ms, 30000ms);
        p.setRandomSource(sequence({0.0, 0.5, 0.25, 0.999999, 1.0, -3.0}));
        QCOMPARE(p.delayForAttempt(1), 0ms); // 0.0 * 500
        QCOMPARE(p.delayForAttempt(2), 500ms); // 0.5 * 1000
        QCOMPARE(p.delayForAttempt(3), 500ms); // 0.25 * 2000
        QCOMPARE(p.delayForAttempt(4), 3999ms); // just below 4000: [0, ceiling)
        QCOMPARE(p.delayForAttempt(4), 3999ms); // a source returning 1.0 cannot reach the ceiling
        QCOMPARE(p.delayForAttempt(4), 0ms); // nor go negative
    }

    void jitterIsReproducibleWithTheSameSource()
    {
        auto a = policy(ReconnectPolicy::Strategy::Linear, ReconnectPolicy::Jitter::Full, 1000ms,
                        60000ms);
        auto b = a;
        a.setRandomSource(sequence({0.1, 0.7, 0.3}));
        b.setRandomSource(sequence({0.1, 0.7, 0.3}));
        for (int attempt = 1; attempt <= 3; ++attempt)
            QCOMPARE(a.delayForAttempt(attempt), b.delayForAttempt(attempt));
        QCOMPARE(a.ceilingForAttempt(3), 3000ms);
    }

    void systemRandomStaysInRange()
    {
        const auto p = policy(ReconnectPolicy::Strategy::Fixed, ReconnectPolicy::Jitter::Full,
                              1000ms, 1000ms);
        for (int i = 0; i < 1000; ++i) {
            const milliseconds d = p.delayForAttempt(1);
            QVERIFY(d >= 0ms && d < 1000ms);
        }
    }

    void maxAttemptsStopsTheBackoff()
    {
        auto p = policy(ReconnectPolicy::Strategy::Fixed, ReconnectPolicy::Jitter::None, 100ms,
                        100ms);
        p.setMaxAttempts(3);
        ReconnectBackoff backoff(p, [] { return qint64(0); });
        QCOMPARE(backoff.nextDelay(), std::optional<milliseconds>(100ms));
        QCOMPARE(backoff.nextDelay(), std::optional<milliseconds>(100ms));
        QCOMPARE(backoff.nextDelay(), std::optional<milliseconds>(100ms));
        QCOMPARE(backoff.attempt(), 3);
        QCOMPARE(backoff.nextDelay(), std::nullopt);
        QCOMPARE(backoff.attempt(), 3);
    }

    void counterResetsOnlyAfterStablePeriod()
    {
        qint64 now = 1000;
        auto p = policy(ReconnectPolicy::Strategy::Exponential, ReconnectPolicy::Jitter::None,
                        500ms, 30000ms);
        ReconnectBackoff backoff(p, [&now] { return now; });
        QCOMPARE(backoff.nextDelay(), std::optional<milliseconds>(500ms));
        QCOMPARE(backoff.nextDelay(), std::optional<milliseconds>(1000ms));

        // Up for 9.999 s, then dropped: not stable, the delays keep growing.
        backoff.connectionEstablished();
        now += 9999;
        QVERIFY(!backoff.resetIfStable());
        backoff.connectionLost();
        QCOMPARE(backoff.attempt(), 2);
        QCOMPARE(backoff.nextDelay(), std::optional<milliseconds>(2000ms));

        // Up for exactly the stable period: the next failure starts from the base again.
        backoff.connectionEstablished();
        now += 10000;
        backoff.connectionLost();
        QCOMPARE(backoff.attempt(), 0);
        QCOMPARE(backoff.nextDelay(), std::optional<milliseconds>(500ms));
    }

    void resetIfStableWhileConnected()
    {
        qint64 now = 0;
        ReconnectBackoff backoff({}, [&now] { return now; });
        backoff.nextDelay();
        backoff.connectionEstablished();
        now = 5000;
        QVERIFY(!backoff.resetIfStable());
        QCOMPARE(backoff.attempt(), 1);
        now = 10000;
        QVERIFY(backoff.resetIfStable());
        QCOMPARE(backoff.attempt(), 0);
        QVERIFY(!backoff.resetIfStable()); // nothing left to reset
    }

    void lostWithoutEstablishedDoesNotReset()
    {
        qint64 now = 0;
        ReconnectBackoff backoff({}, [&now] { return now; });
        backoff.nextDelay();
        now = 60000;
        backoff.connectionLost(); // a failed attempt, never connected
        QCOMPARE(backoff.attempt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestReconnectPolicy)
#include "tst_reconnectpolicy.moc"
