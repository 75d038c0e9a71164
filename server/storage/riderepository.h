// SPDX-License-Identifier: MIT
#pragma once

#include "records.h"

#include <QList>

namespace NebengJek::Server {

class SqlConnection;

// Matches and the rides they become, one row per match.
class RideRepository
{
public:
    explicit RideRepository(SqlConnection &connection)
        : m_connection(connection)
    { }

    // Insert or replace the whole row.
    bool save(const RideRecord &ride);
    StorageResult<std::optional<RideRecord>> findByMatchId(const QString &matchId);
    StorageResult<std::optional<RideRecord>> findByRideId(const QString &rideId);
    // Rows whose state is one of `states` (the hub passes its non-terminal states).
    StorageResult<QList<RideRecord>> findInStates(const QStringList &states);
    // Everyone `userId` shares a match with that is in one of `states`, or shared an accepted
    // ride with that changed since `sinceMs`: the people with a reason to see their presence.
    StorageResult<QStringList> partnersOf(const QString &userId, const QStringList &states,
                                          qint64 sinceMs);
    // The distance checkpoint of a ride in progress (the hot path keeps it in memory).
    bool saveDistance(const QString &matchId, double distanceMeters,
                      const std::optional<Protocol::GeoPoint> &lastDriverLocation,
                      qint64 updatedAt);

private:
    StorageResult<std::optional<RideRecord>> findOne(const QString &sql, const QString &key);

    SqlConnection &m_connection;
};

} // namespace NebengJek::Server
