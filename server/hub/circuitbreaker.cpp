// SPDX-License-Identifier: MIT
#include "circuitbreaker.h"

#include <QDeadlineTimer>

namespace NebengJek::Server {

CircuitBreaker::CircuitBreaker(const Settings &settings, Clock clock)
    : m_settings(settings)
    , m_clock(clock ? std::move(clock)
                    : Clock([] { return QDeadlineTimer::current(Qt::PreciseTimer).deadline(); }))
{ }

bool CircuitBreaker::allowRequest()
{
    switch (m_state) {
    case State::Closed:
        return true;
    case State::Open:
        if (m_clock() - m_openedAt < m_settings.coolDownMs)
            return false;
        m_state = State::HalfOpen;
        m_probeInFlight = true;
        return true;
    case State::HalfOpen:
        // One probe at a time: the rest wait for its verdict.
        if (m_probeInFlight)
            return false;
        m_probeInFlight = true;
        return true;
    }
    return false;
}

void CircuitBreaker::recordSuccess()
{
    m_state = State::Closed;
    m_failures = 0;
    m_probeInFlight = false;
}

void CircuitBreaker::recordFailure()
{
    ++m_failures;
    m_probeInFlight = false;
    if (m_state == State::HalfOpen || m_failures >= m_settings.failureThreshold) {
        m_state = State::Open;
        m_openedAt = m_clock();
    }
}

qint64 CircuitBreaker::remainingCoolDownMs() const
{
    if (m_state != State::Open)
        return 0;
    return qMax(qint64(0), m_settings.coolDownMs - (m_clock() - m_openedAt));
}

QString CircuitBreaker::stateName(State state)
{
    switch (state) {
    case State::Closed:
        return QStringLiteral("closed");
    case State::Open:
        return QStringLiteral("open");
    case State::HalfOpen:
        return QStringLiteral("half-open");
    }
    return {};
}

int CircuitBreaker::stateValue(State state)
{
    switch (state) {
    case State::Closed:
        return 0;
    case State::HalfOpen:
        return 1;
    case State::Open:
        return 2;
    }
    return 0;
}

} // namespace NebengJek::Server
