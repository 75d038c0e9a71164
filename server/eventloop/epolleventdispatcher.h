// SPDX-License-Identifier: MIT
#pragma once

#include "timerschedule.h"

#include <QAbstractEventDispatcher>
#include <QAtomicInt>

#include <vector>

namespace NebengJek::EventLoop {

// A QAbstractEventDispatcher for Linux built on epoll: a wake-up costs time per *ready* socket,
// where Qt 6.4's dispatchers (poll() over every notifier, or GLib's lists) cost time per
// *registered* socket on every wake-up; with thousands of mostly idle WebSocket connections that
// difference is most of the server's CPU (docs/performance.md).
//
// It keeps Qt's contract (qeventdispatcher_unix.cpp): level-triggered socket notifiers that may be
// enabled, disabled or deleted from any handler (including their own); timers with Qt's precise /
// coarse / very coarse semantics (TimerSchedule); posted events sent at the start of every pass;
// awake() and aboutToBlock(); wakeUp() from any thread (an eventfd); interrupt(); nested loops.
//
// Enabling and disabling a notifier only records the wish; the kernel's interest set is brought
// up to date once, right before the next epoll_wait. QAbstractSocket turns its write notifier on
// for every write and off once flushed, so a write flushed in the same pass costs no syscall.
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    // One notifier per type (Read, Write, Exception) and descriptor, as in Qt. The serial tells a
    // readiness report apart from a notifier registered after it on the same descriptor.
    struct NotifierSlot
    {
        QSocketNotifier *notifier = nullptr;
        quint32 serial = 0;
    };
    struct Watch
    {
        NotifierSlot byType[3];
        quint32 kernelEvents = 0; // what epoll currently watches for; 0: not in the set
        bool dirty = false;
    };

    static quint32 wantedEvents(const Watch &watch);
    void markDirty(int fd);
    void applyInterestChanges();
    void drainWakeUp();

    int m_epollFd = -1;
    int m_wakeOnlyEpollFd = -1; // the eventfd alone: for QEventLoop::ExcludeSocketNotifiers
    int m_wakeFd = -1;
    std::vector<Watch> m_watches; // indexed by descriptor
    std::vector<int> m_dirty;
    quint32 m_nextSerial = 0;
    QAtomicInt m_wakeUpPending;
    QAtomicInt m_interrupted;
    TimerSchedule m_timers;
};

} // namespace NebengJek::EventLoop
