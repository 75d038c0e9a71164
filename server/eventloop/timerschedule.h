// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QList>
#include <QMultiHash>

#include <set>
#include <utility>

class QObject;

namespace NebengJek::EventLoop {

// The timers of one event dispatcher, with the semantics of Qt's UNIX dispatcher
// (qtimerinfo_unix.cpp): precise timers are due on the millisecond; coarse ones (20 ms-20 s)
// may move by up to 5% towards round fractions of a second so that wake-ups coincide; very
// coarse ones (and coarse ones from 20 s) fire on whole seconds. A timer fires at most once per
// pass, never re-enters its own handler (nested event loops), and may be killed from any handler.
//
// Times are nanoseconds of CLOCK_MONOTONIC passed in by the caller, so tests drive the clock.
// Adding, removing and finding the next deadline are O(log n): the server keeps a timer per
// connection, so nothing here may walk all timers on a wake-up.
class TimerSchedule
{
public:
    using Nanoseconds = qint64;

    TimerSchedule() = default;
    TimerSchedule(const TimerSchedule &) = delete;
    TimerSchedule &operator=(const TimerSchedule &) = delete;
    ~TimerSchedule();

    static Nanoseconds monotonicNow();

    void add(int timerId, qint64 intervalMs, Qt::TimerType type, QObject *object, Nanoseconds now);
    bool remove(int timerId);
    bool removeAll(QObject *object);
    QList<QAbstractEventDispatcher::TimerInfo> timersOf(QObject *object) const;
    // Milliseconds until the timer is due (rounded up as Qt does), 0 when overdue, -1 if unknown.
    int remainingMs(int timerId, Nanoseconds now) const;
    // How long a dispatcher may sleep: -1 for ever (no timer), 0 when a timer is due. Timers whose
    // handler is running (a nested event loop) do not count, as in Qt.
    int waitMs(Nanoseconds now) const;
    // Sends a QTimerEvent to every timer due at `now`, each at most once. Returns how many timers
    // with a non-zero interval fired (Qt does not count zero timers as processed events).
    int fireDue(Nanoseconds now);

    bool isEmpty() const { return m_byId.isEmpty(); }
    // The absolute deadline of a timer (for tests), or -1.
    Nanoseconds deadlineOf(int timerId) const;

private:
    struct Timer
    {
        int id = 0;
        qint64 interval = 0; // milliseconds; whole seconds for Qt::VeryCoarseTimer
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        Nanoseconds deadline = 0;
        // Points at the firing loop's local pointer while the handler runs, so that killing the
        // timer inside its handler clears it (the technique of Qt's activateRef).
        Timer **firing = nullptr;
    };

    void scheduleNext(Timer *timer, Nanoseconds now);
    void erase(QHash<int, Timer *>::iterator it);

    QHash<int, Timer *> m_byId;
    QMultiHash<QObject *, int> m_byObject;
    std::set<std::pair<Nanoseconds, int>> m_queue; // (deadline, id): earliest first
};

} // namespace NebengJek::EventLoop
