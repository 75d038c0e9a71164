// SPDX-License-Identifier: MIT
#include "timerschedule.h"

#include <QCoreApplication>
#include <QTimerEvent>

#include <ctime>
#include <limits>
#include <vector>

namespace NebengJek::EventLoop {

namespace {

constexpr qint64 kNsPerMs = 1000 * 1000;
constexpr qint64 kNsPerSecond = 1000 * kNsPerMs;

// Sleeping is in whole milliseconds, rounded up as Qt's roundToMillisecond does: a timer is never
// early, at worst a millisecond late.
int roundUpToMs(qint64 ns)
{
    const qint64 ms = ns / kNsPerMs + 1;
    return ms > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max() : int(ms);
}

// Qt's coarse-timer alignment (qtimerinfo_unix.cpp, calculateCoarseTimerTimeout): keep within 5%
// of the interval, but prefer a deadline at a round fraction of a second so that timers of many
// objects wake the thread together.
qint64 alignCoarse(qint64 deadline, qint64 intervalMs, qint64 now)
{
    const qint64 interval = intervalMs;
    qint64 seconds = deadline / kNsPerSecond;
    qint64 msec = (deadline % kNsPerSecond) / kNsPerMs;
    const qint64 maxRounding = interval / 20;

    if (interval < 100 && interval != 25 && interval != 50 && interval != 75) {
        if (interval < 50) {
            // round to even, towards multiples of 50 ms
            const bool roundUp = (msec % 50) >= 25;
            msec = ((msec >> 1) | qint64(roundUp)) << 1;
        } else {
            // round to a multiple of 4, towards multiples of 100 ms
            const bool roundUp = (msec % 100) >= 50;
            msec = ((msec >> 2) | qint64(roundUp)) << 2;
        }
    } else {
        const qint64 min = qMax<qint64>(0, msec - maxRounding);
        const qint64 max = qMin<qint64>(1000, msec + maxRounding);
        if (min == 0) {
            msec = 0; // any round-to-the-second deadline in reach wins
        } else if (max == 1000) {
            msec = 1000;
        } else if (interval % 500 == 0 && interval >= 5000) {
            msec = msec >= 500 ? max : min;
        } else {
            qint64 boundary = 25;
            if (interval % 500 == 0) {
                boundary = 500;
            } else if (interval % 50 == 0) {
                const qint64 mult50 = interval / 50;
                boundary = mult50 % 4 == 0 ? 200
                        : mult50 % 2 == 0  ? 100
                        : mult50 % 5 == 0  ? 250
                                           : 50;
            }
            const qint64 base = msec / boundary * boundary;
            const qint64 middle = base + boundary / 2;
            msec = msec < middle ? qMax(base, min) : qMin(base + boundary, max);
        }
    }
    if (msec == 1000) {
        ++seconds;
        msec = 0;
    }
    qint64 aligned = seconds * kNsPerSecond + msec * kNsPerMs;
    if (aligned < now)
        aligned += interval * kNsPerMs;
    return aligned;
}

} // namespace

TimerSchedule::~TimerSchedule()
{
    for (Timer *timer : std::as_const(m_byId)) {
        if (timer->firing)
            *timer->firing = nullptr;
        delete timer;
    }
}

TimerSchedule::Nanoseconds TimerSchedule::monotonicNow()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * kNsPerSecond + ts.tv_nsec;
}

void TimerSchedule::add(int timerId, qint64 intervalMs, Qt::TimerType type, QObject *object,
                        Nanoseconds now)
{
    remove(timerId); // ids are unique while registered; be safe against a stale entry
    auto *timer = new Timer;
    timer->id = timerId;
    timer->interval = qMax<qint64>(0, intervalMs);
    timer->type = type;
    timer->object = object;
    const Nanoseconds expected = now + timer->interval * kNsPerMs;

    // Coarse timers: below 20 ms, 5% is under a millisecond (make it precise); from 20 s, 5% is
    // over a second (make it very coarse).
    if (type == Qt::CoarseTimer) {
        if (timer->interval >= 20000)
            timer->type = Qt::VeryCoarseTimer;
        else if (timer->interval <= 20)
            timer->type = Qt::PreciseTimer;
    }
    switch (timer->type) {
    case Qt::PreciseTimer:
        timer->deadline = expected;
        break;
    case Qt::CoarseTimer:
        timer->deadline = alignCoarse(expected, timer->interval, now);
        break;
    case Qt::VeryCoarseTimer: {
        // whole seconds, rounded to the closest second
        timer->interval = ((timer->interval / 500) + 1) >> 1;
        qint64 seconds = now / kNsPerSecond + timer->interval;
        if (now % kNsPerSecond > kNsPerSecond / 2)
            ++seconds;
        timer->deadline = seconds * kNsPerSecond;
        break;
    }
    }
    m_byId.insert(timerId, timer);
    m_byObject.insert(object, timerId);
    m_queue.emplace(timer->deadline, timerId);
}

void TimerSchedule::scheduleNext(Timer *timer, Nanoseconds now)
{
    if (timer->type == Qt::VeryCoarseTimer) {
        qint64 seconds = timer->deadline / kNsPerSecond + timer->interval;
        if (seconds <= now / kNsPerSecond)
            seconds = now / kNsPerSecond + timer->interval;
        timer->deadline = seconds * kNsPerSecond;
        return;
    }
    timer->deadline += timer->interval * kNsPerMs;
    if (timer->deadline < now)
        timer->deadline = now + timer->interval * kNsPerMs;
    if (timer->type == Qt::CoarseTimer)
        timer->deadline = alignCoarse(timer->deadline, timer->interval, now);
}

void TimerSchedule::erase(QHash<int, Timer *>::iterator it)
{
    Timer *timer = it.value();
    m_queue.erase({timer->deadline, timer->id});
    m_byObject.remove(timer->object, timer->id);
    if (timer->firing)
        *timer->firing = nullptr;
    m_byId.erase(it);
    delete timer;
}

bool TimerSchedule::remove(int timerId)
{
    const auto it = m_byId.find(timerId);
    if (it == m_byId.end())
        return false;
    erase(it);
    return true;
}

bool TimerSchedule::removeAll(QObject *object)
{
    const QList<int> ids = m_byObject.values(object);
    for (int id : ids)
        remove(id);
    return !ids.isEmpty();
}

QList<QAbstractEventDispatcher::TimerInfo> TimerSchedule::timersOf(QObject *object) const
{
    QList<QAbstractEventDispatcher::TimerInfo> list;
    for (auto it = m_byObject.constFind(object); it != m_byObject.constEnd() && it.key() == object;
         ++it) {
        const Timer *timer = m_byId.value(it.value());
        if (!timer)
            continue;
        const qint64 ms =
                timer->type == Qt::VeryCoarseTimer ? timer->interval * 1000 : timer->interval;
        list.append(
                {timer->id, int(qMin<qint64>(ms, std::numeric_limits<int>::max())), timer->type});
    }
    return list;
}

int TimerSchedule::remainingMs(int timerId, Nanoseconds now) const
{
    const Timer *timer = m_byId.value(timerId);
    if (!timer)
        return -1;
    return now < timer->deadline ? roundUpToMs(timer->deadline - now) : 0;
}

int TimerSchedule::waitMs(Nanoseconds now) const
{
    for (const auto &[deadline, id] : m_queue) {
        const Timer *timer = m_byId.value(id);
        if (timer && !timer->firing)
            return now < deadline ? roundUpToMs(deadline - now) : 0;
    }
    return -1;
}

int TimerSchedule::fireDue(Nanoseconds now)
{
    // Snapshot first: handlers may add, kill or restart timers, and a timer rescheduled in this
    // pass must not fire again in it.
    std::vector<int> due;
    for (auto it = m_queue.cbegin(); it != m_queue.cend() && it->first <= now; ++it)
        due.push_back(it->second);

    int fired = 0;
    for (int id : due) {
        Timer *timer = m_byId.value(id);
        if (!timer || timer->deadline > now)
            continue; // killed (or restarted) by an earlier handler of this pass
        m_queue.erase({timer->deadline, id});
        scheduleNext(timer, now);
        m_queue.emplace(timer->deadline, id);
        if (timer->interval > 0)
            ++fired;
        if (timer->firing)
            continue; // its handler is running a nested event loop: no recursion
        Timer *current = timer;
        timer->firing = &current;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer->object, &event);
        if (current)
            current->firing = nullptr;
    }
    return fired;
}

TimerSchedule::Nanoseconds TimerSchedule::deadlineOf(int timerId) const
{
    const Timer *timer = m_byId.value(timerId);
    return timer ? timer->deadline : -1;
}

} // namespace NebengJek::EventLoop
