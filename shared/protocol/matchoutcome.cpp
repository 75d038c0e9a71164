// SPDX-License-Identifier: MIT
#include "matchoutcome.h"

#include <array>
#include <utility>

namespace NebengJek::Protocol {

namespace {
constexpr std::array<std::pair<MatchOutcome, const char *>, 6> kNames {{
        {MatchOutcome::Accepted, "accepted"},
        {MatchOutcome::Rejected, "rejected"},
        {MatchOutcome::Expired, "expired"},
        {MatchOutcome::NoDriver, "no_driver"},
        {MatchOutcome::Cancelled, "cancelled"},
        {MatchOutcome::DriverCancelled, "driver_cancelled"},
}};
} // namespace

QString matchOutcomeName(MatchOutcome outcome)
{
    for (const auto &[value, name] : kNames) {
        if (value == outcome)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<MatchOutcome> matchOutcomeFromName(QStringView name)
{
    for (const auto &[value, text] : kNames) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

QStringList matchOutcomeNames()
{
    QStringList names;
    for (const auto &entry : kNames)
        names.append(QString::fromLatin1(entry.second));
    return names;
}

} // namespace NebengJek::Protocol
