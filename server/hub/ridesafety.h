// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/geo.h>
#include <protocol/protocolerror.h>

#include <optional>

namespace NebengJek::Server {

// The places a ride step must happen at (docs/protocol.md § Safety checks).
enum class RidePlace { Pickup, Destination };

// The TOO_FAR refusal for a step at `place` when the driver's last known position is unknown or
// more than `radiusMeters` from `target`; nothing when near enough or when the check is off
// (radius 0).
std::optional<Protocol::ProtocolError> checkNear(const std::optional<Protocol::GeoPoint> &driverAt,
                                                 const Protocol::GeoPoint &target,
                                                 double radiusMeters, RidePlace place);

} // namespace NebengJek::Server
