// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>

namespace NebengJek::Protocol {

// A WGS 84 position. Validation (range, finiteness) is FieldReader's job.
struct GeoPoint
{
    double lat = 0;
    double lng = 0;

    QJsonObject toJson() const;
    friend bool operator==(const GeoPoint &a, const GeoPoint &b)
    {
        return a.lat == b.lat && a.lng == b.lng;
    }
};

// Great-circle distance in metres (haversine, mean Earth radius). Good to ~0.5 % for the
// city-scale distances matching and fares work with.
double distanceMeters(const GeoPoint &a, const GeoPoint &b);

} // namespace NebengJek::Protocol
