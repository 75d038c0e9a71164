// SPDX-License-Identifier: MIT
#pragma once

#include "hubconfig.h"

#include <protocol/geo.h>

#include <QHash>
#include <QStringList>

#include <functional>
#include <optional>

namespace NebengJek::Server {

// Drivers on duty and where they are; picks the nearest eligible one for a pickup. A linear
// scan: cheap for the few thousand drivers one hub serves; a geohash grid is the next step if
// a city-wide hub needs it.
class Matcher
{
public:
    explicit Matcher(const HubConfig &config)
        : m_config(config)
    { }

    struct Candidate
    {
        QString driverId;
        double distanceMeters = 0;
    };

    void setAvailable(const QString &driverId, const Protocol::GeoPoint &location);
    void setUnavailable(const QString &driverId);
    // Moves an available driver; ignored for drivers off duty.
    void updateLocation(const QString &driverId, const Protocol::GeoPoint &location);
    bool isAvailable(const QString &driverId) const { return m_available.contains(driverId); }
    int availableCount() const { return int(m_available.size()); }
    QStringList availableDrivers() const { return m_available.keys(); }
    std::optional<Protocol::GeoPoint> locationOf(const QString &driverId) const
    {
        auto it = m_available.constFind(driverId);
        return it == m_available.constEnd() ? std::nullopt : std::optional(*it);
    }

    // The nearest available driver within the match radius who is not in `excluded` and not
    // `isBusy`; ties go to the smaller id so the choice is deterministic.
    std::optional<Candidate> nearest(const Protocol::GeoPoint &pickup, const QStringList &excluded,
                                     const std::function<bool(const QString &)> &isBusy) const;

private:
    const HubConfig &m_config;
    QHash<QString, Protocol::GeoPoint> m_available;
};

} // namespace NebengJek::Server
