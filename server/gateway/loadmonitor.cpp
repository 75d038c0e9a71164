// SPDX-License-Identifier: MIT
#include "loadmonitor.h"

#include "logging.h"

namespace NebengJek::Server {

LoadMonitor::LoadMonitor(int shedLagMs, int holdMs, const QElapsedTimer *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_shedLagMs(shedLagMs)
    , m_holdMs(holdMs)
{
    m_timer.setInterval(kProbeIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LoadMonitor::probe);
}

void LoadMonitor::start()
{
    m_lastProbeMs = m_clock->elapsed();
    m_timer.start();
}

bool LoadMonitor::isShedding() const
{
    return m_shedUntilMs >= 0 && m_clock->elapsed() < m_shedUntilMs;
}

int LoadMonitor::retryAfterMs() const
{
    return qMax(kProbeIntervalMs, m_holdMs);
}

void LoadMonitor::probe()
{
    const qint64 now = m_clock->elapsed();
    m_lagMs = qMax<qint64>(0, now - m_lastProbeMs - kProbeIntervalMs);
    m_lastProbeMs = now;
    if (m_shedLagMs <= 0 || m_lagMs < m_shedLagMs)
        return;
    if (!isShedding()) {
        m_episodeLagMs = 0;
        qCWarning(lcGateway).nospace()
                << "event=overload_shedding lag_ms=" << m_lagMs << " hold_ms=" << m_holdMs;
    }
    m_episodeLagMs = qMax(m_episodeLagMs, m_lagMs);
    m_shedUntilMs = now + m_holdMs;
}

} // namespace NebengJek::Server
