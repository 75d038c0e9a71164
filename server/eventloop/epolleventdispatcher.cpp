// SPDX-License-Identifier: MIT
#include "epolleventdispatcher.h"

#include "logging.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QVarLengthArray>

#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace NebengJek::EventLoop {

namespace {

// epoll_event.data of the wake-up eventfd; descriptors are below 2^31.
constexpr quint64 kWakeUpTag = quint64(1) << 40;
// Ready descriptors taken per epoll_wait; more stay ready (level-triggered) for the next pass.
constexpr int kMaxEventsPerPass = 512;

// Which readiness activates which notifier type: Qt's markPendingSocketNotifiers, where a hang-up
// or an error wakes every notifier of the descriptor so the socket learns about it.
constexpr quint32 kActivatedBy[3] = {
        EPOLLIN | EPOLLHUP | EPOLLERR, // QSocketNotifier::Read
        EPOLLOUT | EPOLLHUP | EPOLLERR, // QSocketNotifier::Write
        EPOLLPRI | EPOLLHUP | EPOLLERR, // QSocketNotifier::Exception
};
constexpr quint32 kInterest[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI};

struct PendingActivation
{
    int fd;
    int type;
    quint32 serial;
};

int checkedFd(int fd, const char *what)
{
    if (fd < 0)
        qFatal("EpollEventDispatcher: %s failed: %s", what, strerror(errno));
    return fd;
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epollFd(checkedFd(epoll_create1(EPOLL_CLOEXEC), "epoll_create1"))
    , m_wakeOnlyEpollFd(checkedFd(epoll_create1(EPOLL_CLOEXEC), "epoll_create1"))
    , m_wakeFd(checkedFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), "eventfd"))
{
    epoll_event event {};
    event.events = EPOLLIN;
    event.data.u64 = kWakeUpTag;
    if (epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &event) != 0
        || epoll_ctl(m_wakeOnlyEpollFd, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qFatal("EpollEventDispatcher: cannot watch the wake-up eventfd: %s", strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    close(m_wakeFd);
    close(m_wakeOnlyEpollFd);
    close(m_epollFd);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.loadRelaxed();
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupted.loadRelaxed())
        return false;

    int timeoutMs = 0;
    if (canWait) {
        timeoutMs = includeTimers ? m_timers.waitMs(TimerSchedule::monotonicNow()) : -1;
    }
    applyInterestChanges();

    epoll_event events[kMaxEventsPerPass];
    const int ready = epoll_wait(includeNotifiers ? m_epollFd : m_wakeOnlyEpollFd, events,
                                 kMaxEventsPerPass, timeoutMs);
    if (ready < 0 && errno != EINTR)
        qCWarning(lcEventLoop, "event=epoll_wait_failed error=\"%s\"", strerror(errno));

    // First note what is ready, then activate: a handler may disable, delete or replace any
    // notifier, and only notifiers registered when their descriptor was reported may fire.
    int processed = 0;
    QVarLengthArray<PendingActivation, 64> pending;
    for (int i = 0; i < ready; ++i) {
        const epoll_event &event = events[i];
        if (event.data.u64 == kWakeUpTag) {
            drainWakeUp();
            ++processed;
            continue;
        }
        const int fd = int(event.data.u64);
        if (size_t(fd) >= m_watches.size())
            continue;
        const Watch &watch = m_watches[size_t(fd)];
        for (int type = 0; type < 3; ++type) {
            const NotifierSlot &slot = watch.byType[type];
            if (slot.notifier && (event.events & kActivatedBy[type]))
                pending.append({fd, type, slot.serial});
        }
    }
    if (!pending.isEmpty()) {
        QEvent activation(QEvent::SockAct);
        for (const PendingActivation &p : std::as_const(pending)) {
            // m_watches may grow (and move) during a handler: index it afresh each time.
            const NotifierSlot &slot = m_watches[size_t(p.fd)].byType[p.type];
            if (!slot.notifier || slot.serial != p.serial)
                continue;
            QCoreApplication::sendEvent(slot.notifier, &activation);
            ++processed;
        }
    }

    if (includeTimers)
        processed += m_timers.fireDue(TimerSchedule::monotonicNow());
    return processed > 0;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const qintptr socket = notifier->socket();
    if (socket < 0 || socket > std::numeric_limits<int>::max()) {
        qCWarning(lcEventLoop, "event=invalid_socket_notifier fd=%lld", qlonglong(socket));
        return;
    }
    const int fd = int(socket);
    if (size_t(fd) >= m_watches.size())
        m_watches.resize(qMax(size_t(fd) + 1, m_watches.size() * 2));
    NotifierSlot &slot = m_watches[size_t(fd)].byType[notifier->type()];
    if (slot.notifier && slot.notifier != notifier)
        qCWarning(lcEventLoop, "event=duplicate_socket_notifier fd=%d type=%d", fd,
                  int(notifier->type()));
    slot.notifier = notifier;
    slot.serial = ++m_nextSerial;
    markDirty(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const qintptr fd = notifier->socket();
    if (fd < 0 || size_t(fd) >= m_watches.size())
        return;
    NotifierSlot &slot = m_watches[size_t(fd)].byType[notifier->type()];
    if (slot.notifier != notifier)
        return;
    slot = NotifierSlot();
    Watch &watch = m_watches[size_t(fd)];
    if (!wantedEvents(watch) && watch.kernelEvents) {
        // Last notifier of the descriptor: leave the set now, not before the next wait. The
        // owner may close the descriptor next and the kernel reuse its number for a new socket
        // in this very pass; that one must be added afresh, not taken for the old registration.
        epoll_event event {};
        if (epoll_ctl(m_epollFd, EPOLL_CTL_DEL, int(fd), &event) != 0 && errno != EBADF
            && errno != ENOENT)
            qCWarning(lcEventLoop, "event=epoll_ctl_failed fd=%d error=\"%s\"", int(fd),
                      strerror(errno));
        watch.kernelEvents = 0;
        return;
    }
    markDirty(int(fd));
}

quint32 EpollEventDispatcher::wantedEvents(const Watch &watch)
{
    quint32 events = 0;
    for (int type = 0; type < 3; ++type) {
        if (watch.byType[type].notifier)
            events |= kInterest[type];
    }
    return events;
}

void EpollEventDispatcher::markDirty(int fd)
{
    Watch &watch = m_watches[size_t(fd)];
    if (!watch.dirty) {
        watch.dirty = true;
        m_dirty.push_back(fd);
    }
}

void EpollEventDispatcher::applyInterestChanges()
{
    for (int fd : m_dirty) {
        Watch &watch = m_watches[size_t(fd)];
        watch.dirty = false;
        const quint32 wanted = wantedEvents(watch);
        if (wanted == watch.kernelEvents)
            continue; // e.g. a write notifier enabled and disabled again within one pass
        epoll_event event {};
        event.events = wanted;
        event.data.u64 = quint64(fd);
        int rc = 0;
        if (wanted == 0) {
            // A descriptor nobody listens to leaves the set: epoll would report its hang-up
            // or error for ever (level-triggered), even with an empty interest mask.
            rc = epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, &event);
            if (rc != 0 && (errno == EBADF || errno == ENOENT))
                rc = 0; // already closed: the kernel dropped it with the descriptor
        } else if (watch.kernelEvents == 0) {
            rc = epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &event);
            if (rc != 0 && errno == EEXIST)
                rc = epoll_ctl(m_epollFd, EPOLL_CTL_MOD, fd, &event);
        } else {
            rc = epoll_ctl(m_epollFd, EPOLL_CTL_MOD, fd, &event);
            if (rc != 0 && errno == ENOENT) // closed and reopened under the same number
                rc = epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &event);
        }
        if (rc != 0) {
            qCWarning(lcEventLoop, "event=epoll_ctl_failed fd=%d error=\"%s\"", fd,
                      strerror(errno));
            watch.kernelEvents = 0;
            continue;
        }
        watch.kernelEvents = wanted;
    }
    m_dirty.clear();
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    if (timerId < 1 || interval < 0 || !object) {
        qCWarning(lcEventLoop, "event=invalid_timer id=%d interval=%lld", timerId,
                  qlonglong(interval));
        return;
    }
    m_timers.add(timerId, interval, timerType, object, TimerSchedule::monotonicNow());
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId);
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeAll(object);
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    return m_timers.timersOf(object);
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingMs(timerId, TimerSchedule::monotonicNow());
}

void EpollEventDispatcher::wakeUp()
{
    // One write until the loop has woken: a burst of postEvent() calls costs one syscall.
    if (m_wakeUpPending.testAndSetAcquire(0, 1)) {
        const eventfd_t one = 1;
        if (eventfd_write(m_wakeFd, one) != 0)
            qCWarning(lcEventLoop, "event=wakeup_failed error=\"%s\"", strerror(errno));
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

void EpollEventDispatcher::drainWakeUp()
{
    // Clear the flag first: a wakeUp() racing with this read then writes again, and the next
    // pass starts with sendPostedEvents() anyway.
    m_wakeUpPending.storeRelease(0);
    eventfd_t value = 0;
    eventfd_read(m_wakeFd, &value);
}

} // namespace NebengJek::EventLoop
