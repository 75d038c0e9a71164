// SPDX-License-Identifier: MIT
#include "ridemessages.h"

namespace NebengJek::Protocol {

namespace {
constexpr double kMaxDistance = 50000000; // beyond any ride on Earth
constexpr qint64 kMaxFare = 100000000; // IDR 100 million: far beyond any ride
constexpr double kMaxSpeed = 100; // m/s
} // namespace

QJsonObject BeaconUpdate::toJson() const
{
    QJsonObject o {{QStringLiteral("is_active"), isActive}};
    if (location) {
        o.insert(QStringLiteral("lat"), location->lat);
        o.insert(QStringLiteral("lng"), location->lng);
    }
    return o;
}

BeaconUpdate BeaconUpdate::read(FieldReader &r)
{
    BeaconUpdate m;
    m.isActive = r.boolean("is_active", "available");
    if (m.isActive)
        m.location = r.flatPoint();
    return m;
}

QJsonObject FinderUpdate::toJson() const
{
    return {{QStringLiteral("is_active"), isActive},
            {QStringLiteral("pickup"), pickup.toJson()},
            {QStringLiteral("destination"), destination.toJson()}};
}

FinderUpdate FinderUpdate::read(FieldReader &r)
{
    FinderUpdate m;
    m.isActive = r.optionalBoolean("is_active").value_or(true);
    if (m.isActive) {
        m.pickup = r.point("pickup");
        m.destination = r.point("destination");
    }
    return m;
}

QJsonObject MatchProposal::toJson() const
{
    QJsonObject o {{QStringLiteral("match_id"), matchId},
                   {QStringLiteral("driver_id"), driverId},
                   {QStringLiteral("passenger_id"), passengerId},
                   {QStringLiteral("pickup"), pickup.toJson()},
                   {QStringLiteral("destination"), destination.toJson()},
                   {QStringLiteral("distance_m"), distanceMeters},
                   {QStringLiteral("expires_at"), double(expiresAt)}};
    if (fare) {
        o.insert(QStringLiteral("fare"), double(*fare));
        o.insert(QStringLiteral("currency"), QStringLiteral("IDR"));
    }
    if (tripDistanceMeters)
        o.insert(QStringLiteral("trip_distance_m"), *tripDistanceMeters);
    if (driver)
        o.insert(QStringLiteral("driver"), driver->toJson());
    if (passenger)
        o.insert(QStringLiteral("passenger"), passenger->toJson());
    return o;
}

MatchProposal MatchProposal::read(FieldReader &r)
{
    MatchProposal m;
    m.matchId = r.identifier("match_id");
    m.driverId = r.identifier("driver_id");
    m.passengerId = r.identifier("passenger_id");
    m.pickup = r.point("pickup");
    m.destination = r.point("destination");
    m.distanceMeters = r.number("distance_m", 0, kMaxDistance);
    m.expiresAt = r.integer("expires_at", 0, kMaxTimestampMs);
    m.fare = r.optionalInteger("fare", 0, kMaxFare);
    if (r.ok() && r.optionalIdentifier("currency", 8))
        r.oneOf("currency", {"IDR"});
    m.tripDistanceMeters = r.optionalNumber("trip_distance_m", 0, kMaxDistance);
    m.driver = Profile::readOptional(r, "driver");
    m.passenger = Profile::readOptional(r, "passenger");
    return m;
}

QJsonObject MatchConfirm::toJson() const
{
    return {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), accepted}};
}

MatchConfirm MatchConfirm::read(FieldReader &r)
{
    MatchConfirm m;
    m.matchId = r.identifier("match_id");
    m.accepted = r.boolean("accepted", "accept");
    return m;
}

QJsonObject MatchStatus::toJson() const
{
    QJsonObject o {{QStringLiteral("match_id"), matchId},
                   {QStringLiteral("status"), status},
                   {QStringLiteral("passenger_id"), passengerId}};
    // No driver on no_driver (and on a cancel before matching): left out, since "" is not an id.
    if (!driverId.isEmpty())
        o.insert(QStringLiteral("driver_id"), driverId);
    if (!rideId.isEmpty())
        o.insert(QStringLiteral("ride_id"), rideId);
    if (driver)
        o.insert(QStringLiteral("driver"), driver->toJson());
    if (passenger)
        o.insert(QStringLiteral("passenger"), passenger->toJson());
    if (fare)
        o.insert(QStringLiteral("fare"), double(*fare));
    if (tripDistanceMeters)
        o.insert(QStringLiteral("trip_distance_m"), *tripDistanceMeters);
    if (!cancelledBy.isEmpty()) {
        o.insert(QStringLiteral("reason"), reason);
        o.insert(QStringLiteral("cancelled_by"), cancelledBy);
    }
    return o;
}

MatchStatus MatchStatus::read(FieldReader &r)
{
    MatchStatus m;
    m.matchId = r.identifier("match_id");
    m.status = r.identifier("status", 32);
    if (r.ok() && !matchOutcomeFromName(m.status))
        r.fail(QStringLiteral("status"),
               QStringLiteral("status must be one of: %1")
                       .arg(matchOutcomeNames().join(QStringLiteral(", "))));
    m.driverId = r.optionalIdentifier("driver_id").value_or(QString());
    m.passengerId = r.identifier("passenger_id");
    m.rideId = r.optionalIdentifier("ride_id").value_or(QString());
    m.driver = Profile::readOptional(r, "driver");
    m.passenger = Profile::readOptional(r, "passenger");
    m.fare = r.optionalInteger("fare", 0, kMaxFare);
    m.tripDistanceMeters = r.optionalNumber("trip_distance_m", 0, kMaxDistance);
    m.reason = r.optionalText("reason", kMaxCancelReasonLength).value_or(QString());
    if (r.ok() && r.optionalIdentifier("cancelled_by", 16))
        m.cancelledBy = r.oneOf("cancelled_by", {"passenger", "driver"});
    return m;
}

QJsonObject LocationUpdate::toJson() const
{
    QJsonObject o {{QStringLiteral("lat"), location.lat}, {QStringLiteral("lng"), location.lng}};
    if (heading)
        o.insert(QStringLiteral("heading"), *heading);
    if (speed)
        o.insert(QStringLiteral("speed"), *speed);
    if (!rideId.isEmpty())
        o.insert(QStringLiteral("ride_id"), rideId);
    if (!driverId.isEmpty())
        o.insert(QStringLiteral("driver_id"), driverId);
    if (timestamp > 0)
        o.insert(QStringLiteral("timestamp"), double(timestamp));
    return o;
}

LocationUpdate LocationUpdate::read(FieldReader &r)
{
    LocationUpdate m;
    m.location = r.flatPoint();
    m.heading = r.optionalNumber("heading", 0, 360);
    m.speed = r.optionalNumber("speed", 0, kMaxSpeed);
    m.rideId = r.optionalIdentifier("ride_id").value_or(QString());
    m.driverId = r.optionalIdentifier("driver_id").value_or(QString());
    m.timestamp = r.optionalInteger("timestamp", 0, kMaxTimestampMs).value_or(0);
    return m;
}

QJsonObject RideStart::toJson() const
{
    return {{QStringLiteral("ride_id"), rideId}};
}

RideStart RideStart::read(FieldReader &r)
{
    return {r.identifier("ride_id")};
}

QJsonObject RidePickup::toJson() const
{
    return {{QStringLiteral("ride_id"), rideId},
            {QStringLiteral("driver_id"), driverId},
            {QStringLiteral("passenger_id"), passengerId},
            {QStringLiteral("started_at"), double(startedAt)}};
}

RidePickup RidePickup::read(FieldReader &r)
{
    RidePickup m;
    m.rideId = r.identifier("ride_id");
    m.driverId = r.identifier("driver_id");
    m.passengerId = r.identifier("passenger_id");
    m.startedAt = r.integer("started_at", 0, kMaxTimestampMs);
    return m;
}

QJsonObject RideArrived::toJson() const
{
    return {{QStringLiteral("ride_id"), rideId}};
}

RideArrived RideArrived::read(FieldReader &r)
{
    return {r.identifier("ride_id")};
}

QJsonObject PaymentRequest::toJson() const
{
    return {{QStringLiteral("ride_id"), rideId},
            {QStringLiteral("distance_m"), distanceMeters},
            {QStringLiteral("fare"), double(fare)},
            {QStringLiteral("currency"), currency}};
}

PaymentRequest PaymentRequest::read(FieldReader &r)
{
    PaymentRequest m;
    m.rideId = r.identifier("ride_id");
    m.distanceMeters = r.number("distance_m", 0, kMaxDistance);
    m.fare = r.integer("fare", 0, kMaxFare);
    m.currency = r.oneOf("currency", {"IDR"});
    return m;
}

QJsonObject PaymentProcess::toJson() const
{
    return {{QStringLiteral("ride_id"), rideId},
            {QStringLiteral("amount"), double(amount)},
            {QStringLiteral("method"), method}};
}

PaymentProcess PaymentProcess::read(FieldReader &r)
{
    PaymentProcess m;
    m.rideId = r.identifier("ride_id");
    m.amount = r.integer("amount", 0, kMaxFare);
    if (r.ok() && r.optionalIdentifier("method", 16))
        m.method = r.oneOf("method", {"cash", "wallet", "card"});
    return m;
}

QJsonObject RideCompleted::toJson() const
{
    QJsonObject o {{QStringLiteral("ride_id"), rideId},
                   {QStringLiteral("fare"), double(fare)},
                   {QStringLiteral("distance_m"), distanceMeters},
                   {QStringLiteral("completed_at"), double(completedAt)}};
    if (!method.isEmpty())
        o.insert(QStringLiteral("method"), method);
    return o;
}

RideCompleted RideCompleted::read(FieldReader &r)
{
    RideCompleted m;
    m.rideId = r.identifier("ride_id");
    m.fare = r.integer("fare", 0, kMaxFare);
    m.distanceMeters = r.number("distance_m", 0, kMaxDistance);
    m.completedAt = r.integer("completed_at", 0, kMaxTimestampMs);
    if (r.ok() && r.optionalIdentifier("method", 16))
        m.method = r.oneOf("method", {"cash", "wallet", "card"});
    return m;
}

} // namespace NebengJek::Protocol
