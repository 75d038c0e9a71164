// SPDX-License-Identifier: MIT
#pragma once

#include "records.h"

#include <QHash>

namespace NebengJek::Server {

class SqlConnection;

// What the server keeps of each user for the other party's card: name, vehicle and plate from
// the user's latest token, and the ratings they received.
class ProfileRepository
{
public:
    explicit ProfileRepository(SqlConnection &connection)
        : m_connection(connection)
    { }

    // Insert or replace the user's row.
    bool save(const ProfileRecord &profile);
    // The stored rows of these users (missing users are simply absent).
    StorageResult<QHash<QString, ProfileRecord>> find(const QStringList &userIds);
    // Average and count of the ratings each of these users received (absent: none yet).
    StorageResult<QHash<QString, RatingSummary>> ratingsOf(const QStringList &userIds);

    enum class InsertResult { Inserted, Duplicate, Failed };
    // One rating per rater and ride: a second one is Duplicate and changes nothing.
    InsertResult addRating(const RatingRecord &rating);
    // The rating `raterId` gave in each of these rides (ride id -> rating).
    StorageResult<QHash<QString, int>> ratingsGivenBy(const QString &raterId,
                                                      const QStringList &rideIds);

private:
    SqlConnection &m_connection;
};

} // namespace NebengJek::Server
