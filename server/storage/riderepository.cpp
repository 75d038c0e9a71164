// SPDX-License-Identifier: MIT
#include "riderepository.h"

#include "sqlconnection.h"

namespace NebengJek::Server {

namespace {

const QString kColumns = QStringLiteral(
        "match_id, ride_id, passenger_id, driver_id, state, pickup_lat, pickup_lng,"
        " destination_lat, destination_lng, past_candidates, proposal_expires_at, distance_m,"
        " fare, created_at, updated_at, accepted_at, started_at, arrived_at, completed_at,"
        " last_lat, last_lng, version");

// Driver ids are identifiers ([A-Za-z0-9_.:@-]), so a comma is a safe separator.
const QChar kListSeparator = QLatin1Char(',');

RideRecord readRow(const SqlStatement &q)
{
    RideRecord r;
    r.matchId = q.value(0).toString();
    r.rideId = q.value(1).toString();
    r.passengerId = q.value(2).toString();
    r.driverId = q.value(3).toString();
    r.state = q.value(4).toString();
    r.pickup = {q.value(5).toDouble(), q.value(6).toDouble()};
    r.destination = {q.value(7).toDouble(), q.value(8).toDouble()};
    const QString past = q.value(9).toString();
    if (!past.isEmpty())
        r.pastCandidates = past.split(kListSeparator);
    r.proposalExpiresAt = q.value(10).toLongLong();
    r.distanceMeters = q.value(11).toDouble();
    r.fare = q.value(12).toLongLong();
    r.createdAt = q.value(13).toLongLong();
    r.updatedAt = q.value(14).toLongLong();
    r.acceptedAt = q.value(15).toLongLong();
    r.startedAt = q.value(16).toLongLong();
    r.arrivedAt = q.value(17).toLongLong();
    r.completedAt = q.value(18).toLongLong();
    if (!q.value(19).isNull() && !q.value(20).isNull())
        r.lastDriverLocation = Protocol::GeoPoint {q.value(19).toDouble(), q.value(20).toDouble()};
    r.version = q.value(21).toLongLong();
    return r;
}

void bindLocation(SqlStatement &q, const std::optional<Protocol::GeoPoint> &location)
{
    if (location)
        q.bind(location->lat).bind(location->lng);
    else
        q.bindNull().bindNull();
}

} // namespace

bool RideRepository::save(const RideRecord &r)
{
    SqlStatement q(m_connection,
                   QStringLiteral("INSERT INTO rides (") + kColumns
                           + QStringLiteral(") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                                            " ON CONFLICT (match_id) DO UPDATE SET"
                                            " ride_id = excluded.ride_id,"
                                            " driver_id = excluded.driver_id,"
                                            " state = excluded.state,"
                                            " past_candidates = excluded.past_candidates,"
                                            " proposal_expires_at = excluded.proposal_expires_at,"
                                            " distance_m = excluded.distance_m,"
                                            " fare = excluded.fare,"
                                            " updated_at = excluded.updated_at,"
                                            " accepted_at = excluded.accepted_at,"
                                            " started_at = excluded.started_at,"
                                            " arrived_at = excluded.arrived_at,"
                                            " completed_at = excluded.completed_at,"
                                            " last_lat = excluded.last_lat,"
                                            " last_lng = excluded.last_lng"));
    bindAll(q, r);
    q.bind(qMax(r.version, qint64(1)));
    return q.exec();
}

RideRepository::CasResult RideRepository::saveIfVersion(const RideRecord &r)
{
    if (r.version == 0) {
        SqlStatement q(m_connection,
                       QStringLiteral("INSERT INTO rides (") + kColumns
                               + QStringLiteral(") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                                                "?,?,?) ON CONFLICT (match_id) DO NOTHING"));
        bindAll(q, r);
        q.bind(1);
        if (!q.exec())
            return CasResult::Failed;
        return q.rowsAffected() == 1 ? CasResult::Saved : CasResult::Conflict;
    }
    SqlStatement q(m_connection,
                   QStringLiteral("UPDATE rides SET ride_id = ?, driver_id = ?, state = ?,"
                                  " past_candidates = ?, proposal_expires_at = ?, distance_m = ?,"
                                  " fare = ?, updated_at = ?, accepted_at = ?, started_at = ?,"
                                  " arrived_at = ?, completed_at = ?, last_lat = ?, last_lng = ?,"
                                  " version = version + 1 WHERE match_id = ? AND version = ?"));
    if (r.rideId.isEmpty())
        q.bindNull();
    else
        q.bind(r.rideId);
    q.bind(r.driverId)
            .bind(r.state)
            .bind(r.pastCandidates.join(kListSeparator))
            .bind(r.proposalExpiresAt)
            .bind(r.distanceMeters)
            .bind(r.fare)
            .bind(r.updatedAt)
            .bind(r.acceptedAt)
            .bind(r.startedAt)
            .bind(r.arrivedAt)
            .bind(r.completedAt);
    bindLocation(q, r.lastDriverLocation);
    q.bind(r.matchId).bind(r.version);
    if (!q.exec())
        return CasResult::Failed;
    return q.rowsAffected() == 1 ? CasResult::Saved : CasResult::Conflict;
}

void RideRepository::bindAll(SqlStatement &q, const RideRecord &r)
{
    q.bind(r.matchId);
    // NULL, not '', while there is no ride: ride_id is UNIQUE.
    if (r.rideId.isEmpty())
        q.bindNull();
    else
        q.bind(r.rideId);
    q.bind(r.passengerId)
            .bind(r.driverId)
            .bind(r.state)
            .bind(r.pickup.lat)
            .bind(r.pickup.lng)
            .bind(r.destination.lat)
            .bind(r.destination.lng)
            .bind(r.pastCandidates.join(kListSeparator))
            .bind(r.proposalExpiresAt)
            .bind(r.distanceMeters)
            .bind(r.fare)
            .bind(r.createdAt)
            .bind(r.updatedAt)
            .bind(r.acceptedAt)
            .bind(r.startedAt)
            .bind(r.arrivedAt)
            .bind(r.completedAt);
    bindLocation(q, r.lastDriverLocation);
}

StorageResult<std::optional<RideRecord>> RideRepository::findOne(QString sql, const QString &key,
                                                                 bool forUpdate)
{
    if (forUpdate && m_connection.backend() == SqlBackend::Postgres)
        sql += QStringLiteral(" FOR UPDATE");
    SqlStatement q(m_connection, sql);
    q.bind(key);
    if (!q.exec())
        return {};
    if (!q.next())
        return {true, std::nullopt};
    return {true, readRow(q)};
}

StorageResult<std::optional<RideRecord>> RideRepository::findByMatchId(const QString &matchId,
                                                                       bool forUpdate)
{
    return findOne(QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM rides WHERE match_id = ?"),
                   matchId, forUpdate);
}

StorageResult<std::optional<RideRecord>> RideRepository::findByRideId(const QString &rideId,
                                                                      bool forUpdate)
{
    return findOne(QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM rides WHERE ride_id = ?"),
                   rideId, forUpdate);
}

StorageResult<QList<RideRecord>> RideRepository::findInStates(const QStringList &states)
{
    SqlStatement q(
            m_connection,
            QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM rides WHERE state IN (")
                    + sqlPlaceholders(states.size()) + QStringLiteral(") ORDER BY created_at"));
    for (const QString &s : states)
        q.bind(s);
    if (!q.exec())
        return {};
    StorageResult<QList<RideRecord>> result {true, {}};
    while (q.next())
        result.value.append(readRow(q));
    return result;
}

StorageResult<QStringList> RideRepository::partnersOf(const QString &userId,
                                                      const QStringList &states, qint64 sinceMs)
{
    const QString stateList = sqlPlaceholders(states.size());
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT driver_id, passenger_id FROM rides"
                                  " WHERE (passenger_id = ? OR driver_id = ?) AND driver_id <> ''"
                                  " AND (state IN (")
                           + stateList
                           + QStringLiteral(") OR (accepted_at > 0 AND updated_at >= ?))"));
    q.bind(userId).bind(userId);
    for (const QString &s : states)
        q.bind(s);
    q.bind(sinceMs);
    if (!q.exec())
        return {};
    StorageResult<QStringList> result {true, {}};
    while (q.next()) {
        const QString driver = q.value(0).toString();
        const QString partner = driver == userId ? q.value(1).toString() : driver;
        if (!result.value.contains(partner))
            result.value.append(partner);
    }
    return result;
}

bool RideRepository::saveDistance(const QString &matchId, double distanceMeters,
                                  const std::optional<Protocol::GeoPoint> &lastDriverLocation,
                                  qint64 updatedAt)
{
    SqlStatement q(m_connection,
                   QStringLiteral("UPDATE rides SET distance_m = ?, last_lat = ?, last_lng = ?,"
                                  " updated_at = ? WHERE match_id = ?"));
    q.bind(distanceMeters);
    bindLocation(q, lastDriverLocation);
    q.bind(updatedAt).bind(matchId);
    return q.exec();
}

StorageResult<QList<RideRecord>> RideRepository::history(const QString &userId, qint64 beforeAt,
                                                         const QString &beforeMatchId, int limit)
{
    // The "ended" time is an expression, repeated because PostgreSQL does not allow an output
    // alias in WHERE.
    const QString endedAt =
            QStringLiteral("(CASE WHEN completed_at > 0 THEN completed_at ELSE updated_at END)");
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM rides WHERE (passenger_id = ? OR driver_id = ?)"
                                            " AND state IN ('completed', 'cancelled')"
                                            " AND ride_id IS NOT NULL AND ride_id <> ''"
                                            " AND (")
                           + endedAt + QStringLiteral(" < ? OR (") + endedAt
                           + QStringLiteral(" = ? AND match_id < ?)) ORDER BY ") + endedAt
                           + QStringLiteral(" DESC, match_id DESC LIMIT ?"));
    q.bind(userId).bind(userId).bind(beforeAt).bind(beforeAt).bind(beforeMatchId).bind(limit);
    if (!q.exec())
        return {};
    StorageResult<QList<RideRecord>> result {true, {}};
    while (q.next())
        result.value.append(readRow(q));
    return result;
}

} // namespace NebengJek::Server
