// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace NebengJek::Protocol {

// How a match attempt ended (match_status.status), defined once for the hub, the app and
// the test client. Wire names: accepted | rejected | expired | no_driver | cancelled |
// driver_cancelled (the accepted driver withdrew; the server searches again, like after a reject).
enum class MatchOutcome { Accepted, Rejected, Expired, NoDriver, Cancelled, DriverCancelled };

QString matchOutcomeName(MatchOutcome outcome);
std::optional<MatchOutcome> matchOutcomeFromName(QStringView name);
// Every wire name, in enum order (for validation messages).
QStringList matchOutcomeNames();

} // namespace NebengJek::Protocol
