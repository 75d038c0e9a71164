// SPDX-License-Identifier: MIT
#pragma once

namespace NebengJek::Protocol {

// A car's average speed in city traffic (30 km/h): the app's remaining time and its simulated
// car. It equals the server's default for its estimates (trip duration, pickup ETA;
// HubConfig::averageSpeedMps, `--average-speed`), so the times the app shows agree with the
// server's; app_ride_e2e checks the two against a real server.
constexpr double kAverageCitySpeedMps = 8.33;

} // namespace NebengJek::Protocol
