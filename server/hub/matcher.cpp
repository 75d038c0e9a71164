// SPDX-License-Identifier: MIT
#include "matcher.h"

namespace NebengJek::Server {

void Matcher::setAvailable(const QString &driverId, const Protocol::GeoPoint &location)
{
    m_available.insert(driverId, location);
}

void Matcher::setUnavailable(const QString &driverId)
{
    m_available.remove(driverId);
}

void Matcher::updateLocation(const QString &driverId, const Protocol::GeoPoint &location)
{
    if (auto it = m_available.find(driverId); it != m_available.end())
        *it = location;
}

std::optional<Matcher::Candidate>
Matcher::nearest(const Protocol::GeoPoint &pickup, const QStringList &excluded,
                 const std::function<bool(const QString &)> &isBusy) const
{
    std::optional<Candidate> best;
    for (auto it = m_available.constBegin(); it != m_available.constEnd(); ++it) {
        const double distance = Protocol::distanceMeters(pickup, it.value());
        if (distance > m_config.matchRadiusMeters)
            continue;
        if (best
            && (distance > best->distanceMeters
                || (distance == best->distanceMeters && it.key() > best->driverId)))
            continue;
        if (excluded.contains(it.key()) || isBusy(it.key()))
            continue;
        best = Candidate {it.key(), distance};
    }
    return best;
}

} // namespace NebengJek::Server
