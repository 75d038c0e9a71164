// SPDX-License-Identifier: MIT
#include "geo.h"

#include <cmath>

namespace NebengJek::Protocol {

QJsonObject GeoPoint::toJson() const
{
    return {{QStringLiteral("lat"), lat}, {QStringLiteral("lng"), lng}};
}

double distanceMeters(const GeoPoint &a, const GeoPoint &b)
{
    constexpr double kEarthRadiusM = 6371008.8;
    constexpr double kDegToRad = M_PI / 180.0;
    const double dLat = (b.lat - a.lat) * kDegToRad;
    const double dLng = (b.lng - a.lng) * kDegToRad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
            + std::cos(a.lat * kDegToRad) * std::cos(b.lat * kDegToRad) * std::sin(dLng / 2)
                    * std::sin(dLng / 2);
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

} // namespace NebengJek::Protocol
