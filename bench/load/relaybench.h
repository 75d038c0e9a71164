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
//
// Chat mode (figure 5, durable chat) uses the same rides: each driver sends `message.send` to its
// passenger over the match, and what is timed is the sender's `message.sent`, which the server
// sends only once the message is durable. Two phases on one server: a fixed offered rate (ack
// latency), then saturation (acknowledged messages per second, closed loop).
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
        // longitude (chat: message sequence number) sent -> send time (ns)
        std::deque<std::pair<double, int64_t>> inFlight;
        std::string matchId; // chat: the conversation
        int finderRetries = 0;
    };

    std::string userId(uint32_t index) const override;
    bool isDriver(uint32_t index) const override { return index % 2 == 0; }
    void onMessage(uint32_t index, std::string_view text) override;

    void setUpRides();
    void setupMessage(uint32_t pair, bool fromDriverSide, std::string_view text);
    void sendFinder(uint32_t pair);
    void sendLocation(uint32_t pair);
    void sendChat(uint32_t pair);
    void sendNext(uint32_t pair) { m_chat ? sendChat(pair) : sendLocation(pair); }
    void delivered(uint32_t pair, std::string_view text);
    void completed(uint32_t pair, double key);
    // One measured phase: warm-up, then the window; open loop at --rate or closed loop.
    QJsonObject measurePhase(bool saturate);
    void failPair(uint32_t pair, const char *why, std::string_view text);
    void sendJson(uint32_t index, const std::string &text) { m_pool.sendText(index, text); }

    std::vector<Pair> m_pairs;
    std::vector<uint32_t> m_ready;
    size_t m_inSetup = 0;
    size_t m_failedPairs = 0;
    // Finder requests to send again (due time in ns, pair): a passenger on another node of a
    // cluster learns of its driver's beacon through Redis a moment after the beacon's answer.
    std::deque<std::pair<int64_t, uint32_t>> m_finderRetryQueue;
    uint64_t m_finderRetries = 0;
    bool m_measuring = false; // deliveries count and are timed only in the window
    bool m_saturate = false;
    bool m_chat = false;
    uint64_t m_chatReceived = 0; // message.new at the recipients, in the window
    int64_t m_windowStart = 0;
    int64_t m_windowEnd = 0;
    uint64_t m_sent = 0;
    uint64_t m_deliveredInWindow = 0;
    uint64_t m_lost = 0;
    TestClient::LatencyStats m_latency;
};

} // namespace NebengJek::Bench
