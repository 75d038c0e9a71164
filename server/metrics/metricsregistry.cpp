// SPDX-License-Identifier: MIT
#include "metricsregistry.h"

#include <QLocale>

#include <cmath>
#include <variant>

namespace NebengJek::Server {

Histogram::Histogram(std::vector<double> upperBounds)
    : m_bounds(std::move(upperBounds))
    , m_counts(m_bounds.size() + 1, 0)
{ }

void Histogram::observe(double value)
{
    std::size_t i = 0;
    while (i < m_bounds.size() && value > m_bounds[i])
        ++i;
    ++m_counts[i];
    ++m_count;
    m_sum += value;
}

struct MetricsRegistry::Entry
{
    struct Callback
    {
        QString name;
        QString help;
        std::function<double()> value;
        const char *type = "gauge";
    };
    std::variant<std::unique_ptr<CounterFamily>, std::unique_ptr<GaugeFamily>,
                 std::unique_ptr<HistogramFamily>, Callback>
            metric;
};

namespace {

QByteArray escapeLabelValue(const QString &value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray escapeHelp(const QString &help)
{
    QByteArray out = help.toUtf8();
    out.replace("\\", "\\\\").replace("\n", "\\n");
    return out;
}

QByteArray formatNumber(double v)
{
    if (std::isinf(v))
        return v > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (std::isnan(v))
        return QByteArrayLiteral("NaN");
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QByteArray::number(qint64(v));
    return QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
}

QByteArray labels(const QStringList &names, const QStringList &values, const QByteArray &extra = {})
{
    if (names.isEmpty() && extra.isEmpty())
        return {};
    QByteArray out = "{";
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += ',';
        out += names[i].toUtf8() + "=\"" + escapeLabelValue(values[i]) + '"';
    }
    if (!extra.isEmpty()) {
        if (!names.isEmpty())
            out += ',';
        out += extra;
    }
    out += '}';
    return out;
}

void writeHeader(QByteArray &out, const QString &name, const QString &help, const char *type)
{
    out += "# HELP " + name.toUtf8() + ' ' + escapeHelp(help) + '\n';
    out += "# TYPE " + name.toUtf8() + ' ' + type + '\n';
}

} // namespace

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

CounterFamily *MetricsRegistry::counter(const QString &name, const QString &help,
                                        const QStringList &labelNames)
{
    auto family = std::make_unique<CounterFamily>(name, help, labelNames, [] { return Counter(); });
    CounterFamily *raw = family.get();
    m_entries.push_back(std::make_unique<Entry>(Entry {std::move(family)}));
    return raw;
}

GaugeFamily *MetricsRegistry::gauge(const QString &name, const QString &help,
                                    const QStringList &labelNames)
{
    auto family = std::make_unique<GaugeFamily>(name, help, labelNames, [] { return Gauge(); });
    GaugeFamily *raw = family.get();
    m_entries.push_back(std::make_unique<Entry>(Entry {std::move(family)}));
    return raw;
}

HistogramFamily *MetricsRegistry::histogram(const QString &name, const QString &help,
                                            std::vector<double> upperBounds,
                                            const QStringList &labelNames)
{
    auto family = std::make_unique<HistogramFamily>(
            name, help, labelNames, [upperBounds] { return Histogram(upperBounds); });
    HistogramFamily *raw = family.get();
    m_entries.push_back(std::make_unique<Entry>(Entry {std::move(family)}));
    return raw;
}

void MetricsRegistry::callbackGauge(const QString &name, const QString &help,
                                    std::function<double()> value)
{
    m_entries.push_back(
            std::make_unique<Entry>(Entry {Entry::Callback {name, help, std::move(value)}}));
}

void MetricsRegistry::callbackCounter(const QString &name, const QString &help,
                                      std::function<double()> value)
{
    m_entries.push_back(std::make_unique<Entry>(
            Entry {Entry::Callback {name, help, std::move(value), "counter"}}));
}

QByteArray MetricsRegistry::exposition() const
{
    QByteArray out;
    out.reserve(16 * 1024);
    for (const auto &entry : m_entries) {
        if (const auto *c = std::get_if<std::unique_ptr<CounterFamily>>(&entry->metric)) {
            const CounterFamily &f = **c;
            writeHeader(out, f.name(), f.help(), "counter");
            for (const auto &[values, series] : f.series()) {
                out += f.name().toUtf8() + labels(f.labelNames(), values) + ' '
                        + QByteArray::number(series->value()) + '\n';
            }
        } else if (const auto *g = std::get_if<std::unique_ptr<GaugeFamily>>(&entry->metric)) {
            const GaugeFamily &f = **g;
            writeHeader(out, f.name(), f.help(), "gauge");
            for (const auto &[values, series] : f.series()) {
                out += f.name().toUtf8() + labels(f.labelNames(), values) + ' '
                        + QByteArray::number(series->value()) + '\n';
            }
        } else if (const auto *h = std::get_if<std::unique_ptr<HistogramFamily>>(&entry->metric)) {
            const HistogramFamily &f = **h;
            writeHeader(out, f.name(), f.help(), "histogram");
            const QByteArray name = f.name().toUtf8();
            for (const auto &[values, series] : f.series()) {
                quint64 cumulative = 0;
                const auto &bounds = series->upperBounds();
                const auto &counts = series->bucketCounts();
                for (std::size_t i = 0; i <= bounds.size(); ++i) {
                    cumulative += counts[i];
                    const QByteArray le =
                            i < bounds.size() ? formatNumber(bounds[i]) : QByteArrayLiteral("+Inf");
                    out += name + "_bucket" + labels(f.labelNames(), values, "le=\"" + le + '"')
                            + ' ' + QByteArray::number(cumulative) + '\n';
                }
                out += name + "_sum" + labels(f.labelNames(), values) + ' '
                        + formatNumber(series->sum()) + '\n';
                out += name + "_count" + labels(f.labelNames(), values) + ' '
                        + QByteArray::number(series->count()) + '\n';
            }
        } else if (const auto *cb = std::get_if<Entry::Callback>(&entry->metric)) {
            writeHeader(out, cb->name, cb->help, cb->type);
            out += cb->name.toUtf8() + ' ' + formatNumber(cb->value()) + '\n';
        }
    }
    return out;
}

} // namespace NebengJek::Server
