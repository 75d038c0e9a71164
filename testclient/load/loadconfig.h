// SPDX-License-Identifier: MIT
#pragma once

#include "../core/connectionoptions.h"

#include <QString>
#include <QUrl>

namespace NebengJek::TestClient {

// What `load` simulates. Defaults describe a busy but ordinary city district.
struct LoadConfig
{
    QUrl url;
    QByteArray secret;
    QString issuer;
    QString audience;
    TokenTransport transport = TokenTransport::Header;

    int drivers = 10;
    int passengers = 10;
    double rampUpSeconds = 5; // users start evenly spread over this time
    double durationSeconds = 30; // steady state after the ramp-up
    double locationsPerSecond = 1; // per driver, like the app's foreground GPS stream
    double chatIntervalSeconds = 10; // per party while on a ride
    double rideSeconds = 20; // from ride_start to ride_arrived
    double pauseSeconds = 3; // passenger's pause between rides; driver's before ride_start
    // Everyone starts within this radius of the centre, inside the hub's default 5 km match
    // radius, so passengers do find drivers.
    double spreadMeters = 2000;
    double centerLat = -6.2088; // Jakarta
    double centerLng = 106.8456;
    QString userPrefix; // user ids are <prefix>-d<N> / <prefix>-p<N>
};

} // namespace NebengJek::TestClient
