// SPDX-License-Identifier: MIT
#pragma once

#include "records.h"

#include <QList>

namespace NebengJek::Server {

class SqlConnection;
class SqlStatement;

// Matches and the rides they become, one row per match.
class RideRepository
{
public:
    explicit RideRepository(SqlConnection &connection)
        : m_connection(connection)
    { }

    // Insert or replace the whole row (version unchanged).
    bool save(const RideRecord &ride);
    enum class CasResult { Saved, Conflict, Failed };
    // Compare-and-set: inserts when ride.version is 0 (Conflict if the row exists), else
    // updates only if the stored version still is ride.version. The stored version becomes
    // ride.version + 1. Of several nodes changing one ride from the same version, exactly one
    // gets Saved.
    CasResult saveIfVersion(const RideRecord &ride);
    // With `forUpdate`, the row stays locked until the transaction ends (PostgreSQL; SQLite
    // serializes writers anyway), so the read and the following write see the same version.
    StorageResult<std::optional<RideRecord>> findByMatchId(const QString &matchId,
                                                           bool forUpdate = false);
    StorageResult<std::optional<RideRecord>> findByRideId(const QString &rideId,
                                                          bool forUpdate = false);
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

    // Ended rides of `userId` (as passenger or driver) that had a driver: completed, or
    // cancelled after acceptance; newest first by when they ended (completed_at, else
    // updated_at), then by match id, strictly before (beforeAt, beforeMatchId).
    StorageResult<QList<RideRecord>> history(const QString &userId, qint64 beforeAt,
                                             const QString &beforeMatchId, int limit);

private:
    // Every column of kColumns but the version, in order.
    static void bindAll(SqlStatement &q, const RideRecord &ride);
    StorageResult<std::optional<RideRecord>> findOne(QString sql, const QString &key,
                                                     bool forUpdate);

    SqlConnection &m_connection;
};

} // namespace NebengJek::Server
