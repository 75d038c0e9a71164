// SPDX-License-Identifier: MIT
#include "reconnectpolicy.h"

#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace NebengJek::Client {

using std::chrono::milliseconds;

ReconnectPolicy::ReconnectPolicy()
    : m_random(systemRandom())
{ }

void ReconnectPolicy::setBaseDelay(milliseconds delay)
{
    m_baseDelay = std::max(delay, milliseconds(0));
}

void ReconnectPolicy::setMaxDelay(milliseconds delay)
{
    m_maxDelay = std::max(delay, milliseconds(0));
}

void ReconnectPolicy::setMaxAttempts(int attempts)
{
    m_maxAttempts = std::max(attempts, 0);
}

void ReconnectPolicy::setStablePeriod(milliseconds period)
{
    m_stablePeriod = std::max(period, milliseconds(0));
}

void ReconnectPolicy::setRandomSource(RandomSource random)
{
    m_random = random ? std::move(random) : systemRandom();
}

milliseconds ReconnectPolicy::ceilingForAttempt(int attempt) const
{
    const int n = std::max(attempt, 1);
    // In double: 2^n overflows any integer long before the cap stops mattering.
    const double base = double(m_baseDelay.count());
    double delay = base;
    switch (m_strategy) {
    case Strategy::Exponential:
        delay = base * std::pow(2.0, double(std::min(n - 1, 62)));
        break;
    case Strategy::Linear:
        delay = base * double(n);
        break;
    case Strategy::Fixed:
        break;
    }
    const double cap = double(m_maxDelay.count());
    return milliseconds(qint64(std::min(delay, cap)));
}

milliseconds ReconnectPolicy::delayForAttempt(int attempt) const
{
    const milliseconds ceiling = ceilingForAttempt(attempt);
    if (m_jitter == Jitter::None)
        return ceiling;
    // Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in
    // [0, ceiling). Clamped because an injected source may misbehave.
    const double r = std::clamp(m_random(), 0.0, 1.0);
    const auto jittered = qint64(std::floor(r * double(ceiling.count())));
    return milliseconds(std::min(jittered, qint64(std::max<qint64>(ceiling.count() - 1, 0))));
}

bool ReconnectPolicy::allowsAttempt(int attempt) const
{
    return m_maxAttempts == 0 || attempt <= m_maxAttempts;
}

} // namespace NebengJek::Client
