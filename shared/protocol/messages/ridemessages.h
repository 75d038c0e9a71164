// SPDX-License-Identifier: MIT
#pragma once

#include "../fieldreader.h"
#include "../geo.h"
#include "../matchoutcome.h"
#include "../messagetype.h"
#include "../profile.h"

#include <optional>

namespace NebengJek::Protocol {

// Why a ride was cancelled, as the user typed or picked it (ride.cancel, match_status).
inline constexpr int kMaxCancelReasonLength = 200;

// Driver -> server: available for rides (is_active) at a position, or off duty.
struct BeaconUpdate
{
    static constexpr MessageType kType = MessageType::BeaconUpdate;
    bool isActive = false;
    std::optional<GeoPoint> location; // required when active
    QJsonObject toJson() const;
    static BeaconUpdate read(FieldReader &r);
};

// Passenger -> server: looking for a ride from pickup to destination (is_active false cancels).
struct FinderUpdate
{
    static constexpr MessageType kType = MessageType::FinderUpdate;
    bool isActive = true;
    GeoPoint pickup;
    GeoPoint destination;
    QJsonObject toJson() const;
    static FinderUpdate read(FieldReader &r);
};

// Server -> driver and passenger: a proposed match the driver must confirm in time.
struct MatchProposal
{
    static constexpr MessageType kType = MessageType::MatchProposal;
    QString matchId;
    QString driverId;
    QString passengerId;
    GeoPoint pickup;
    GeoPoint destination;
    double distanceMeters = 0; // driver -> pickup
    qint64 expiresAt = 0; // ms since epoch
    // Optional (issue #13): the estimated trip (as ride.estimate computes it) and both parties.
    std::optional<qint64> fare;
    std::optional<double> tripDistanceMeters;
    std::optional<Profile> driver;
    std::optional<Profile> passenger;
    QJsonObject toJson() const;
    static MatchProposal read(FieldReader &r);
};

// Driver -> server: accept or reject a proposal.
struct MatchConfirm
{
    static constexpr MessageType kType = MessageType::MatchConfirm;
    QString matchId;
    bool accepted = false;
    QJsonObject toJson() const;
    static MatchConfirm read(FieldReader &r);
};

// Server -> parties: how a match ended up. On "accepted" ride_id names the ride.
struct MatchStatus
{
    static constexpr MessageType kType = MessageType::MatchStatus;
    QString matchId;
    QString status; // a MatchOutcome name: accepted | rejected | expired | no_driver | cancelled
                    // | driver_cancelled
    QString driverId;
    QString passengerId;
    QString rideId;
    // Optional: on accepted, the parties and the estimated trip; on cancelled and
    // driver_cancelled, why and by whom ("passenger" | "driver").
    std::optional<Profile> driver;
    std::optional<Profile> passenger;
    std::optional<qint64> fare;
    std::optional<double> tripDistanceMeters;
    QString reason;
    QString cancelledBy;
    QJsonObject toJson() const;
    static MatchStatus read(FieldReader &r);
    // `status` as the enum (read() only lets valid names through).
    MatchOutcome outcome() const
    {
        return matchOutcomeFromName(status).value_or(MatchOutcome::Cancelled);
    }
};

// Driver -> server: current position; server -> passenger of the driver's ride: the same,
// with ride_id and driver_id filled in by the server.
struct LocationUpdate
{
    static constexpr MessageType kType = MessageType::LocationUpdate;
    GeoPoint location;
    std::optional<double> heading; // degrees 0..360
    std::optional<double> speed; // m/s
    QString rideId; // server -> client only
    QString driverId; // server -> client only
    qint64 timestamp = 0; // server -> client: when the server accepted it
    QJsonObject toJson() const;
    static LocationUpdate read(FieldReader &r);
};

// Driver -> server: passenger picked up, the ride starts. Legacy input name: ride_pickup.
struct RideStart
{
    static constexpr MessageType kType = MessageType::RideStart;
    QString rideId;
    QJsonObject toJson() const;
    static RideStart read(FieldReader &r);
};

// Server -> driver and passenger: the ride has started.
struct RidePickup
{
    static constexpr MessageType kType = MessageType::RidePickup;
    QString rideId;
    QString driverId;
    QString passengerId;
    qint64 startedAt = 0;
    QJsonObject toJson() const;
    static RidePickup read(FieldReader &r);
};

// Driver -> server: arrived at the destination.
struct RideArrived
{
    static constexpr MessageType kType = MessageType::RideArrived;
    QString rideId;
    QJsonObject toJson() const;
    static RideArrived read(FieldReader &r);
};

// Server -> passenger (and driver): the fare to pay.
struct PaymentRequest
{
    static constexpr MessageType kType = MessageType::PaymentRequest;
    QString rideId;
    double distanceMeters = 0;
    qint64 fare = 0; // in the smallest currency unit (IDR has none below 1)
    QString currency = QStringLiteral("IDR");
    QJsonObject toJson() const;
    static PaymentRequest read(FieldReader &r);
};

// Passenger -> server: pay the requested fare.
struct PaymentProcess
{
    static constexpr MessageType kType = MessageType::PaymentProcess;
    QString rideId;
    qint64 amount = 0;
    QString method = QStringLiteral("cash");
    QJsonObject toJson() const;
    static PaymentProcess read(FieldReader &r);
};

// Server -> driver and passenger: paid and done.
struct RideCompleted
{
    static constexpr MessageType kType = MessageType::RideCompleted;
    QString rideId;
    qint64 fare = 0;
    double distanceMeters = 0;
    qint64 completedAt = 0;
    QString method; // optional: cash | wallet | card (how the passenger paid)
    QJsonObject toJson() const;
    static RideCompleted read(FieldReader &r);
};

} // namespace NebengJek::Protocol
