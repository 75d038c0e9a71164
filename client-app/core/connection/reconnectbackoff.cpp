// SPDX-License-Identifier: MIT
#include "reconnectbackoff.h"

namespace NebengJek::Client {

ReconnectBackoff::ReconnectBackoff(ReconnectPolicy policy, Clock clock)
    : m_policy(std::move(policy))
    , m_clock(clock ? std::move(clock) : systemClock())
{ }

void ReconnectBackoff::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : systemClock();
}

std::optional<std::chrono::milliseconds> ReconnectBackoff::nextDelay()
{
    if (!m_policy.allowsAttempt(m_attempt + 1))
        return std::nullopt;
    ++m_attempt;
    return m_policy.delayForAttempt(m_attempt);
}

void ReconnectBackoff::connectionEstablished()
{
    m_connectedSince = m_clock();
}

void ReconnectBackoff::connectionLost()
{
    resetIfStable();
    m_connectedSince.reset();
}

bool ReconnectBackoff::resetIfStable()
{
    if (!m_connectedSince || m_attempt == 0)
        return false;
    if (m_clock() - *m_connectedSince < m_policy.stablePeriod().count())
        return false;
    m_attempt = 0;
    return true;
}

} // namespace NebengJek::Client
