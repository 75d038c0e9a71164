// SPDX-License-Identifier: MIT
#include "healthmonitor.h"

#include "logging.h"

#include <QDateTime>

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

QJsonObject HealthTransition::toJson() const
{
    return {{QStringLiteral("at"),
             QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {QStringLiteral("at_ms"), double(atMs)},
            {QStringLiteral("from"), healthStatusName(from)},
            {QStringLiteral("to"), healthStatusName(to)},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)},
            {QStringLiteral("previous_reasons"), QJsonArray::fromStringList(previousReasons)}};
}

HealthMonitor::HealthMonitor(WallClock wallClockMs, int historyCapacity)
    : m_wallClockMs(wallClockMs ? std::move(wallClockMs)
                                : WallClock([] { return QDateTime::currentMSecsSinceEpoch(); }))
    , m_historyCapacity(qMax(1, historyCapacity))
{ }

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
    if (report.status != m_lastStatus)
        record(report.status, report.reasons);
    m_lastReasons = report.reasons;
    return report;
}

void HealthMonitor::record(HealthStatus to, const QStringList &reasons)
{
    HealthTransition t;
    t.atMs = m_wallClockMs();
    t.from = m_lastStatus;
    t.to = to;
    t.reasons = reasons;
    t.previousReasons = m_lastReasons;
    qCInfo(lcMetrics).noquote().nospace()
            << "event=health_changed from=" << healthStatusName(t.from)
            << " to=" << healthStatusName(t.to) << " reasons=\""
            << t.reasons.join(QStringLiteral("; ")) << "\" previous=\""
            << t.previousReasons.join(QStringLiteral("; ")) << '"';
    m_history.push_back(std::move(t));
    while (int(m_history.size()) > m_historyCapacity)
        m_history.pop_front();
    m_lastStatus = to;
}

QJsonArray HealthMonitor::historyJson(int limit) const
{
    QJsonArray out;
    for (auto it = m_history.crbegin(); it != m_history.crend() && out.size() < limit; ++it)
        out.append(it->toJson());
    return out;
}

} // namespace NebengJek::Server
