// SPDX-License-Identifier: MIT
#include "profileservice.h"

#include "hub.h"
#include "logging.h"
#include "ride.h"
#include "ridestatemachine.h"
#include "unitofwork.h"

#include <storage/riderepository.h>
#include <storage/storage.h>

#include <cmath>
#include <limits>

namespace NebengJek::Server {

namespace {

using Protocol::ErrorCode;
using Protocol::LocalizedText;

// Cursor of ride.history: "<ended at ms>.<match id>" (match ids have no '.' before their
// uuid, and the split is at the first '.').
QString cursorFor(qint64 at, const QString &matchId)
{
    return QString::number(at) + QLatin1Char('.') + matchId;
}

qint64 endedAt(const RideRecord &r)
{
    return r.completedAt > 0 ? r.completedAt : r.updatedAt;
}

} // namespace

ProfileService::ProfileService(Storage &storage)
    : m_storage(storage)
    , m_repository(storage.connection())
{ }

void ProfileService::remember(const Principal &principal)
{
    if (principal.name.isEmpty() && principal.vehicle.isEmpty() && principal.plate.isEmpty())
        return;
    ProfileRecord record {principal.userId, principal.name, principal.vehicle, principal.plate,
                          QDateTime::currentMSecsSinceEpoch()};
    if (auto it = m_stored.constFind(principal.userId); it != m_stored.constEnd()
        && it->name == record.name && it->vehicle == record.vehicle && it->plate == record.plate)
        return;
    if (!m_repository.save(record)) {
        // Only the card is stale; the next connection tries again.
        qCWarning(lcHub) << "could not store a profile";
        return;
    }
    m_stored.insert(principal.userId, record);
}

QHash<QString, Protocol::Profile> ProfileService::profilesOf(const QStringList &userIds)
{
    QHash<QString, Protocol::Profile> cards;
    const auto stored = m_repository.find(userIds);
    const auto ratings = m_repository.ratingsOf(userIds);
    if (!stored.ok || !ratings.ok)
        return cards;
    for (const QString &id : userIds) {
        Protocol::Profile p;
        p.userId = id;
        if (auto it = stored.value.constFind(id); it != stored.value.constEnd()) {
            p.name = it->name;
            p.vehicle = it->vehicle;
            p.plate = it->plate;
        }
        if (auto it = ratings.value.constFind(id);
            it != ratings.value.constEnd() && it->count > 0) {
            p.rating = std::round(it->average * 10) / 10;
            p.ratingCount = it->count;
        }
        cards.insert(id, p);
    }
    return cards;
}

Outcome ProfileService::rate(const Caller &caller, UnitOfWork &uow,
                             const Protocol::RideRate &message)
{
    const auto found = uow.storage().rides().findByRideId(message.rideId);
    if (!found.ok)
        return Outcome::storageFailure();
    if (!found.value)
        return Outcome::fail(ErrorCode::NotFound, QStringLiteral("no such ride"));
    const RideRecord &ride = *found.value;
    if (caller.userId != ride.passengerId && caller.userId != ride.driverId)
        return Outcome::fail(ErrorCode::Forbidden, QStringLiteral("not a party to this ride"));
    if (ride.state != RideStateMachine::stateName(RideState::Completed))
        return Outcome::fail(Protocol::ProtocolError::make(
                ErrorCode::Conflict,
                QStringLiteral("a ride can be rated once it is completed; it is %1")
                        .arg(ride.state),
                LocalizedText {QStringLiteral("error.not_completed"),
                               {{QStringLiteral("state"), ride.state}}}));
    RatingRecord rating;
    rating.rideId = ride.rideId;
    rating.raterId = caller.userId;
    rating.rateeId = caller.userId == ride.passengerId ? ride.driverId : ride.passengerId;
    rating.rating = message.rating;
    rating.comment = message.comment;
    rating.createdAt = caller.now;
    switch (m_repository.addRating(rating)) {
    case ProfileRepository::InsertResult::Inserted:
        break;
    case ProfileRepository::InsertResult::Duplicate:
        return Outcome::fail(Protocol::ProtocolError::make(
                ErrorCode::Conflict, QStringLiteral("you already rated this ride"),
                LocalizedText {QStringLiteral("error.already_rated"), {}}));
    case ProfileRepository::InsertResult::Failed:
        return Outcome::storageFailure();
    }
    qCInfo(lcHub) << "ride" << ride.rideId << "rated" << message.rating;
    return Outcome::ack({{QStringLiteral("ride_id"), ride.rideId},
                         {QStringLiteral("rating"), message.rating},
                         {QStringLiteral("status"), QStringLiteral("rated")}});
}

Outcome ProfileService::history(const Caller &caller, const Protocol::RideHistoryRequest &request)
{
    qint64 beforeAt = std::numeric_limits<qint64>::max();
    QString beforeMatch;
    if (!request.before.isEmpty()) {
        const qsizetype dot = request.before.indexOf(QLatin1Char('.'));
        bool ok = dot > 0;
        if (ok)
            beforeAt = request.before.left(dot).toLongLong(&ok);
        beforeMatch = request.before.mid(dot + 1);
        if (!ok || beforeMatch.isEmpty())
            return Outcome::invalid(QStringLiteral("before"),
                                    QStringLiteral("before must be a next_cursor from "
                                                   "ride.history"));
    }
    // One more than asked: tells whether an older page exists.
    const auto rows =
            m_storage.rides().history(caller.userId, beforeAt, beforeMatch, request.limit + 1);
    if (!rows.ok)
        return Outcome::storageFailure();
    const bool more = rows.value.size() > request.limit;
    const QList<RideRecord> page = rows.value.mid(0, request.limit);
    QStringList partners;
    QStringList rideIds;
    for (const RideRecord &r : page) {
        const QString partner = caller.userId == r.passengerId ? r.driverId : r.passengerId;
        if (!partners.contains(partner))
            partners.append(partner);
        rideIds.append(r.rideId);
    }
    const QHash<QString, Protocol::Profile> cards = profilesOf(partners);
    const auto given = m_repository.ratingsGivenBy(caller.userId, rideIds);
    if (!given.ok)
        return Outcome::storageFailure();

    Protocol::RideHistoryPage result;
    for (const RideRecord &r : page) {
        Protocol::RideHistoryItem item;
        item.matchId = r.matchId;
        item.rideId = r.rideId;
        item.state = r.state;
        const bool asPassenger = caller.userId == r.passengerId;
        item.role = asPassenger ? QStringLiteral("passenger") : QStringLiteral("driver");
        item.at = endedAt(r);
        item.pickup = r.pickup;
        item.destination = r.destination;
        item.distanceMeters = r.distanceMeters;
        item.fare = r.fare;
        const QString partner = asPassenger ? r.driverId : r.passengerId;
        item.partner = cards.value(partner);
        item.partner.userId = partner;
        if (auto it = given.value.constFind(r.rideId); it != given.value.constEnd())
            item.myRating = *it;
        result.items.append(item);
    }
    if (more && !page.isEmpty())
        result.nextCursor = cursorFor(endedAt(page.constLast()), page.constLast().matchId);
    return Outcome::result(result);
}

} // namespace NebengJek::Server
