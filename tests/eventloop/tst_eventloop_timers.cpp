// SPDX-License-Identifier: MIT
// Timers of the epoll dispatcher: the schedule with a driven clock (Qt's precise / coarse / very
// coarse rules, firing once per pass, kill and restart from handlers, nesting), then real QTimers
// on the installed dispatcher.
#include "epolltestmain.h"

#include <eventloop/epolleventdispatcher.h>
#include <eventloop/timerschedule.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QObject>
#include <QTimer>
#include <QTimerEvent>
#include <QtTest>

#include <functional>

using NebengJek::EventLoop::EpollEventDispatcher;
using NebengJek::EventLoop::TimerSchedule;

namespace {

constexpr qint64 kMs = 1000 * 1000;
constexpr qint64 kSecond = 1000 * kMs;

// Records timer events and runs an optional action inside the handler.
class TimerTarget : public QObject
{
public:
    QList<int> fired;
    std::function<void(int)> onTimer;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        fired.append(event->timerId());
        if (onTimer)
            onTimer(event->timerId());
    }
};

} // namespace

class TestEventLoopTimers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void installedDispatcherIsEpoll();

    // TimerSchedule, driven clock
    void preciseTimerIsDueOnTheMillisecond();
    void coarseTimerAlignsWithinFivePercent();
    void coarseTimerTypeFollowsQtBoundaries();
    void veryCoarseTimerFiresOnWholeSeconds();
    void remainingAndWaitTimes();
    void dueTimersFireOncePerPassAndReschedule();
    void zeroTimerFiresEveryPassWithoutCounting();
    void timerKilledInsideItsOwnHandler();
    void timerKilledByAnEarlierHandlerOfThePass();
    void runningTimerDoesNotReenterNorKeepTheLoopAwake();
    void removeAllOfAnObject();

    // Real QTimers on the installed dispatcher
    void preciseSingleShotIsNeverEarly();
    void coarseRepeatingTimerKeepsItsRate();
    void zeroTimerDoesNotBlockTheLoop();
    void remainingTimeOfARunningQTimer();
    void killTimerFromInsideTimerEvent();
    void registeredTimersListsTypesAndIntervals();
};

void TestEventLoopTimers::installedDispatcherIsEpoll()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

void TestEventLoopTimers::preciseTimerIsDueOnTheMillisecond()
{
    TimerSchedule s;
    TimerTarget target;
    const qint64 now = 1000 * kSecond + 123456789;
    s.add(1, 250, Qt::PreciseTimer, &target, now);
    QCOMPARE(s.deadlineOf(1), now + 250 * kMs);
    QCOMPARE(s.fireDue(now + 250 * kMs - 1), 0);
    QVERIFY(target.fired.isEmpty());
    QCOMPARE(s.fireDue(now + 250 * kMs), 1);
    QCOMPARE(target.fired, QList<int>({1}));
    // Rescheduled from the previous deadline, not from when it fired: no drift.
    QCOMPARE(s.deadlineOf(1), now + 500 * kMs);
}

void TestEventLoopTimers::coarseTimerAlignsWithinFivePercent()
{
    TimerSchedule s;
    TimerTarget target;
    // 1 s timer started at x.512: the exact deadline x+1.512 moves to x+1.500 (a multiple of
    // 500 ms, within 50 ms).
    const qint64 now = 1000 * kSecond + 512 * kMs;
    s.add(1, 1000, Qt::CoarseTimer, &target, now);
    QCOMPARE(s.deadlineOf(1), 1001 * kSecond + 500 * kMs);
    // A 300 ms timer started at x.010 prefers a multiple of 100 ms within 15 ms: x.300.
    s.add(2, 300, Qt::CoarseTimer, &target, 2000 * kSecond + 10 * kMs);
    QCOMPARE(s.deadlineOf(2), 2000 * kSecond + 300 * kMs);
    // Whatever the interval, it never lands more than 5% from the exact deadline.
    for (qint64 interval : {21, 37, 64, 99, 150, 777, 1234, 4999, 19999}) {
        for (qint64 offsetMs : {0, 1, 249, 499, 501, 998}) {
            TimerSchedule t;
            const qint64 start = 3000 * kSecond + offsetMs * kMs;
            t.add(7, interval, Qt::CoarseTimer, &target, start);
            const qint64 exact = start + interval * kMs;
            const qint64 error = qAbs(t.deadlineOf(7) - exact);
            QVERIFY2(error <= interval * kMs / 20 + kMs,
                     qPrintable(QStringLiteral("interval %1 offset %2: off by %3 ns")
                                        .arg(interval)
                                        .arg(offsetMs)
                                        .arg(error)));
            QVERIFY(t.deadlineOf(7) >= start);
        }
    }
}

void TestEventLoopTimers::coarseTimerTypeFollowsQtBoundaries()
{
    TimerSchedule s;
    TimerTarget target;
    const qint64 now = 50 * kSecond;
    s.add(1, 20, Qt::CoarseTimer, &target, now); // <= 20 ms: precise
    s.add(2, 21, Qt::CoarseTimer, &target, now);
    s.add(3, 20000, Qt::CoarseTimer, &target, now); // >= 20 s: very coarse
    const auto timers = s.timersOf(&target);
    QCOMPARE(timers.size(), 3);
    for (const auto &t : timers) {
        const Qt::TimerType expected = t.timerId == 1 ? Qt::PreciseTimer
                : t.timerId == 2                      ? Qt::CoarseTimer
                                                      : Qt::VeryCoarseTimer;
        QCOMPARE(t.timerType, expected);
    }
    QCOMPARE(s.deadlineOf(1), now + 20 * kMs);
}

void TestEventLoopTimers::veryCoarseTimerFiresOnWholeSeconds()
{
    TimerSchedule s;
    TimerTarget target;
    s.add(1, 2400, Qt::VeryCoarseTimer, &target, 10 * kSecond + 100 * kMs); // rounds to 2 s
    QCOMPARE(s.deadlineOf(1), 12 * kSecond);
    s.add(2, 1000, Qt::VeryCoarseTimer, &target, 10 * kSecond + 700 * kMs); // past .5: one more
    QCOMPARE(s.deadlineOf(2), 12 * kSecond);
    for (const auto &t : s.timersOf(&target))
        QCOMPARE(t.interval, t.timerId == 1 ? 2000 : 1000);
    s.fireDue(12 * kSecond + 3 * kMs);
    QCOMPARE(s.deadlineOf(1), 14 * kSecond);
    QCOMPARE(s.deadlineOf(2), 13 * kSecond);
}

void TestEventLoopTimers::remainingAndWaitTimes()
{
    TimerSchedule s;
    TimerTarget target;
    QCOMPARE(s.waitMs(0), -1);
    QCOMPARE(s.remainingMs(42, 0), -1);
    const qint64 now = 7 * kSecond;
    s.add(1, 100, Qt::PreciseTimer, &target, now);
    s.add(2, 40, Qt::PreciseTimer, &target, now);
    // Rounded up, as Qt does: never wake early.
    QVERIFY(s.remainingMs(1, now + 30 * kMs) >= 70 && s.remainingMs(1, now + 30 * kMs) <= 71);
    QVERIFY(s.waitMs(now) >= 40 && s.waitMs(now) <= 41);
    QCOMPARE(s.remainingMs(2, now + 60 * kMs), 0); // overdue
    QCOMPARE(s.waitMs(now + 60 * kMs), 0);
    QVERIFY(s.remove(2));
    QVERIFY(!s.remove(2));
    QVERIFY(s.waitMs(now) >= 100 && s.waitMs(now) <= 101);
}

void TestEventLoopTimers::dueTimersFireOncePerPassAndReschedule()
{
    TimerSchedule s;
    TimerTarget target;
    s.add(1, 10, Qt::PreciseTimer, &target, 0);
    s.add(2, 30, Qt::PreciseTimer, &target, 0);
    s.add(3, 1000, Qt::PreciseTimer, &target, 0);
    // 100 ms late: each due timer fires once, not once per missed period.
    QCOMPARE(s.fireDue(100 * kMs), 2);
    QCOMPARE(target.fired, QList<int>({1, 2}));
    // Missed periods are skipped: the next deadline is an interval from now.
    QCOMPARE(s.deadlineOf(1), 110 * kMs);
    QCOMPARE(s.deadlineOf(2), 130 * kMs);
}

void TestEventLoopTimers::zeroTimerFiresEveryPassWithoutCounting()
{
    TimerSchedule s;
    TimerTarget target;
    s.add(1, 0, Qt::CoarseTimer, &target, 0);
    QCOMPARE(s.waitMs(0), 0);
    QCOMPARE(s.fireDue(0), 0); // fired, but zero timers are not "processed events" (Qt)
    QCOMPARE(s.fireDue(1), 0);
    QCOMPARE(s.fireDue(2), 0);
    QCOMPARE(target.fired.size(), 3);
}

void TestEventLoopTimers::timerKilledInsideItsOwnHandler()
{
    TimerSchedule s;
    TimerTarget target;
    target.onTimer = [&](int id) {
        QVERIFY(s.remove(id));
    };
    s.add(1, 5, Qt::PreciseTimer, &target, 0);
    s.add(2, 5, Qt::PreciseTimer, &target, 0);
    s.fireDue(10 * kMs);
    QCOMPARE(target.fired, QList<int>({1, 2}));
    QVERIFY(s.isEmpty());
    QCOMPARE(s.fireDue(100 * kMs), 0);
}

void TestEventLoopTimers::timerKilledByAnEarlierHandlerOfThePass()
{
    TimerSchedule s;
    TimerTarget first;
    TimerTarget second;
    first.onTimer = [&](int) {
        s.removeAll(&second);
    };
    s.add(1, 5, Qt::PreciseTimer, &first, 0);
    s.add(2, 6, Qt::PreciseTimer, &second, 0);
    s.fireDue(10 * kMs);
    QCOMPARE(first.fired.size(), 1);
    QVERIFY(second.fired.isEmpty());
    QCOMPARE(s.timersOf(&second).size(), 0);
}

void TestEventLoopTimers::runningTimerDoesNotReenterNorKeepTheLoopAwake()
{
    TimerSchedule s;
    TimerTarget target;
    int depth = 0;
    int maxDepth = 0;
    int waitDuringHandler = -2;
    target.onTimer = [&](int) {
        ++depth;
        maxDepth = qMax(maxDepth, depth);
        // A nested event loop inside the handler: the timer is due again, but must not fire
        // into itself, and must not make the nested loop spin (it is not counted as waiting).
        s.fireDue(50 * kMs);
        waitDuringHandler = s.waitMs(50 * kMs);
        --depth;
    };
    s.add(1, 10, Qt::PreciseTimer, &target, 0);
    s.fireDue(10 * kMs);
    QCOMPARE(maxDepth, 1);
    QCOMPARE(target.fired.size(), 1);
    QCOMPARE(waitDuringHandler, -1);
}

void TestEventLoopTimers::removeAllOfAnObject()
{
    TimerSchedule s;
    TimerTarget a;
    TimerTarget b;
    s.add(1, 10, Qt::PreciseTimer, &a, 0);
    s.add(2, 20, Qt::CoarseTimer, &a, 0);
    s.add(3, 30, Qt::PreciseTimer, &b, 0);
    QVERIFY(s.removeAll(&a));
    QVERIFY(!s.removeAll(&a));
    QCOMPARE(s.timersOf(&a).size(), 0);
    QCOMPARE(s.timersOf(&b).size(), 1);
    QCOMPARE(s.fireDue(100 * kMs), 1);
    QCOMPARE(b.fired, QList<int>({3}));
}

void TestEventLoopTimers::preciseSingleShotIsNeverEarly()
{
    QElapsedTimer clock;
    clock.start();
    qint64 firedAfter = -1;
    QTimer::singleShot(60, Qt::PreciseTimer, this, [&] { firedAfter = clock.elapsed(); });
    QTRY_VERIFY_WITH_TIMEOUT(firedAfter >= 0, 5000);
    QVERIFY2(firedAfter >= 59, qPrintable(QString::number(firedAfter)));
}

void TestEventLoopTimers::coarseRepeatingTimerKeepsItsRate()
{
    QTimer timer;
    timer.setTimerType(Qt::CoarseTimer);
    timer.setInterval(25);
    int ticks = 0;
    QElapsedTimer clock;
    connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
    clock.start();
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= 8, 5000);
    // 8 ticks of 25 ms (5% coarse) cannot take less than 8 * 23 ms.
    QVERIFY2(clock.elapsed() >= 8 * 23, qPrintable(QString::number(clock.elapsed())));
}

void TestEventLoopTimers::zeroTimerDoesNotBlockTheLoop()
{
    // A zero timer keeps firing (the loop never sleeps on it) and does not starve a real timer:
    // the loop ends once both are seen, whatever the machine's load.
    QTimer zero;
    zero.setInterval(0);
    int ticks = 0;
    bool otherFired = false;
    QEventLoop loop;
    const auto maybeQuit = [&] {
        if (ticks >= 50 && otherFired)
            loop.quit();
    };
    connect(&zero, &QTimer::timeout, this, [&] {
        ++ticks;
        maybeQuit();
    });
    zero.start();
    QTimer::singleShot(20, Qt::PreciseTimer, this, [&] {
        otherFired = true;
        maybeQuit();
    });
    QTimer::singleShot(10000, &loop, [&] { loop.exit(1); });
    QCOMPARE(loop.exec(), 0);
    zero.stop();
}

void TestEventLoopTimers::remainingTimeOfARunningQTimer()
{
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.start(500);
    const int remaining = timer.remainingTime();
    // Rounded up, never above the interval plus that rounding (and a busy machine may have
    // taken some of it already).
    QVERIFY2(remaining > 0 && remaining <= 501, qPrintable(QString::number(remaining)));
    QTest::qWait(50);
    QVERIFY(timer.remainingTime() < remaining);
    timer.stop();
    QCOMPARE(timer.remainingTime(), -1);
}

void TestEventLoopTimers::killTimerFromInsideTimerEvent()
{
    TimerTarget target;
    int other = 0;
    target.onTimer = [&](int id) {
        target.killTimer(id);
        if (other) {
            target.killTimer(other); // and a different one, possibly due in the same pass
            other = 0;
        }
    };
    QVERIFY(target.startTimer(5, Qt::PreciseTimer) > 0);
    other = target.startTimer(5, Qt::PreciseTimer);
    // A 60 ms marker is the positive proof of time passing: by then a surviving 5 ms timer
    // would have fired about ten times.
    bool markerFired = false;
    TimerTarget markerTarget;
    markerTarget.onTimer = [&](int id) {
        markerFired = true;
        markerTarget.killTimer(id);
    };
    markerTarget.startTimer(60, Qt::PreciseTimer);
    QTRY_VERIFY_WITH_TIMEOUT(markerFired, 5000);
    QCOMPARE(target.fired.size(), 1);
    QVERIFY(QAbstractEventDispatcher::instance()->registeredTimers(&target).isEmpty());
}

void TestEventLoopTimers::registeredTimersListsTypesAndIntervals()
{
    TimerTarget target;
    const int precise = target.startTimer(15, Qt::PreciseTimer);
    const int coarse = target.startTimer(300, Qt::CoarseTimer);
    const int veryCoarse = target.startTimer(5000, Qt::VeryCoarseTimer);
    const auto timers = QAbstractEventDispatcher::instance()->registeredTimers(&target);
    QCOMPARE(timers.size(), 3);
    for (const auto &t : timers) {
        if (t.timerId == precise) {
            QCOMPARE(t.interval, 15);
            QCOMPARE(t.timerType, Qt::PreciseTimer);
        } else if (t.timerId == coarse) {
            QCOMPARE(t.interval, 300);
            QCOMPARE(t.timerType, Qt::CoarseTimer);
        } else {
            QCOMPARE(t.timerId, veryCoarse);
            QCOMPARE(t.interval, 5000);
            QCOMPARE(t.timerType, Qt::VeryCoarseTimer);
        }
    }
    target.killTimer(coarse);
    QCOMPARE(QAbstractEventDispatcher::instance()->registeredTimers(&target).size(), 2);
}

NEBENGJEK_EPOLL_TEST_MAIN(TestEventLoopTimers)
#include "tst_eventloop_timers.moc"
