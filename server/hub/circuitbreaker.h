// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>

namespace NebengJek::Server {

// Keeps a dead dependency (Redis, the database) from being hammered on every request:
//   Closed    calls go through; consecutive failures are counted
//   Open      after `failureThreshold` consecutive failures: calls are refused at once
//   HalfOpen  `coolDownMs` after opening, one probe call goes through; its success closes the
//             breaker, its failure opens it for another cool-down
// The clock is injected (monotonic milliseconds), so tests drive time.
class CircuitBreaker
{
public:
    enum class State { Closed, Open, HalfOpen };
    struct Settings
    {
        int failureThreshold = 3;
        qint64 coolDownMs = 2000;
    };
    using Clock = std::function<qint64()>;

    explicit CircuitBreaker(const Settings &settings, Clock clock = {});

    // May a call go through now? In Open past the cool-down this admits the one probe.
    bool allowRequest();
    void recordSuccess();
    void recordFailure();

    State state() const { return m_state; }
    int consecutiveFailures() const { return m_failures; }
    // Milliseconds until an open breaker admits its probe (0 when not open).
    qint64 remainingCoolDownMs() const;
    static QString stateName(State state);
    // 0 Closed, 1 HalfOpen, 2 Open: for a gauge.
    static int stateValue(State state);

private:
    Settings m_settings;
    Clock m_clock;
    State m_state = State::Closed;
    int m_failures = 0;
    qint64 m_openedAt = 0;
    bool m_probeInFlight = false;
};

} // namespace NebengJek::Server
