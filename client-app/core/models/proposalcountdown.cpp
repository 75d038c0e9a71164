// SPDX-License-Identifier: MIT
#include "proposalcountdown.h"

#include <QDateTime>

#include <algorithm>

namespace NebengJek::Client {

ProposalCountdown::ProposalCountdown(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &ProposalCountdown::update);
}

void ProposalCountdown::start(qint64 expiresAtMs)
{
    const qint64 now = m_clock();
    qint64 remaining = expiresAtMs - now;
    if (remaining <= 0 || remaining > kMaxMs)
        remaining = kFallbackMs;
    m_deadline = now + remaining;
    m_totalSeconds = int((remaining + 999) / 1000);
    m_secondsLeft = m_totalSeconds;
    Q_EMIT secondsLeftChanged();
    m_timer.start();
}

void ProposalCountdown::stop()
{
    m_timer.stop();
    m_deadline = 0;
}

void ProposalCountdown::update()
{
    if (!m_timer.isActive())
        return;
    const qint64 remaining = m_deadline - m_clock();
    const int seconds = int(std::max<qint64>(0, (remaining + 999) / 1000));
    if (seconds != m_secondsLeft) {
        m_secondsLeft = seconds;
        Q_EMIT secondsLeftChanged();
    }
    if (remaining <= 0) {
        m_timer.stop();
        Q_EMIT expired();
    }
}

} // namespace NebengJek::Client
