// SPDX-License-Identifier: MIT
#include "configvalue.h"

#include <cmath>

namespace NebengJek::Server {

namespace {
std::optional<double> number(QStringView text)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < 0)
        return std::nullopt;
    return v;
}
} // namespace

std::optional<qint64> parseDurationMs(const QString &input)
{
    const QString text = input.trimmed().toLower();
    struct Unit
    {
        const char *suffix;
        double ms;
    };
    static const Unit units[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}};
    for (const Unit &u : units) {
        if (text.endsWith(QLatin1String(u.suffix))) {
            const auto v = number(QStringView(text).chopped(qsizetype(qstrlen(u.suffix))));
            if (!v)
                return std::nullopt;
            return qint64(std::llround(*v * u.ms));
        }
    }
    const auto v = number(text);
    if (!v)
        return std::nullopt;
    return qint64(std::llround(*v * 1000));
}

std::optional<qint64> parseByteSize(const QString &input)
{
    QString text = input.trimmed().toLower();
    qint64 multiplier = 1;
    struct Unit
    {
        const char *suffix;
        qint64 factor;
    };
    static const Unit units[] = {
            {"kib", 1024},       {"mib", 1024 * 1024}, {"gib", 1024 * 1024 * 1024}, {"kb", 1024},
            {"mb", 1024 * 1024}, {"k", 1024},          {"m", 1024 * 1024},          {"b", 1}};
    for (const Unit &u : units) {
        if (text.endsWith(QLatin1String(u.suffix))) {
            text.chop(qsizetype(qstrlen(u.suffix)));
            multiplier = u.factor;
            break;
        }
    }
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok || v < 0 || v > (Q_INT64_C(1) << 40) / multiplier)
        return std::nullopt;
    return v * multiplier;
}

std::optional<bool> parseBool(const QString &input)
{
    const QString t = input.trimmed().toLower();
    if (t == QLatin1String("1") || t == QLatin1String("true") || t == QLatin1String("yes")
        || t == QLatin1String("on"))
        return true;
    if (t == QLatin1String("0") || t == QLatin1String("false") || t == QLatin1String("no")
        || t == QLatin1String("off"))
        return false;
    return std::nullopt;
}

std::optional<ListenSpec> parseListen(const QString &input)
{
    QString host = input.trimmed();
    std::optional<quint16> port;
    auto takePort = [&](qsizetype colon) -> bool {
        bool ok = false;
        const uint p = host.mid(colon + 1).toUInt(&ok);
        if (!ok || p > 65535)
            return false;
        port = quint16(p);
        host.truncate(colon);
        return true;
    };
    if (host.startsWith(QLatin1Char('['))) {
        const qsizetype close = host.indexOf(QLatin1Char(']'));
        if (close < 0)
            return std::nullopt;
        if (close + 1 < host.size()) {
            if (host.at(close + 1) != QLatin1Char(':') || !takePort(close + 1))
                return std::nullopt;
        }
        host = host.mid(1, close - 1);
    } else if (host.count(QLatin1Char(':')) == 1) {
        if (!takePort(host.indexOf(QLatin1Char(':'))))
            return std::nullopt;
    }
    ListenSpec spec;
    spec.port = port;
    if (host.isEmpty() || host == QLatin1String("*") || host == QLatin1String("any"))
        spec.address = QHostAddress::Any;
    else if (host == QLatin1String("localhost"))
        spec.address = QHostAddress::LocalHost;
    else if (!spec.address.setAddress(host))
        return std::nullopt;
    return spec;
}

QString formatDurationMs(qint64 ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + QLatin1Char('s');
    return QString::number(ms) + QStringLiteral("ms");
}

} // namespace NebengJek::Server
