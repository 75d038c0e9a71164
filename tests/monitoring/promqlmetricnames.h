// SPDX-License-Identifier: MIT
// Test support: which metric names a PromQL expression (or a Grafana `label_values(...)` query)
// reads, which metric names a Prometheus text exposition offers, and the PromQL expressions of
// a rules file and a dashboard.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>

namespace MonitoringCheck {

// Metric names selected by `expr`: identifiers that are not functions, aggregations, keywords,
// label names (inside {...} or a by/without/on/ignoring/group_left/group_right list), strings,
// numbers, durations or Grafana variables ($x, ${x}, [$__rate_interval]).
QSet<QString> metricNamesIn(const QString &expr);

// Every series name a scrape offers: the # TYPE names, histograms' _bucket/_sum/_count and
// summaries' _sum/_count, and every sample's name.
QSet<QString> exportedNames(const QByteArray &exposition);

// The `expr:` values of a Prometheus rules file (single line or a `|`/`>` block). Only the
// subset of YAML that rules files use; enough for monitoring/prometheus/alerts.yml.
QStringList ruleExpressions(const QByteArray &yaml);

// Every targets[].expr of every panel (rows' nested panels too) and every templating query.
QStringList dashboardExpressions(const QJsonValue &dashboard);

} // namespace MonitoringCheck
