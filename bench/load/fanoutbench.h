// SPDX-License-Identifier: MIT
#pragma once

#include "benchrun.h"

#include <core/latencystats.h>

namespace NebengJek::Bench {

// Figure 4: one event to many subscribers. Subscribers join a room (room.join); publishers send
// room.publish with {"n": sequence}; every room.event delivered to a subscriber counts. Closed
// loop: `window` publishes in flight, the next one sent when every subscriber has the oldest (or
// after a timeout), so the server is kept saturated without an unbounded backlog. Echo: the
// broadcast server sends the raw publish to every other client.
class FanoutBench : public BenchRun
{
public:
    explicit FanoutBench(const BenchOptions &options);
    QJsonObject run() override;

private:
    struct Publish
    {
        int64_t sentAt = 0;
        uint32_t deliveries = 0;
    };

    std::string userId(uint32_t index) const override;
    bool isDriver(uint32_t index) const override { return index < uint32_t(m_options.publishers); }
    void onMessage(uint32_t index, std::string_view text) override;
    void publish();
    void joinAll();

    std::string m_room;
    std::vector<Publish> m_publishes;
    uint64_t m_oldestOpen = 0; // first publish not yet complete
    uint32_t m_subscribersReady = 0;
    size_t m_joinReplies = 0;
    bool m_measuring = false;
    int64_t m_windowStart = 0;
    int64_t m_windowEnd = 0;
    uint64_t m_deliveredInWindow = 0;
    uint64_t m_incomplete = 0;
    TestClient::LatencyStats m_latency;
};

} // namespace NebengJek::Bench
