// SPDX-License-Identifier: MIT
#pragma once

#include "randomsource.h"

#include <chrono>

namespace NebengJek::Client {

// How long to wait before reconnect attempt N. A value class: configure it, hand it to the
// ConnectionManager (or a ReconnectBackoff), ask it for delays. See docs/client.md.
class ReconnectPolicy
{
public:
    enum class Strategy {
        Exponential, // base * 2^(n-1)
        Linear, // base * n
        Fixed, // base
    };
    enum class Jitter {
        None, // exactly the strategy's delay
        Full, // uniform in [0, delay): spreads a crowd of clients after a server restart
    };

    // Short enough that a blip (server restart, Wi-Fi handover) heals almost unnoticed.
    static constexpr std::chrono::milliseconds kDefaultBaseDelay {500};
    // Long enough to spare a struggling server, short enough that a driver is not offline for
    // minutes after the network came back without the platform telling us.
    static constexpr std::chrono::milliseconds kDefaultMaxDelay {30000};
    // A connection that stayed up this long was healthy: only then does the count restart, so
    // a server that accepts and immediately drops us still meets growing delays.
    static constexpr std::chrono::milliseconds kDefaultStablePeriod {10000};
    // 0 = unlimited: a ride-hailing client should keep trying while the app is in use.
    static constexpr int kDefaultMaxAttempts = 0;

    ReconnectPolicy();

    Strategy strategy() const { return m_strategy; }
    void setStrategy(Strategy strategy) { m_strategy = strategy; }
    Jitter jitter() const { return m_jitter; }
    void setJitter(Jitter jitter) { m_jitter = jitter; }
    std::chrono::milliseconds baseDelay() const { return m_baseDelay; }
    void setBaseDelay(std::chrono::milliseconds delay);
    // The cap: no delay is longer, whatever the strategy and attempt.
    std::chrono::milliseconds maxDelay() const { return m_maxDelay; }
    void setMaxDelay(std::chrono::milliseconds delay);
    int maxAttempts() const { return m_maxAttempts; }
    void setMaxAttempts(int attempts);
    std::chrono::milliseconds stablePeriod() const { return m_stablePeriod; }
    void setStablePeriod(std::chrono::milliseconds period);
    void setRandomSource(RandomSource random);

    // Delay before attempt `attempt` (1 = the first retry). Values below 1 count as 1.
    std::chrono::milliseconds delayForAttempt(int attempt) const;
    // The delay before jitter: the upper bound of delayForAttempt().
    std::chrono::milliseconds ceilingForAttempt(int attempt) const;
    // False once `attempt` exceeds maxAttempts (never with unlimited attempts).
    bool allowsAttempt(int attempt) const;

private:
    Strategy m_strategy = Strategy::Exponential;
    Jitter m_jitter = Jitter::Full;
    std::chrono::milliseconds m_baseDelay = kDefaultBaseDelay;
    std::chrono::milliseconds m_maxDelay = kDefaultMaxDelay;
    std::chrono::milliseconds m_stablePeriod = kDefaultStablePeriod;
    int m_maxAttempts = kDefaultMaxAttempts;
    RandomSource m_random;
};

} // namespace NebengJek::Client
