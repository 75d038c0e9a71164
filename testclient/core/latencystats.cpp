// SPDX-License-Identifier: MIT
#include "latencystats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace NebengJek::TestClient {

LatencyStats::Summary LatencyStats::summary()
{
    Summary s;
    s.count = count();
    if (m_samples.empty())
        return s;
    std::sort(m_samples.begin(), m_samples.end());
    // Nearest-rank percentile: the smallest sample with at least p% of samples at or below it.
    const auto at = [this](double p) {
        const size_t rank = size_t(std::ceil(p / 100.0 * double(m_samples.size())));
        return double(m_samples[std::clamp<size_t>(rank, 1, m_samples.size()) - 1]) / 1000.0;
    };
    s.p50Ms = at(50);
    s.p95Ms = at(95);
    s.p99Ms = at(99);
    s.maxMs = double(m_samples.back()) / 1000.0;
    const double sum = std::accumulate(m_samples.begin(), m_samples.end(), 0.0);
    s.meanMs = sum / double(m_samples.size()) / 1000.0;
    return s;
}

QJsonObject LatencyStats::toJson(const Summary &s)
{
    return {{QStringLiteral("count"), double(s.count)}, {QStringLiteral("p50_ms"), s.p50Ms},
            {QStringLiteral("p95_ms"), s.p95Ms},        {QStringLiteral("p99_ms"), s.p99Ms},
            {QStringLiteral("max_ms"), s.maxMs},        {QStringLiteral("mean_ms"), s.meanMs}};
}

QString LatencyStats::toText(const Summary &s)
{
    if (s.count == 0)
        return QStringLiteral("no samples");
    return QStringLiteral("n=%1 p50 %2 ms  p95 %3 ms  p99 %4 ms  max %5 ms")
            .arg(s.count)
            .arg(s.p50Ms, 0, 'f', 2)
            .arg(s.p95Ms, 0, 'f', 2)
            .arg(s.p99Ms, 0, 'f', 2)
            .arg(s.maxMs, 0, 'f', 2);
}

} // namespace NebengJek::TestClient
