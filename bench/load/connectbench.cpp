// SPDX-License-Identifier: MIT
#include "connectbench.h"

#include "procstats.h"

namespace NebengJek::Bench {

ConnectBench::ConnectBench(const BenchOptions &options)
    : BenchRun(options, size_t(options.connections))
{ }

std::string ConnectBench::userId(uint32_t index) const
{
    return m_options.prefix.toStdString() + (isDriver(index) ? "-d" : "-p") + std::to_string(index);
}

QJsonObject ConnectBench::run()
{
    const bool idle = m_options.mode == Mode::Idle;
    const ProcSample before = sampleProcesses(m_options.serverPids);
    const ConnectResult connected = connectRange(0, uint32_t(m_options.connections));
    const ProcSample afterConnect = sampleProcesses(m_options.serverPids);
    QJsonObject result = baseResult(idle ? "idle" : "storm");
    result.insert(QStringLiteral("connections_requested"), m_options.connections);
    result.insert(QStringLiteral("connect"), connectJson(connected));
    if (before.ok && afterConnect.ok) {
        const double cpu = afterConnect.cpuSeconds - before.cpuSeconds;
        result.insert(QStringLiteral("server_cpu_s"), cpu);
        if (connected.authenticated > 0)
            result.insert(QStringLiteral("server_cpu_us_per_connect"),
                          cpu * 1e6 / double(connected.authenticated));
    }
    if (idle) {
        // Idle connections still get pings; the settle time lets allocations from the connect
        // phase (handshake buffers) be freed before RSS is read.
        loopFor(m_options.settleSeconds);
        const ProcSample settled = sampleProcesses(m_options.serverPids);
        const size_t open = authenticatedCount();
        result.insert(QStringLiteral("open_after_settle"), double(open));
        if (before.ok && settled.ok && open > 0) {
            result.insert(QStringLiteral("rss_before_kb"), double(before.rssKb));
            result.insert(QStringLiteral("rss_after_kb"), double(settled.rssKb));
            result.insert(QStringLiteral("rss_per_connection_kb"),
                          double(settled.rssKb - before.rssKb) / double(open));
        }
    }
    m_pool.closeAll();
    return result;
}

} // namespace NebengJek::Bench
