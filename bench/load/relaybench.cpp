// SPDX-License-Identifier: MIT
#include "relaybench.h"

#include "benchclock.h"
#include "jsonscan.h"
#include "procstats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace NebengJek::Bench {

namespace {
// Rides set up at once: enough to keep the server busy, few enough that a slow matcher does not
// time proposals out.
constexpr size_t kSetupWindow = 64;
// Each pair gets its own 0.1° cell (11 km), further apart than the 5 km match radius, so every
// passenger is matched with its own driver.
constexpr int kCellsPerRow = 64;
constexpr double kCellDegrees = 0.1;
constexpr double kStepDegrees = 1e-7; // per location update: ~1 cm, unique per message
constexpr size_t kMaxPrintedSetupFailures = 5;
// A passenger told `no_driver` asks again, a bounded number of times after a short pause: on a
// cluster the passenger's node hears of the driver's beacon through Redis, so right after the
// beacon's answer it may not know the driver yet. On one node the first request matches.
constexpr int kMaxFinderRetries = 20;
constexpr int64_t kFinderRetryPauseNs = 200'000'000;

std::string_view jsonString(const QJsonObject &o, const char *key, std::string &storage)
{
    storage = o.value(QLatin1String(key)).toString().toStdString();
    return storage;
}
} // namespace

RelayBench::RelayBench(const BenchOptions &options)
    : BenchRun(options, size_t(options.pairs) * 2)
    , m_pairs(size_t(options.pairs))
{
    for (size_t i = 0; i < m_pairs.size(); ++i) {
        m_pairs[i].lat = -5.0 - double(i / kCellsPerRow) * kCellDegrees;
        m_pairs[i].lng = 100.0 + double(i % kCellsPerRow) * kCellDegrees;
    }
    m_saturate = options.rate <= 0;
    m_chat = options.mode == Mode::Chat;
}

std::string RelayBench::userId(uint32_t index) const
{
    // The peer pairs <x>-drv-<n> with <x>-psg-<n>; the real server pairs them through a ride.
    return m_options.prefix.toStdString() + (isDriver(index) ? "-drv-" : "-psg-")
            + std::to_string(index / 2);
}

void RelayBench::failPair(uint32_t pair, const char *why, std::string_view text)
{
    if (m_pairs[pair].stage == Stage::Failed)
        return;
    if (m_pairs[pair].stage != Stage::Ready && m_pairs[pair].stage != Stage::Waiting)
        --m_inSetup;
    m_pairs[pair].stage = Stage::Failed;
    if (m_failedPairs++ < kMaxPrintedSetupFailures)
        QTextStream(stderr) << "pair " << pair << ": " << why << ": "
                            << QByteArray(text.data(), qsizetype(qMin<size_t>(text.size(), 300)))
                            << '\n';
}

void RelayBench::setupMessage(uint32_t pair, bool driverSide, std::string_view text)
{
    const QJsonObject msg =
            QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())))
                    .object();
    const QString type = msg.value(QStringLiteral("type")).toString();
    const QJsonObject payload = msg.value(QStringLiteral("payload")).toObject();
    const QString id = msg.value(QStringLiteral("id")).toString();
    Pair &p = m_pairs[pair];
    const std::string n = std::to_string(pair);
    char buffer[512];
    if (type == QLatin1String("error")) {
        failPair(pair, "error during ride setup", text);
        return;
    }
    if (!driverSide) {
        // The driver's side drives the setup; the passenger only learns when nobody was found.
        if (type == QLatin1String("match_status")
            && payload.value(QStringLiteral("status")).toString() == QLatin1String("no_driver")) {
            if (p.stage == Stage::FinderSent && p.finderRetries < kMaxFinderRetries) {
                ++p.finderRetries;
                ++m_finderRetries;
                m_finderRetryQueue.emplace_back(nowNs() + kFinderRetryPauseNs, pair);
            } else {
                failPair(pair, "no driver found", text);
            }
        }
        return;
    }
    if (p.stage == Stage::BeaconSent && id == QLatin1String("b") + QString::fromStdString(n)) {
        p.stage = Stage::FinderSent;
        sendFinder(pair);
    } else if (type == QLatin1String("match_proposal") && p.stage == Stage::FinderSent) {
        std::string matchId;
        jsonString(payload, "match_id", matchId);
        p.matchId = matchId;
        std::snprintf(buffer, sizeof buffer,
                      "{\"type\":\"match_confirm\",\"id\":\"c%s\",\"payload\":{\"match_id\":\"%s\","
                      "\"accepted\":true}}",
                      n.c_str(), matchId.c_str());
        p.stage = Stage::Confirmed;
        sendJson(pair * 2, buffer);
    } else if (type == QLatin1String("match_status") && p.stage == Stage::Confirmed) {
        if (payload.value(QStringLiteral("status")).toString() != QLatin1String("accepted")) {
            failPair(pair, "match not accepted", text);
            return;
        }
        std::string rideId;
        jsonString(payload, "ride_id", rideId);
        std::snprintf(buffer, sizeof buffer,
                      "{\"type\":\"ride_start\",\"id\":\"s%s\",\"payload\":{\"ride_id\":\"%s\"}}",
                      n.c_str(), rideId.c_str());
        p.stage = Stage::Starting;
        sendJson(pair * 2, buffer);
    } else if (type == QLatin1String("ride_pickup") && p.stage == Stage::Starting) {
        p.stage = Stage::Ready;
        --m_inSetup;
        m_ready.push_back(pair);
    }
}

void RelayBench::sendFinder(uint32_t pair)
{
    const Pair &p = m_pairs[pair];
    char buffer[512];
    // A fresh request id per attempt: a retry is a new ride request, not a replay of the last.
    std::snprintf(buffer, sizeof buffer,
                  "{\"type\":\"finder_update\",\"id\":\"f%u-%d\",\"payload\":{\"is_active\":true,"
                  "\"pickup\":{\"lat\":%.7f,\"lng\":%.7f},\"destination\":{\"lat\":%.7f,"
                  "\"lng\":%.7f}}}",
                  pair, p.finderRetries, p.lat, p.lng, p.lat + 0.02, p.lng + 0.02);
    sendJson(pair * 2 + 1, buffer);
}

void RelayBench::setUpRides()
{
    if (m_options.target != Target::NebengJek) {
        // The peer pairs by user id and the echo needs nothing: every connected pair is ready.
        for (uint32_t i = 0; i < m_pairs.size(); ++i) {
            if (isAuthenticated(i * 2) && isAuthenticated(i * 2 + 1)) {
                m_pairs[i].stage = Stage::Ready;
                m_pairs[i].matchId = "m-" + std::to_string(i);
                m_ready.push_back(i);
            }
        }
        return;
    }
    uint32_t next = 0;
    const auto startMore = [&] {
        const int64_t now = nowNs();
        while (!m_finderRetryQueue.empty() && m_finderRetryQueue.front().first <= now) {
            const uint32_t pair = m_finderRetryQueue.front().second;
            m_finderRetryQueue.pop_front();
            if (m_pairs[pair].stage == Stage::FinderSent)
                sendFinder(pair);
        }
        char buffer[256];
        while (next < m_pairs.size() && m_inSetup < kSetupWindow) {
            const uint32_t i = next++;
            Pair &p = m_pairs[i];
            if (!isAuthenticated(i * 2) || !isAuthenticated(i * 2 + 1)) {
                p.stage = Stage::Failed;
                ++m_failedPairs;
                continue;
            }
            std::snprintf(
                    buffer, sizeof buffer,
                    "{\"type\":\"beacon_update\",\"id\":\"b%u\",\"payload\":{\"is_active\":true,"
                    "\"lat\":%.7f,\"lng\":%.7f}}",
                    i, p.lat, p.lng);
            p.stage = Stage::BeaconSent;
            ++m_inSetup;
            sendJson(i * 2, buffer);
        }
        return 1;
    };
    loopFor(
            m_options.setupTimeoutSeconds, [&] { return next >= m_pairs.size() && m_inSetup == 0; },
            startMore);
}

void RelayBench::sendLocation(uint32_t pair)
{
    Pair &p = m_pairs[pair];
    const double lng = p.lng + double(++p.seq % 1000000) * kStepDegrees;
    char buffer[160];
    // %.17g: the exact double, which every JSON writer on the path reproduces when relaying.
    const int n = std::snprintf(
            buffer, sizeof buffer,
            "{\"type\":\"location_update\",\"payload\":{\"lat\":%.17g,\"lng\":%.17g}}", p.lat, lng);
    p.inFlight.emplace_back(lng, nowNs());
    ++m_sent;
    m_pool.sendText(pair * 2, std::string_view(buffer, size_t(n)));
}

void RelayBench::sendChat(uint32_t pair)
{
    Pair &p = m_pairs[pair];
    const uint64_t seq = ++p.seq;
    char buffer[256];
    // A request id as the app sends one (idempotent retries), and a short text.
    const int n = std::snprintf(
            buffer, sizeof buffer,
            "{\"type\":\"message.send\",\"id\":\"c%u-%llu\",\"payload\":{\"match_id\":\"%s\","
            "\"temp_id\":\"t%llu\",\"body\":\"On my way, message %llu from the bench\"}}",
            pair, static_cast<unsigned long long>(seq), p.matchId.c_str(),
            static_cast<unsigned long long>(seq), static_cast<unsigned long long>(seq));
    p.inFlight.emplace_back(double(seq), nowNs());
    ++m_sent;
    m_pool.sendText(pair * 2, std::string_view(buffer, size_t(n)));
}

void RelayBench::delivered(uint32_t pair, std::string_view text)
{
    double lng = 0;
    if (scanNumber(text, "\"lng\":", &lng))
        completed(pair, lng);
}

void RelayBench::completed(uint32_t pair, double key)
{
    Pair &p = m_pairs[pair];
    // In order per pair: anything older than this one was lost on the way.
    while (!p.inFlight.empty() && p.inFlight.front().first != key) {
        p.inFlight.pop_front();
        ++m_lost;
    }
    if (p.inFlight.empty())
        return;
    const int64_t sentAt = p.inFlight.front().second;
    p.inFlight.pop_front();
    const int64_t now = nowNs();
    // Counted by arrival time, the same window the server CPU is read over.
    const bool inWindow = m_measuring && now >= m_windowStart && now <= m_windowEnd;
    if (inWindow) {
        ++m_deliveredInWindow;
        m_latency.add((now - sentAt) / 1000);
    }
    if (m_saturate && m_measuring)
        sendNext(pair);
}

void RelayBench::onMessage(uint32_t index, std::string_view text)
{
    const uint32_t pair = index / 2;
    if (pair >= m_pairs.size())
        return;
    Pair &p = m_pairs[pair];
    if (p.stage == Stage::Ready) {
        // Echo: the driver's own message comes back; otherwise the passenger gets the relay.
        const bool deliverySide =
                m_options.target == Target::Echo ? isDriver(index) : !isDriver(index);
        if (m_chat) {
            double seq = 0;
            if (isDriver(index) && text.find("message.sent") != std::string_view::npos
                && scanNumber(text, "\"temp_id\":\"t", &seq))
                completed(pair, seq);
            else if (!isDriver(index) && text.find("message.new") != std::string_view::npos
                     && m_measuring && nowNs() >= m_windowStart && nowNs() <= m_windowEnd)
                ++m_chatReceived;
            return;
        }
        if (deliverySide && text.find("location_update") != std::string_view::npos)
            delivered(pair, text);
        return;
    }
    if (p.stage != Stage::Failed && p.stage != Stage::Waiting)
        setupMessage(pair, isDriver(index), text);
}

QJsonObject RelayBench::measurePhase(bool saturate)
{
    m_saturate = saturate;
    m_sent = 0;
    m_deliveredInWindow = 0;
    m_chatReceived = 0;
    m_latency.clear();
    const int64_t start = nowNs();
    m_windowStart = start + int64_t(m_options.warmupSeconds * 1e9);
    m_windowEnd = m_windowStart + int64_t(m_options.durationSeconds * 1e9);
    m_measuring = true;
    ProcSample cpuStart;
    bool windowOpen = false;
    const auto watchWindow = [&] {
        if (!windowOpen && nowNs() >= m_windowStart) {
            cpuStart = sampleProcesses(m_options.serverPids);
            windowOpen = true;
        }
    };
    if (m_saturate) {
        // Closed loop: `window` messages in flight per driver, the next one sent on delivery
        // (chat: on its acknowledgement).
        for (int w = 0; w < m_options.window; ++w) {
            for (const uint32_t pair : m_ready)
                sendNext(pair);
        }
        loopFor(double(m_windowEnd - start) / 1e9, {}, [&] {
            watchWindow();
            return 1;
        });
    } else {
        // Open loop at the configured rate, drivers evenly spread over each period.
        const double intervalNs = 1e9 / m_options.rate / double(m_ready.size());
        uint64_t next = 0;
        loopFor(double(m_windowEnd - start) / 1e9, {}, [&] {
            watchWindow();
            const int64_t now = nowNs();
            while (double(now - start) >= double(next) * intervalNs)
                sendNext(m_ready[next++ % m_ready.size()]);
            const double untilNext = double(next) * intervalNs - double(now - start);
            return int(untilNext / 1e6);
        });
    }
    const ProcSample cpuEnd = sampleProcesses(m_options.serverPids);
    m_measuring = false;
    // Deliveries of messages sent in the window may still be on the way; give them a moment so
    // they are not counted as lost (they are not counted as delivered either).
    loopFor(0.5);

    const double seconds = double(m_windowEnd - m_windowStart) / 1e9;
    QJsonObject result;
    result.insert(QStringLiteral("rate_per_driver"),
                  m_saturate ? QJsonValue(QStringLiteral("saturation"))
                             : QJsonValue(m_options.rate));
    result.insert(QStringLiteral("window"), m_options.window);
    result.insert(QStringLiteral("sent"), double(m_sent));
    result.insert(QStringLiteral("delivered_in_window"), double(m_deliveredInWindow));
    result.insert(QStringLiteral("window_seconds"), seconds);
    result.insert(QStringLiteral("delivered_per_s"), double(m_deliveredInWindow) / seconds);
    result.insert(QStringLiteral("lost"), double(m_lost));
    if (cpuStart.ok && cpuEnd.ok && m_deliveredInWindow > 0) {
        const double cpu = cpuEnd.cpuSeconds - cpuStart.cpuSeconds;
        result.insert(QStringLiteral("server_cpu_s"), cpu);
        result.insert(QStringLiteral("server_cpu_us_per_message"),
                      cpu * 1e6 / double(m_deliveredInWindow));
        result.insert(QStringLiteral("server_rss_kb"), double(cpuEnd.rssKb));
        if (cpuEnd.cpuSecondsByProcess.size() > 1) {
            // Each node's share (in --server-pid order), next to the sum above.
            QJsonArray byProcess;
            for (size_t i = 0; i < cpuEnd.cpuSecondsByProcess.size(); ++i)
                byProcess.append(cpuEnd.cpuSecondsByProcess[i] - cpuStart.cpuSecondsByProcess[i]);
            result.insert(QStringLiteral("server_cpu_s_by_process"), byProcess);
        }
    }
    const QJsonObject latency = TestClient::LatencyStats::toJson(m_latency.summary());
    result.insert(QStringLiteral("latency"), latency);
    if (m_chat) {
        // The measured event is the sender's durable acknowledgement (message.sent).
        result.insert(QStringLiteral("offered_per_s"),
                      saturate ? QJsonValue(QStringLiteral("saturation"))
                               : QJsonValue(m_options.rate * double(m_ready.size())));
        result.insert(QStringLiteral("acknowledged_in_window"), double(m_deliveredInWindow));
        result.insert(QStringLiteral("acknowledged_per_s"), double(m_deliveredInWindow) / seconds);
        result.insert(QStringLiteral("ack_latency"), latency);
        result.insert(QStringLiteral("received_per_s"), double(m_chatReceived) / seconds);
    }
    return result;
}

QJsonObject RelayBench::run()
{
    QJsonObject result = baseResult(m_chat ? "chat" : "relay");
    const ConnectResult connected = connectRange(0, uint32_t(m_pairs.size() * 2));
    result.insert(QStringLiteral("connect"), connectJson(connected));
    const int64_t setupStart = nowNs();
    setUpRides();
    result.insert(QStringLiteral("setup_seconds"), double(nowNs() - setupStart) / 1e9);
    result.insert(QStringLiteral("pairs_requested"), double(m_pairs.size()));
    result.insert(QStringLiteral("pairs_ready"), double(m_ready.size()));
    result.insert(QStringLiteral("pairs_failed"), double(m_failedPairs));
    result.insert(QStringLiteral("finder_retries"), double(m_finderRetries));
    result.insert(QStringLiteral("nodes"), m_options.passengerPort > 0 ? 2 : 1);
    if (m_ready.empty()) {
        result.insert(QStringLiteral("error"), QStringLiteral("no pair got ready"));
        return result;
    }

    if (!m_chat) {
        const QJsonObject phase = measurePhase(m_saturate);
        for (auto it = phase.begin(); it != phase.end(); ++it)
            result.insert(it.key(), it.value());
    } else {
        // Fixed offered rate first (ack latency), then saturation on the same server.
        const QJsonObject fixed = measurePhase(false);
        const QJsonObject saturated = measurePhase(true);
        result.insert(QStringLiteral("fixed_rate"), fixed);
        result.insert(QStringLiteral("saturation"), saturated);
        result.insert(QStringLiteral("offered_per_s"),
                      fixed.value(QStringLiteral("offered_per_s")));
        result.insert(QStringLiteral("ack_latency"), fixed.value(QStringLiteral("ack_latency")));
        result.insert(QStringLiteral("acknowledged_per_s"),
                      saturated.value(QStringLiteral("acknowledged_per_s")));
        result.insert(QStringLiteral("server_cpu_us_per_message"),
                      saturated.value(QStringLiteral("server_cpu_us_per_message")));
        result.insert(QStringLiteral("lost"), double(m_lost));
    }
    m_pool.closeAll();
    return result;
}

} // namespace NebengJek::Bench
