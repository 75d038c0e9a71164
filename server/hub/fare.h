// SPDX-License-Identifier: MIT
#pragma once

#include "hubconfig.h"

#include <QtGlobal>

namespace NebengJek::Server {

// fare = fareBase + farePerKm × km, rounded to the nearest rupiah (IDR has no smaller unit).
inline qint64 computeFare(double distanceMeters, const HubConfig &config)
{
    return config.fareBase + qRound64(double(config.farePerKm) * distanceMeters / 1000.0);
}

} // namespace NebengJek::Server
