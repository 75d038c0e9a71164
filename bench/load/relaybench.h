// SPDX-License-Identifier: MIT
#pragma once

#include "benchrun.h"

#include <core/latencystats.h>

#include <deque>

namespace NebengJek::Bench {

// Figure 3: routed 1:1 traffic. Each driver streams location_update; the server relays it to the
// driver's matched passenger (echo: back to the driver). Delivery is timed end to end by content:
// each driver remembers when it sent which longitude, and the receiving side looks it up, so the
// message the server routes is exactly what the app sends. The real server first needs a ride
// per pair (beacon, finder, proposal, confirm, ride_start), set up before measuring.
class RelayBench : public BenchRun
{
public:
    explicit RelayBench(const BenchOptions &options);
    QJsonObject run() override;

private:
    enum class Stage : uint8_t {
        Waiting,
        BeaconSent,
        FinderSent,
        Confirmed,
        Starting,
        Ready,
        Failed
    };
    struct Pair
    {
        Stage stage = Stage::Waiting;
        double lat = 0;
        double lng = 0;
        uint64_t seq = 0;
        std::deque<std::pair<double, int64_t>> inFlight; // longitude sent -> send time (ns)
    };

    std::string userId(uint32_t index) const override;
    bool isDriver(uint32_t index) const override { return index % 2 == 0; }
    void onMessage(uint32_t index, std::string_view text) override;

    void setUpRides();
    void setupMessage(uint32_t pair, bool fromDriverSide, std::string_view text);
    void sendLocation(uint32_t pair);
    void delivered(uint32_t pair, std::string_view text);
    void failPair(uint32_t pair, const char *why, std::string_view text);
    void sendJson(uint32_t index, const std::string &text) { m_pool.sendText(index, text); }

    std::vector<Pair> m_pairs;
    std::vector<uint32_t> m_ready;
    size_t m_inSetup = 0;
    size_t m_failedPairs = 0;
    bool m_measuring = false; // deliveries count and are timed only in the window
    bool m_saturate = false;
    int64_t m_windowStart = 0;
    int64_t m_windowEnd = 0;
    uint64_t m_sent = 0;
    uint64_t m_deliveredInWindow = 0;
    uint64_t m_lost = 0;
    TestClient::LatencyStats m_latency;
};

} // namespace NebengJek::Bench
