// SPDX-License-Identifier: MIT
#include "healthmonitor.h"

#include "logging.h"

#include <QJsonArray>

namespace NebengJek::Server {

QString healthStatusName(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy:
        return QStringLiteral("Healthy");
    case HealthStatus::Degraded:
        return QStringLiteral("Degraded");
    case HealthStatus::Unhealthy:
        return QStringLiteral("Unhealthy");
    case HealthStatus::Critical:
        return QStringLiteral("Critical");
    }
    return QStringLiteral("Critical");
}

int HealthReport::httpStatus() const
{
    return status <= HealthStatus::Degraded ? 200 : 503;
}

QJsonObject HealthReport::toJson() const
{
    return {{QStringLiteral("status"), healthStatusName(status)},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)},
            {QStringLiteral("checks"), checks}};
}

void HealthMonitor::addCheck(const QString &name, Check check)
{
    m_checks.emplace_back(name, std::move(check));
}

HealthReport HealthMonitor::evaluate()
{
    HealthReport report;
    for (const auto &[name, check] : m_checks) {
        const HealthCheckResult r = check();
        QJsonObject entry {{QStringLiteral("status"), healthStatusName(r.status)}};
        if (r.status != HealthStatus::Healthy) {
            entry.insert(QStringLiteral("reason"), r.reason);
            report.reasons.append(name + QStringLiteral(": ") + r.reason);
        }
        report.checks.insert(name, entry);
        if (r.status > report.status)
            report.status = r.status;
    }
    if (report.status != m_lastStatus) {
        qCInfo(lcMetrics).noquote().nospace()
                << "event=health_changed from=" << healthStatusName(m_lastStatus)
                << " to=" << healthStatusName(report.status) << " reasons=\""
                << report.reasons.join(QStringLiteral("; ")) << '"';
        m_lastStatus = report.status;
    }
    return report;
}

} // namespace NebengJek::Server
