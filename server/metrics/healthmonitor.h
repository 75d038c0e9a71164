// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

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

// Evaluates named checks on demand (each /health request), so there is no polling.
class HealthMonitor
{
public:
    using Check = std::function<HealthCheckResult()>;
    void addCheck(const QString &name, Check check);
    HealthReport evaluate();

private:
    std::vector<std::pair<QString, Check>> m_checks;
    HealthStatus m_lastStatus = HealthStatus::Healthy;
};

} // namespace NebengJek::Server
