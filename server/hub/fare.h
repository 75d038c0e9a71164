// SPDX-License-Identifier: MIT
#pragma once

#include "hubconfig.h"

#include <protocol/geo.h>

#include <QtGlobal>

#include <cmath>

namespace NebengJek::Server {

// The one tariff: the final fare (ride_arrived) and the estimate before a request
// (ride.estimate, match_proposal) both go through it.
// fare = fareBase + farePerKm × km, rounded to the nearest rupiah (IDR has no smaller unit).
inline qint64 computeFare(double distanceMeters, const HubConfig &config)
{
    return config.fareBase + qRound64(double(config.farePerKm) * distanceMeters / 1000.0);
}

// Time to cover `distanceMeters` at the configured average speed, rounded up.
inline qint64 travelSeconds(double distanceMeters, const HubConfig &config)
{
    return qint64(std::ceil(distanceMeters / config.averageSpeedMps));
}

struct TripEstimate
{
    double distanceMeters = 0;
    qint64 fare = 0;
    qint64 durationSeconds = 0;
};

// The trip before it happens: the straight line times the road factor (1.0 by default, because
// the final fare counts the distance actually driven, which for a straight drive is the line).
inline TripEstimate estimateTrip(const Protocol::GeoPoint &pickup,
                                 const Protocol::GeoPoint &destination, const HubConfig &config)
{
    TripEstimate e;
    e.distanceMeters = Protocol::distanceMeters(pickup, destination) * config.roadFactor;
    e.fare = computeFare(e.distanceMeters, config);
    e.durationSeconds = travelSeconds(e.distanceMeters, config);
    return e;
}

} // namespace NebengJek::Server
