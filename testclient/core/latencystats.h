// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

#include <vector>

namespace NebengJek::TestClient {

// Latency samples in microseconds and their percentiles. Keeps every sample (4 bytes each):
// a bounded run of a few million deliveries fits easily, and exact percentiles need no
// bucketing assumptions.
class LatencyStats
{
public:
    void add(qint64 micros)
    {
        m_samples.push_back(quint32(qBound<qint64>(0, micros, 0xffffffffLL)));
    }
    qsizetype count() const { return qsizetype(m_samples.size()); }
    void clear() { m_samples.clear(); }

    struct Summary
    {
        qsizetype count = 0;
        double p50Ms = 0, p95Ms = 0, p99Ms = 0, maxMs = 0, meanMs = 0;
    };
    // Sorts the samples in place (cheap when called once at the end or once a second).
    Summary summary();

    static QJsonObject toJson(const Summary &s);
    static QString toText(const Summary &s);

private:
    std::vector<quint32> m_samples;
};

} // namespace NebengJek::TestClient
