// SPDX-License-Identifier: MIT
#pragma once

#include "clock.h"
#include "reconnectpolicy.h"

#include <chrono>
#include <optional>

namespace NebengJek::Client {

// The attempt counter behind the reconnect delays. It restarts only when a connection has
// stayed up for the policy's stable period, measured on the injected clock: a server that
// accepts and drops us at once must keep meeting growing delays.
class ReconnectBackoff
{
public:
    explicit ReconnectBackoff(ReconnectPolicy policy = {}, Clock clock = systemClock());

    const ReconnectPolicy &policy() const { return m_policy; }
    void setPolicy(const ReconnectPolicy &policy) { m_policy = policy; }
    void setClock(Clock clock);

    // Attempts scheduled since the last reset.
    int attempt() const { return m_attempt; }
    // Counts the next attempt and returns its delay; nullopt once maxAttempts is used up.
    std::optional<std::chrono::milliseconds> nextDelay();

    // The connection is up (authenticated): start timing the stable period.
    void connectionEstablished();
    // The connection is gone: restart the count if it had been up long enough.
    void connectionLost();
    // While connected: restart the count if the stable period has passed. True if it did.
    bool resetIfStable();
    void reset() { m_attempt = 0; }
    bool isConnected() const { return m_connectedSince.has_value(); }

private:
    ReconnectPolicy m_policy;
    Clock m_clock;
    int m_attempt = 0;
    std::optional<qint64> m_connectedSince;
};

} // namespace NebengJek::Client
