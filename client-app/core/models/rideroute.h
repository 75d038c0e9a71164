// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/geo.h>

#include <QList>

namespace NebengJek::Client::RideRoute {

// The polyline from `from` through each stop in turn, along streets (RouteSimulator's
// street-like legs): what the map draws for a leg of the ride.
QList<Protocol::GeoPoint> via(const Protocol::GeoPoint &from,
                              const QList<Protocol::GeoPoint> &stops);
double lengthMeters(const QList<Protocol::GeoPoint> &points);
// At the server's average city speed (Protocol::kAverageCitySpeedMps); rounded up, so "under a
// minute" only at the very end.
int etaSeconds(double meters);

} // namespace NebengJek::Client::RideRoute
