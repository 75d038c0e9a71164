// SPDX-License-Identifier: MIT
// The circuit breaker with an injected clock: closed -> open after N consecutive failures,
// refused during the cool-down, one half-open probe, closed by its success, re-opened by its
// failure.
#include <hub/circuitbreaker.h>

#include <QTest>

using NebengJek::Server::CircuitBreaker;
using State = CircuitBreaker::State;

class TestCircuitBreaker : public QObject
{
    Q_OBJECT

private slots:
    void opensAfterConsecutiveFailures()
    {
        qint64 now = 1000;
        CircuitBreaker breaker({3, 500}, [&now] { return now; });
        QCOMPARE(breaker.state(), State::Closed);
        breaker.recordFailure();
        breaker.recordFailure();
        breaker.recordSuccess(); // not consecutive: starts over
        breaker.recordFailure();
        breaker.recordFailure();
        QCOMPARE(breaker.state(), State::Closed);
        QVERIFY(breaker.allowRequest());
        breaker.recordFailure();
        QCOMPARE(breaker.state(), State::Open);
        QVERIFY(!breaker.allowRequest());
        QCOMPARE(breaker.remainingCoolDownMs(), qint64(500));
    }

    void halfOpenProbeAfterCoolDown()
    {
        qint64 now = 0;
        CircuitBreaker breaker({1, 500}, [&now] { return now; });
        breaker.recordFailure();
        QCOMPARE(breaker.state(), State::Open);
        now = 499;
        QVERIFY(!breaker.allowRequest());
        now = 500;
        QVERIFY(breaker.allowRequest()); // the probe
        QCOMPARE(breaker.state(), State::HalfOpen);
        QVERIFY(!breaker.allowRequest()); // only one probe at a time
        breaker.recordSuccess();
        QCOMPARE(breaker.state(), State::Closed);
        QVERIFY(breaker.allowRequest());
        QCOMPARE(breaker.consecutiveFailures(), 0);
    }

    void failedProbeReopens()
    {
        qint64 now = 0;
        CircuitBreaker breaker({2, 100}, [&now] { return now; });
        breaker.recordFailure();
        breaker.recordFailure();
        now = 150;
        QVERIFY(breaker.allowRequest());
        breaker.recordFailure(); // one failure in half-open is enough
        QCOMPARE(breaker.state(), State::Open);
        now = 249;
        QVERIFY(!breaker.allowRequest()); // a fresh cool-down from the failed probe
        now = 250;
        QVERIFY(breaker.allowRequest());
    }

    void namesAndGaugeValues()
    {
        QCOMPARE(CircuitBreaker::stateName(State::HalfOpen), QStringLiteral("half-open"));
        QCOMPARE(CircuitBreaker::stateValue(State::Closed), 0);
        QCOMPARE(CircuitBreaker::stateValue(State::HalfOpen), 1);
        QCOMPARE(CircuitBreaker::stateValue(State::Open), 2);
    }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
