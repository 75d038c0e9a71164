// SPDX-License-Identifier: MIT
#pragma once

#include "fieldreader.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace NebengJek::Protocol {

// What one party of a ride sees of the other (the driver card, the passenger line of a
// proposal, the partner of a past ride). Names and vehicles come from the user's token claims,
// stored by the server; the rating is the average of the ratings the user received.
struct Profile
{
    static constexpr int kMaxNameLength = 64;
    static constexpr int kMaxVehicleLength = 64;
    static constexpr int kMaxPlateLength = 16;

    QString userId;
    QString name; // empty: unknown
    QString vehicle; // drivers only
    QString plate; // drivers only
    std::optional<double> rating; // 1..5, one decimal; none until rated
    int ratingCount = 0;

    QJsonObject toJson() const;
    static Profile read(FieldReader &r);
    // The optional nested profile `key` of the reader's object; errors are reported as
    // "<key>.<field>".
    static std::optional<Profile> readOptional(FieldReader &r, const char *key);
};

} // namespace NebengJek::Protocol
