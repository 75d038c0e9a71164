// SPDX-License-Identifier: MIT
#include "fanoutbench.h"

#include "benchclock.h"
#include "jsonscan.h"
#include "procstats.h"

#include <cstdio>

namespace NebengJek::Bench {

namespace {
// A publish that has not reached every subscriber by then is given up on (counted incomplete),
// so one lost delivery cannot stall the closed loop.
constexpr int64_t kPublishTimeoutNs = 2'000'000'000;
// Enough for any bounded run: a million publishes.
constexpr size_t kMaxPublishes = 1'000'000;
} // namespace

FanoutBench::FanoutBench(const BenchOptions &options)
    : BenchRun(options, size_t(options.subscribers + options.publishers))
{
    m_room = "bench-" + options.prefix.toStdString();
    m_publishes.reserve(kMaxPublishes);
}

std::string FanoutBench::userId(uint32_t index) const
{
    return m_options.prefix.toStdString() + (isDriver(index) ? "-pub-" : "-sub-")
            + std::to_string(index);
}

void FanoutBench::joinAll()
{
    if (m_options.target == Target::Echo)
        return; // the broadcast server has no rooms: everyone connected is in
    const std::string join =
            "{\"type\":\"room.join\",\"id\":\"join\",\"payload\":{\"room\":\"" + m_room + "\"}}";
    size_t sent = 0;
    for (uint32_t i = 0; i < m_pool.size(); ++i) {
        if (isAuthenticated(i) && m_pool.sendText(i, join))
            ++sent;
    }
    // Every join is answered (ack or error) with its id.
    loopFor(m_options.setupTimeoutSeconds, [&] { return m_joinReplies >= sent; });
}

void FanoutBench::publish()
{
    if (m_publishes.size() >= kMaxPublishes)
        return;
    const uint64_t n = m_publishes.size();
    char buffer[256];
    const int len = std::snprintf(
            buffer, sizeof buffer,
            "{\"type\":\"room.publish\",\"payload\":{\"room\":\"%s\",\"data\":{\"n\":%llu}}}",
            m_room.c_str(), static_cast<unsigned long long>(n));
    m_publishes.push_back({nowNs(), 0});
    m_pool.sendText(uint32_t(n % uint64_t(m_options.publishers)),
                    std::string_view(buffer, size_t(len)));
}

void FanoutBench::onMessage(uint32_t index, std::string_view text)
{
    if (text.find("\"id\":\"join\"") != std::string_view::npos) {
        ++m_joinReplies;
        return;
    }
    if (isDriver(index))
        return; // publishers may get their own event back; only subscribers count
    double n = -1;
    if (!scanNumber(text, "\"n\":", &n) || n < 0 || n >= double(m_publishes.size()))
        return;
    Publish &p = m_publishes[size_t(n)];
    ++p.deliveries;
    const int64_t now = nowNs();
    if (m_measuring && now >= m_windowStart && now <= m_windowEnd) {
        ++m_deliveredInWindow;
        m_latency.add((now - p.sentAt) / 1000);
    }
}

QJsonObject FanoutBench::run()
{
    QJsonObject result = baseResult("fanout");
    const ConnectResult connected = connectRange(0, uint32_t(m_pool.size()));
    result.insert(QStringLiteral("connect"), connectJson(connected));
    joinAll();
    result.insert(QStringLiteral("join_replies"), double(m_joinReplies));
    m_subscribersReady = 0;
    for (uint32_t i = uint32_t(m_options.publishers); i < m_pool.size(); ++i)
        m_subscribersReady += isAuthenticated(i) ? 1 : 0;
    result.insert(QStringLiteral("subscribers"), double(m_subscribersReady));
    if (m_subscribersReady == 0) {
        result.insert(QStringLiteral("error"), QStringLiteral("no subscriber connected"));
        return result;
    }

    const int64_t start = nowNs();
    m_windowStart = start + int64_t(m_options.warmupSeconds * 1e9);
    m_windowEnd = m_windowStart + int64_t(m_options.durationSeconds * 1e9);
    m_measuring = true;
    ProcSample cpuStart;
    bool windowOpen = false;
    loopFor(double(m_windowEnd - start) / 1e9, {}, [&] {
        const int64_t now = nowNs();
        if (!windowOpen && now >= m_windowStart) {
            cpuStart = sampleProcesses(m_options.serverPids);
            windowOpen = true;
        }
        while (m_oldestOpen < m_publishes.size()) {
            const Publish &p = m_publishes[m_oldestOpen];
            if (p.deliveries >= m_subscribersReady) {
                ++m_oldestOpen;
            } else if (now - p.sentAt > kPublishTimeoutNs) {
                ++m_incomplete;
                ++m_oldestOpen;
            } else {
                break;
            }
        }
        while (m_publishes.size() - m_oldestOpen < uint64_t(m_options.window))
            publish();
        return 1;
    });
    const ProcSample cpuEnd = sampleProcesses(m_options.serverPids);
    m_measuring = false;
    loopFor(0.3);

    const double seconds = double(m_windowEnd - m_windowStart) / 1e9;
    result.insert(QStringLiteral("publishes"), double(m_publishes.size()));
    result.insert(QStringLiteral("incomplete_publishes"), double(m_incomplete));
    result.insert(QStringLiteral("window"), m_options.window);
    result.insert(QStringLiteral("delivered_in_window"), double(m_deliveredInWindow));
    result.insert(QStringLiteral("window_seconds"), seconds);
    result.insert(QStringLiteral("deliveries_per_s"), double(m_deliveredInWindow) / seconds);
    if (cpuStart.ok && cpuEnd.ok && m_deliveredInWindow > 0) {
        const double cpu = cpuEnd.cpuSeconds - cpuStart.cpuSeconds;
        result.insert(QStringLiteral("server_cpu_s"), cpu);
        result.insert(QStringLiteral("server_cpu_us_per_delivery"),
                      cpu * 1e6 / double(m_deliveredInWindow));
    }
    result.insert(QStringLiteral("latency"), TestClient::LatencyStats::toJson(m_latency.summary()));
    m_pool.closeAll();
    return result;
}

} // namespace NebengJek::Bench
