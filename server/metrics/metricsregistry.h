// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace NebengJek::Server {

// The hot path holds pointers to these and updates them with plain integer operations: the
// server is single-threaded (one event loop), so no atomics are needed.
class Counter
{
public:
    void increment(quint64 by = 1) { m_value += by; }
    quint64 value() const { return m_value; }

private:
    quint64 m_value = 0;
};

class Gauge
{
public:
    void set(qint64 v) { m_value = v; }
    void add(qint64 by) { m_value += by; }
    qint64 value() const { return m_value; }

private:
    qint64 m_value = 0;
};

// Fixed upper bounds chosen at registration; observe() is a short linear scan.
class Histogram
{
public:
    explicit Histogram(std::vector<double> upperBounds);
    void observe(double value);
    const std::vector<double> &upperBounds() const { return m_bounds; }
    // Non-cumulative count per bucket; the last entry is the +Inf bucket.
    const std::vector<quint64> &bucketCounts() const { return m_counts; }
    quint64 count() const { return m_count; }
    double sum() const { return m_sum; }

private:
    std::vector<double> m_bounds;
    std::vector<quint64> m_counts;
    quint64 m_count = 0;
    double m_sum = 0;
};

// A named metric with a fixed list of label names; each distinct list of label values is one
// series, created on first use and kept (pointers stay valid for the registry's lifetime).
template<typename T> class Family
{
public:
    Family(QString name, QString help, QStringList labelNames, std::function<T()> factory)
        : m_name(std::move(name))
        , m_help(std::move(help))
        , m_labelNames(std::move(labelNames))
        , m_factory(std::move(factory))
    { }

    T *withLabels(const QStringList &labelValues)
    {
        Q_ASSERT(labelValues.size() == m_labelNames.size());
        const QString key = labelValues.join(QChar(0x1f));
        if (T *existing = m_index.value(key))
            return existing;
        m_series.push_back({labelValues, std::make_unique<T>(m_factory())});
        T *created = m_series.back().second.get();
        m_index.insert(key, created);
        return created;
    }
    T *get() { return withLabels({}); }

    const QString &name() const { return m_name; }
    const QString &help() const { return m_help; }
    const QStringList &labelNames() const { return m_labelNames; }
    const std::vector<std::pair<QStringList, std::unique_ptr<T>>> &series() const
    {
        return m_series;
    }

private:
    QString m_name;
    QString m_help;
    QStringList m_labelNames;
    std::function<T()> m_factory;
    std::vector<std::pair<QStringList, std::unique_ptr<T>>> m_series;
    QHash<QString, T *> m_index;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

// Owns every metric and renders them in the Prometheus text exposition format (version 0.0.4).
class MetricsRegistry
{
public:
    MetricsRegistry();
    ~MetricsRegistry();

    CounterFamily *counter(const QString &name, const QString &help,
                           const QStringList &labelNames = {});
    GaugeFamily *gauge(const QString &name, const QString &help,
                       const QStringList &labelNames = {});
    HistogramFamily *histogram(const QString &name, const QString &help,
                               std::vector<double> upperBounds, const QStringList &labelNames = {});
    // A gauge computed when scraped (e.g. a sum over sessions), so nothing is kept up to date
    // on the hot path.
    void callbackGauge(const QString &name, const QString &help, std::function<double()> value);
    // A counter kept elsewhere (e.g. by storage) and read when scraped; `value` must be safe to
    // call from the scraping thread.
    void callbackCounter(const QString &name, const QString &help, std::function<double()> value);

    QByteArray exposition() const;
    static constexpr const char *kContentType = "text/plain; version=0.0.4; charset=utf-8";

private:
    struct Entry;
    std::vector<std::unique_ptr<Entry>> m_entries;
};

} // namespace NebengJek::Server
