// SPDX-License-Identifier: MIT
// RideService, the commands issue #13 added: the fare up front, cancel with a reason by either
// side, the driver waiting at the pickup, and positions recorded while offline.
#include "rideservice.h"

#include "connectionregistry.h"
#include "fare.h"
#include "logging.h"
#include "matcher.h"
#include "notificationcenter.h"
#include "profileservice.h"
#include "ridesafety.h"
#include "unitofwork.h"

namespace NebengJek::Server {

namespace {

using Protocol::ErrorCode;
using Protocol::LocalizedText;

// Device clocks drift: a batch point may be this far ahead of the server's clock, or this far
// before the ride's start, and still be counted.
constexpr qint64 kClockSkewMs = 30000;

} // namespace

std::optional<Protocol::GeoPoint> RideService::driverPosition(const Ride &ride) const
{
    if (ride.lastDriverLocation)
        return ride.lastDriverLocation;
    return m_matcher.locationOf(ride.driverId);
}

void RideService::describeTrip(const Ride &ride, std::optional<qint64> *fare,
                               std::optional<double> *tripDistance,
                               std::optional<Protocol::Profile> *driver,
                               std::optional<Protocol::Profile> *passenger)
{
    const TripEstimate trip = estimateTrip(ride.pickup, ride.destination, m_config);
    *fare = trip.fare;
    *tripDistance = trip.distanceMeters;
    const QHash<QString, Protocol::Profile> cards =
            m_profiles.profilesOf({ride.driverId, ride.passengerId});
    if (auto it = cards.constFind(ride.driverId); it != cards.constEnd())
        *driver = *it;
    if (auto it = cards.constFind(ride.passengerId); it != cards.constEnd())
        *passenger = *it;
}

Outcome RideService::estimate(const Caller &, const Protocol::RideEstimateRequest &request)
{
    if (request.pickup == request.destination)
        return Outcome::invalid(QStringLiteral("destination"),
                                QStringLiteral("destination must differ from pickup"));
    const TripEstimate trip = estimateTrip(request.pickup, request.destination, m_config);
    Protocol::RideEstimate result;
    result.distanceMeters = trip.distanceMeters;
    result.fare = trip.fare;
    result.durationSeconds = trip.durationSeconds;
    const auto nearest = m_matcher.nearest(
            request.pickup, {}, [this](const QString &driverId) { return isBusy(driverId, {}); });
    if (nearest)
        result.pickupEtaSeconds = travelSeconds(nearest->distanceMeters, m_config);
    return Outcome::result(result);
}

Outcome RideService::rideCancel(const Caller &caller, UnitOfWork &uow,
                                const Protocol::RideCancel &message)
{
    const Lookup found = lockMatch(message.matchId);
    if (!found.ok)
        return Outcome::storageFailure();
    if (!found.value)
        return Outcome::fail(ErrorCode::NotFound, QStringLiteral("no such match"));
    if (caller.userId == found.value->passengerId)
        return cancelByPassenger(caller, uow, *found.value, message.reason);
    return cancelByDriver(caller, uow, *found.value, message.reason);
}

namespace {

// The state machine's refusal, with the text key clients show for a cancel in the wrong state.
Outcome cancelRefused(const Protocol::ProtocolError &error, const Ride &ride)
{
    Protocol::ProtocolError e = error;
    if (e.code == ErrorCode::Conflict)
        e.text = {QStringLiteral("error.cannot_cancel"),
                  {{QStringLiteral("state"), RideStateMachine::stateName(ride.state)}}};
    return Outcome::fail(e);
}

} // namespace

Outcome RideService::cancelByPassenger(const Caller &caller, UnitOfWork &uow, Ride ride,
                                       const QString &reason)
{
    const auto check = RideStateMachine::check(ride, RideEvent::Cancel, caller.userId);
    if (const auto *error = std::get_if<Protocol::ProtocolError>(&check))
        return cancelRefused(*error, ride);
    RideStateMachine::apply(ride, RideEvent::Cancel);
    ride.proposalExpiresAt = 0;
    Protocol::MatchStatus status;
    status.matchId = ride.matchId;
    status.status = QStringLiteral("cancelled");
    status.driverId = ride.driverId;
    status.passengerId = ride.passengerId;
    status.rideId = ride.rideId;
    status.reason = reason;
    status.cancelledBy = QStringLiteral("passenger");
    bool ok = save(uow, ride, caller.now)
            && deliverToParties(uow, ride, Protocol::toEnvelope(status));
    if (ok && !ride.driverId.isEmpty())
        ok = m_notifications.notify(
                uow, ride.driverId, QStringLiteral("ride_cancelled"),
                QStringLiteral("Ride cancelled"),
                reason.isEmpty()
                        ? QStringLiteral("The passenger cancelled the ride.")
                        : QStringLiteral("The passenger cancelled the ride: %1").arg(reason),
                {{QStringLiteral("match_id"), ride.matchId}},
                {QStringLiteral("notification.ride_cancelled"),
                 {{QStringLiteral("reason"), reason},
                  {QStringLiteral("by"), QStringLiteral("passenger")}}});
    if (!ok)
        return saveFailure();
    qCInfo(lcRide) << "match" << ride.matchId << "cancelled by the passenger";
    return Outcome::ack({{QStringLiteral("match_id"), ride.matchId},
                         {QStringLiteral("status"), QStringLiteral("cancelled")}});
}

Outcome RideService::cancelByDriver(const Caller &caller, UnitOfWork &uow, Ride ride,
                                    const QString &reason)
{
    const auto check = RideStateMachine::check(ride, RideEvent::DriverCancel, caller.userId);
    if (const auto *error = std::get_if<Protocol::ProtocolError>(&check))
        return cancelRefused(*error, ride);
    Protocol::MatchStatus status;
    status.matchId = ride.matchId;
    status.status = QStringLiteral("driver_cancelled");
    status.driverId = ride.driverId;
    status.passengerId = ride.passengerId;
    status.rideId = ride.rideId;
    status.reason = reason;
    status.cancelledBy = QStringLiteral("driver");
    // Told while the driver is still a party, so both get it.
    if (!deliverToParties(uow, ride, Protocol::toEnvelope(status))
        || !m_notifications.notify(
                uow, ride.passengerId, QStringLiteral("driver_cancelled"),
                QStringLiteral("Driver cancelled"),
                reason.isEmpty()
                        ? QStringLiteral("Your driver cancelled. Looking for another driver.")
                        : QStringLiteral("Your driver cancelled (%1). Looking for another driver.")
                                  .arg(reason),
                {{QStringLiteral("match_id"), ride.matchId}},
                {QStringLiteral("notification.driver_cancelled"),
                 {{QStringLiteral("reason"), reason}}}))
        return Outcome::storageFailure();
    const QString droppedRide = ride.rideId;
    RideStateMachine::apply(ride, RideEvent::DriverCancel);
    // The request starts over without this driver: no ride, no position chain.
    ride.pastCandidates.append(caller.userId);
    ride.rideId.clear();
    ride.acceptedAt = 0;
    ride.lastDriverLocation.reset();
    ride.distanceMeters = 0;
    if (!proposeNext(uow, ride, caller.now) || !save(uow, ride, caller.now))
        return saveFailure();
    qCInfo(lcRide) << "ride" << droppedRide << "cancelled by the driver; match" << ride.matchId
                   << "->" << RideStateMachine::stateName(ride.state);
    return Outcome::ack({{QStringLiteral("match_id"), ride.matchId},
                         {QStringLiteral("status"), QStringLiteral("searching")}});
}

Outcome RideService::atPickup(const Caller &caller, UnitOfWork &uow,
                              const Protocol::RideAtPickup &message)
{
    // Allowed exactly when ride_start would be (the driver of an accepted ride).
    Outcome refusal;
    std::optional<Ride> found = rideFor(message.rideId, RideEvent::Start, caller.userId, &refusal);
    if (!found)
        return refusal;
    const Ride &ride = *found;
    if (const auto tooFar = checkNear(driverPosition(ride), ride.pickup, m_config.startRadiusMeters,
                                      RidePlace::Pickup))
        return Outcome::fail(*tooFar);
    const Protocol::RideDriverAtPickup event {ride.rideId, ride.driverId, ride.passengerId,
                                              caller.now};
    const Protocol::Profile card = m_profiles.profilesOf({ride.driverId}).value(ride.driverId);
    if (!deliverToParties(uow, ride, Protocol::toEnvelope(event))
        || !m_notifications.notify(uow, ride.passengerId, QStringLiteral("driver_at_pickup"),
                                   QStringLiteral("Your driver is here"),
                                   card.plate.isEmpty()
                                           ? QStringLiteral("Your driver is waiting at the pickup.")
                                           : QStringLiteral("Your driver is waiting at the "
                                                            "pickup (%1).")
                                                     .arg(card.plate),
                                   {{QStringLiteral("ride_id"), ride.rideId}},
                                   {QStringLiteral("notification.driver_at_pickup"),
                                    {{QStringLiteral("driver_name"), card.name},
                                     {QStringLiteral("plate"), card.plate}}}))
        return Outcome::storageFailure();
    qCInfo(lcRide) << "ride" << ride.rideId << ": driver at the pickup";
    return Outcome::ack({{QStringLiteral("ride_id"), ride.rideId},
                         {QStringLiteral("status"), RideStateMachine::stateName(ride.state)}});
}

Outcome RideService::locationBatch(const Caller &caller, UnitOfWork &uow,
                                   const Protocol::LocationBatch &message)
{
    for (qsizetype i = 0; i < message.points.size(); ++i) {
        if (message.points.at(i).ts > caller.now + kClockSkewMs)
            return Outcome::invalid(QStringLiteral("points[%1].ts").arg(i),
                                    QStringLiteral("ts lies in the future"));
    }
    const Lookup found = findByRideId(message.rideId, true);
    if (!found.ok)
        return Outcome::storageFailure();
    if (!found.value)
        return Outcome::fail(ErrorCode::NotFound, QStringLiteral("no such ride"));
    Ride ride = *found.value;
    if (caller.userId != ride.driverId)
        return Outcome::fail(ErrorCode::Forbidden,
                             ride.isParty(caller.userId)
                                     ? QStringLiteral("only the driver sends positions")
                                     : QStringLiteral("not a party to this ride"));
    if (ride.state != RideState::Accepted && ride.state != RideState::InProgress)
        return Outcome::fail(ErrorCode::Conflict,
                             QStringLiteral("positions count only while the ride is accepted or "
                                            "in progress; it is %1")
                                     .arg(RideStateMachine::stateName(ride.state)));
    int accepted = 0;
    int ignored = 0;
    const bool counting = ride.state == RideState::InProgress;
    for (const Protocol::TimedPoint &p : message.points) {
        // Before the ride (minus clock drift), or already counted by an earlier batch.
        if ((counting && p.ts < ride.startedAt - kClockSkewMs) || p.ts <= ride.lastBatchTs) {
            ++ignored;
            continue;
        }
        if (counting && ride.lastDriverLocation)
            ride.distanceMeters += Protocol::distanceMeters(*ride.lastDriverLocation, p.location);
        ride.lastDriverLocation = p.location;
        ride.lastBatchTs = p.ts;
        ++accepted;
    }
    if (accepted > 0) {
        // A recovered position is precious: written with the ride before the ack, and the
        // driver's matcher position follows.
        if (!save(uow, ride, caller.now))
            return saveFailure();
        const Protocol::GeoPoint last = *ride.lastDriverLocation;
        uow.onCommit(
                [this, driver = caller.userId, last] { m_matcher.updateLocation(driver, last); });
    }
    qCInfo(lcRide) << "ride" << ride.rideId << "batch:" << accepted << "points counted," << ignored
                   << "ignored";
    return Outcome::ack({{QStringLiteral("ride_id"), ride.rideId},
                         {QStringLiteral("accepted"), accepted},
                         {QStringLiteral("ignored"), ignored},
                         {QStringLiteral("distance_m"), ride.distanceMeters}});
}

} // namespace NebengJek::Server
