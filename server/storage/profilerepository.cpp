// SPDX-License-Identifier: MIT
#include "profilerepository.h"

#include "sqlconnection.h"

namespace NebengJek::Server {

bool ProfileRepository::save(const ProfileRecord &p)
{
    SqlStatement q(m_connection,
                   QStringLiteral("INSERT INTO profiles (user_id, name, vehicle, plate, updated_at)"
                                  " VALUES (?,?,?,?,?) ON CONFLICT (user_id) DO UPDATE SET"
                                  " name = excluded.name, vehicle = excluded.vehicle,"
                                  " plate = excluded.plate, updated_at = excluded.updated_at"));
    q.bind(p.userId).bind(p.name).bind(p.vehicle).bind(p.plate).bind(p.updatedAt);
    return q.exec();
}

StorageResult<QHash<QString, ProfileRecord>> ProfileRepository::find(const QStringList &userIds)
{
    StorageResult<QHash<QString, ProfileRecord>> result {true, {}};
    if (userIds.isEmpty())
        return result;
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT user_id, name, vehicle, plate, updated_at FROM profiles"
                                  " WHERE user_id IN (")
                           + sqlPlaceholders(userIds.size()) + QLatin1Char(')'));
    for (const QString &id : userIds)
        q.bind(id);
    if (!q.exec())
        return {};
    while (q.next()) {
        ProfileRecord p;
        p.userId = q.value(0).toString();
        p.name = q.value(1).toString();
        p.vehicle = q.value(2).toString();
        p.plate = q.value(3).toString();
        p.updatedAt = q.value(4).toLongLong();
        result.value.insert(p.userId, p);
    }
    return result;
}

StorageResult<QHash<QString, RatingSummary>>
ProfileRepository::ratingsOf(const QStringList &userIds)
{
    StorageResult<QHash<QString, RatingSummary>> result {true, {}};
    if (userIds.isEmpty())
        return result;
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT ratee_id, AVG(rating), COUNT(*) FROM ratings"
                                  " WHERE ratee_id IN (")
                           + sqlPlaceholders(userIds.size())
                           + QStringLiteral(") GROUP BY ratee_id"));
    for (const QString &id : userIds)
        q.bind(id);
    if (!q.exec())
        return {};
    while (q.next())
        result.value.insert(q.value(0).toString(), {q.value(1).toDouble(), q.value(2).toInt()});
    return result;
}

ProfileRepository::InsertResult ProfileRepository::addRating(const RatingRecord &r)
{
    // ON CONFLICT DO NOTHING instead of catching a unique violation: a failed statement would
    // abort the whole PostgreSQL transaction.
    SqlStatement q(m_connection,
                   QStringLiteral("INSERT INTO ratings (ride_id, rater_id, ratee_id, rating,"
                                  " comment, created_at) VALUES (?,?,?,?,?,?)"
                                  " ON CONFLICT (ride_id, rater_id) DO NOTHING"));
    q.bind(r.rideId).bind(r.raterId).bind(r.rateeId).bind(r.rating).bind(r.comment).bind(
            r.createdAt);
    if (!q.exec())
        return InsertResult::Failed;
    return q.rowsAffected() == 1 ? InsertResult::Inserted : InsertResult::Duplicate;
}

StorageResult<QHash<QString, int>> ProfileRepository::ratingsGivenBy(const QString &raterId,
                                                                     const QStringList &rideIds)
{
    StorageResult<QHash<QString, int>> result {true, {}};
    if (rideIds.isEmpty())
        return result;
    SqlStatement q(m_connection,
                   QStringLiteral("SELECT ride_id, rating FROM ratings WHERE rater_id = ?"
                                  " AND ride_id IN (")
                           + sqlPlaceholders(rideIds.size()) + QLatin1Char(')'));
    q.bind(raterId);
    for (const QString &id : rideIds)
        q.bind(id);
    if (!q.exec())
        return {};
    while (q.next())
        result.value.insert(q.value(0).toString(), q.value(1).toInt());
    return result;
}

} // namespace NebengJek::Server
