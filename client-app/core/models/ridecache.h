// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/geo.h>
#include <protocol/profile.h>

#include <QString>

#include <optional>

namespace NebengJek::Client {

// What a restart needs to resume a ride where it was (the events missed meanwhile come with
// `resume`). The state is kept by name ("on_ride") so the file survives enum changes.
struct RideSnapshot
{
    QString role;
    QString state;
    bool online = false;
    QString matchId;
    QString rideId;
    QString partnerId;
    bool driverFound = false;
    std::optional<Protocol::GeoPoint> pickup;
    std::optional<Protocol::GeoPoint> destination;
    std::optional<Protocol::GeoPoint> ownLocation;
    qint64 fare = 0;
    double distanceMeters = 0;
    QString currency = QStringLiteral("IDR");
    // The partner's card (name, vehicle, plate, rating): the server sends it only with the
    // proposal and the match, which a resume does not replay.
    std::optional<Protocol::Profile> partnerProfile;
};

// The ride state of one user on disk (ride.json), written atomically.
class RideCache
{
public:
    // Empty: no persistence.
    void setPath(const QString &path) { m_path = path; }
    QString path() const { return m_path; }
    std::optional<RideSnapshot> load() const;
    void save(const RideSnapshot &snapshot) const;

private:
    QString m_path;
};

} // namespace NebengJek::Client
