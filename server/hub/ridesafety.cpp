// SPDX-License-Identifier: MIT
#include "ridesafety.h"

#include <QtMath>

namespace NebengJek::Server {

std::optional<Protocol::ProtocolError> checkNear(const std::optional<Protocol::GeoPoint> &driverAt,
                                                 const Protocol::GeoPoint &target,
                                                 double radiusMeters, RidePlace place)
{
    using Protocol::ErrorCode;
    using Protocol::LocalizedText;
    using Protocol::ProtocolError;
    if (radiusMeters <= 0)
        return std::nullopt;
    if (!driverAt)
        return ProtocolError::make(
                ErrorCode::TooFar,
                QStringLiteral("the server has no position of yours yet; send location_update "
                               "first"),
                LocalizedText {QStringLiteral("error.position_unknown"), {}});
    const double distance = Protocol::distanceMeters(*driverAt, target);
    if (distance <= radiusMeters)
        return std::nullopt;
    const bool pickup = place == RidePlace::Pickup;
    const qint64 shownDistance = qCeil(distance);
    const qint64 limit = qFloor(radiusMeters);
    return ProtocolError::make(
            ErrorCode::TooFar,
            pickup ? QStringLiteral("you are %1 m from the pickup; start the ride within %2 m")
                             .arg(shownDistance)
                             .arg(limit)
                   : QStringLiteral("you are %1 m from the destination; arrive within %2 m")
                             .arg(shownDistance)
                             .arg(limit),
            LocalizedText {pickup ? QStringLiteral("error.too_far_from_pickup")
                                  : QStringLiteral("error.too_far_from_destination"),
                           {{QStringLiteral("distance_m"), double(shownDistance)},
                            {QStringLiteral("limit_m"), double(limit)}}});
}

} // namespace NebengJek::Server
