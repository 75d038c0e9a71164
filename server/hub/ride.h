// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/geo.h>
#include <storage/records.h>

#include <QStringList>

#include <optional>

namespace NebengJek::Server {

// The life of one passenger request, from the first proposal to payment (see docs/hub.md).
enum class RideState {
    Searching, // between proposals: the previous candidate rejected or timed out
    Proposed, // offered to driverId, waiting for match_confirm until proposalExpiresAt
    Accepted, // driver on the way to the pickup; ride_id assigned, chat open
    InProgress, // passenger on board, distance accumulating
    AwaitingPayment, // arrived, fare requested
    Completed, // paid
    Cancelled, // the passenger withdrew before pickup
    Expired, // no driver accepted (no_driver)
};

// A match (match_id, the passenger's request and the chat conversation) and, once a driver
// accepted it, the ride (ride_id). One record, because they share one state machine.
struct Ride
{
    QString matchId;
    QString rideId;
    QString passengerId;
    QString driverId; // the candidate while Proposed, then the assigned driver
    RideState state = RideState::Searching;
    Protocol::GeoPoint pickup;
    Protocol::GeoPoint destination;
    QStringList pastCandidates;
    qint64 proposalExpiresAt = 0;
    double distanceMeters = 0;
    qint64 fare = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 acceptedAt = 0;
    qint64 startedAt = 0;
    qint64 arrivedAt = 0;
    qint64 completedAt = 0;

    // The last driver position (start of the next distance segment); written with the ride
    // and at distance checkpoints, so the chain continues after a restart.
    std::optional<Protocol::GeoPoint> lastDriverLocation;
    // In memory only: the device time of the newest location_batch point counted, so a batch
    // sent twice counts once (lost on restart, where request-id idempotency still holds).
    qint64 lastBatchTs = 0;
    // The stored version this state is based on (compare-and-set, see RideRepository).
    qint64 version = 0;
    // In memory only: the distance changed since it was last written.
    bool distanceDirty = false;

    bool wasAccepted() const { return !rideId.isEmpty(); }
    bool isParty(const QString &userId) const
    {
        return userId == passengerId || (!driverId.isEmpty() && userId == driverId);
    }
    QString partnerOf(const QString &userId) const
    {
        return userId == passengerId ? driverId : passengerId;
    }

    RideRecord toRecord() const;
    static std::optional<Ride> fromRecord(const RideRecord &record);
};

} // namespace NebengJek::Server
