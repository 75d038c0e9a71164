// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace NebengJek::Server {

// Tunables of the hub; defaults documented in docs/operations.md.
struct HubConfig
{
    double matchRadiusMeters = 5000; // nearest available driver within this radius
    int proposalTimeoutMs = 15000; // driver's time to answer a match_proposal
    qint64 fareBase = 5000; // IDR, flag fall
    qint64 farePerKm = 2500; // IDR per km travelled
    // Estimates (ride.estimate, match_proposal): straight line × roadFactor, at averageSpeedMps.
    double roadFactor = 1.0;
    double averageSpeedMps = 8.33; // 30 km/h, city traffic
    // Safety checks: ride_start / ride.at_pickup only this near the pickup, ride_arrived only
    // this near the destination (metres; 0 turns the check off). Off in an embedded hub (the
    // app's demo, in-process tests); the server process turns them on (serverHubDefaults()).
    double startRadiusMeters = 0;
    double arriveRadiusMeters = 0;
    int presenceGraceMs = 5000; // offline only after the last connection stays gone this long
    int retainedEventsPerUser = 1000; // replay window for resume; older -> resync_required
    int idempotencyWindow = 256; // remembered request ids per user for retried requests
    // Cluster only: connections per user over all nodes before the oldest is replaced (the
    // gateway enforces the limit per node; 0: no cluster-wide limit).
    int clusterConnectionsPerUser = 0;
};

// What the server process starts with (docs/operations.md): the library defaults plus the
// safety radii.
inline HubConfig serverHubDefaults()
{
    HubConfig c;
    c.startRadiusMeters = 200;
    c.arriveRadiusMeters = 300;
    return c;
}

} // namespace NebengJek::Server
