// SPDX-License-Identifier: MIT
#include "rideroute.h"

#include "routesimulator.h"

#include <protocol/estimates.h>

#include <cmath>

namespace NebengJek::Client::RideRoute {

using Protocol::GeoPoint;

QList<GeoPoint> via(const GeoPoint &from, const QList<GeoPoint> &stops)
{
    QList<GeoPoint> points {from};
    GeoPoint at = from;
    for (const GeoPoint &stop : stops) {
        points.append(RouteSimulator::streetRoute(at, stop));
        at = stop;
    }
    return points;
}

double lengthMeters(const QList<GeoPoint> &points)
{
    double total = 0;
    for (qsizetype i = 1; i < points.size(); ++i)
        total += Protocol::distanceMeters(points.at(i - 1), points.at(i));
    return total;
}

int etaSeconds(double meters)
{
    return int(std::ceil(meters / Protocol::kAverageCitySpeedMps));
}

} // namespace NebengJek::Client::RideRoute
