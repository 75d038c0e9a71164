// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <deque>
#include <functional>
#include <vector>

namespace NebengJek::Server {

// Ordered from best to worst; the overall status is the worst of all checks.
//   Healthy    everything works
//   Degraded   works, but something needs attention (near capacity, event loop lagging)
//   Unhealthy  should not get new traffic (at capacity, shutting down) -> HTTP 503
//   Critical   cannot do its job (storage failing) -> HTTP 503
enum class HealthStatus { Healthy = 0, Degraded = 1, Unhealthy = 2, Critical = 3 };

QString healthStatusName(HealthStatus status);

struct HealthCheckResult
{
    HealthStatus status = HealthStatus::Healthy;
    QString reason; // why, when not Healthy
};

struct HealthReport
{
    HealthStatus status = HealthStatus::Healthy;
    QStringList reasons;
    QJsonObject checks; // name -> {"status", "reason"}

    // 200 while traffic may be routed here (Healthy, Degraded), else 503.
    int httpStatus() const;
    QJsonObject toJson() const;
};

// One change of the overall status.
struct HealthTransition
{
    qint64 atMs = 0; // wall clock, ms since the epoch
    HealthStatus from = HealthStatus::Healthy;
    HealthStatus to = HealthStatus::Healthy;
    QStringList reasons; // of the new status (empty when it is Healthy)
    QStringList previousReasons; // of the status left, so a recovery shows what cleared

    QJsonObject toJson() const;
};

// Evaluates named checks on demand (each /health request, each scrape, each gateway sweep) and
// remembers the last transitions of the overall status, each also logged once.
class HealthMonitor
{
public:
    using WallClock = std::function<qint64()>; // ms since the epoch
    static constexpr int kDefaultHistoryCapacity = 50;

    // The clock is injected so tests can pin the transition times.
    explicit HealthMonitor(WallClock wallClockMs = {},
                           int historyCapacity = kDefaultHistoryCapacity);

    using Check = std::function<HealthCheckResult()>;
    void addCheck(const QString &name, Check check);
    HealthReport evaluate();

    // Oldest first; at most historyCapacity() entries.
    const std::deque<HealthTransition> &history() const { return m_history; }
    int historyCapacity() const { return m_historyCapacity; }
    // The newest `limit` transitions, newest first.
    QJsonArray historyJson(int limit) const;

private:
    void record(HealthStatus to, const QStringList &reasons);

    std::vector<std::pair<QString, Check>> m_checks;
    HealthStatus m_lastStatus = HealthStatus::Healthy;
    QStringList m_lastReasons;
    WallClock m_wallClockMs;
    int m_historyCapacity;
    std::deque<HealthTransition> m_history;
};

} // namespace NebengJek::Server
