// SPDX-License-Identifier: MIT
// The ride as riders expect it (issue #13): fare up front, cancel with a reason, ratings,
// history, positions recorded offline, and the driver's "I'm at the pickup".
#pragma once

#include "../fieldreader.h"
#include "../geo.h"
#include "../messagetype.h"
#include "../profile.h"

#include <optional>

namespace NebengJek::Protocol {

// Passenger -> server: what would a ride from pickup to destination cost?
struct RideEstimateRequest
{
    static constexpr MessageType kType = MessageType::RideEstimate;
    GeoPoint pickup;
    GeoPoint destination;
    QJsonObject toJson() const;
    static RideEstimateRequest read(FieldReader &r);
};

// Server -> passenger, the reply: computed with the same tariff as the final fare.
struct RideEstimate
{
    static constexpr MessageType kType = MessageType::RideEstimate;
    double distanceMeters = 0;
    qint64 fare = 0;
    QString currency = QStringLiteral("IDR");
    qint64 durationSeconds = 0; // the trip itself
    std::optional<qint64> pickupEtaSeconds; // the nearest available driver; none: no driver
    QJsonObject toJson() const;
    static RideEstimate read(FieldReader &r);
};

// Passenger (until pickup) or the accepted driver -> server: cancel, with an optional reason.
struct RideCancel
{
    static constexpr MessageType kType = MessageType::RideCancel;
    QString matchId;
    QString reason;
    QJsonObject toJson() const;
    static RideCancel read(FieldReader &r);
};

// A party -> server, once the ride is completed: 1..5 stars and an optional comment.
struct RideRate
{
    static constexpr MessageType kType = MessageType::RideRate;
    static constexpr int kMaxCommentLength = 500;
    QString rideId;
    int rating = 0;
    QString comment;
    QJsonObject toJson() const;
    static RideRate read(FieldReader &r);
};

// Client -> server: a page of the caller's past rides, newest first.
struct RideHistoryRequest
{
    static constexpr MessageType kType = MessageType::RideHistory;
    static constexpr int kMaxLimit = 50;
    QString before; // the previous page's next_cursor; empty: from the newest
    int limit = 20;
    QJsonObject toJson() const;
    static RideHistoryRequest read(FieldReader &r);
};

struct RideHistoryItem
{
    QString matchId;
    QString rideId;
    QString state; // completed | cancelled
    QString role; // the caller's role in this ride: passenger | driver
    qint64 at = 0; // completed_at, or when it was cancelled
    GeoPoint pickup;
    GeoPoint destination;
    double distanceMeters = 0;
    qint64 fare = 0;
    QString currency = QStringLiteral("IDR");
    Profile partner;
    std::optional<int> myRating; // what the caller gave, if they rated
    QJsonObject toJson() const;
    static RideHistoryItem read(FieldReader &r);
};

// Server -> client, the reply.
struct RideHistoryPage
{
    static constexpr MessageType kType = MessageType::RideHistory;
    QList<RideHistoryItem> items;
    QString nextCursor; // empty: no older page
    QJsonObject toJson() const;
    static RideHistoryPage read(FieldReader &r);
};

// One position the driver's device recorded, with the device's time of the fix.
struct TimedPoint
{
    GeoPoint location;
    qint64 ts = 0;
};

// Driver -> server: positions recorded while offline, oldest first.
struct LocationBatch
{
    static constexpr MessageType kType = MessageType::LocationBatch;
    static constexpr int kMaxPoints = 500;
    QString rideId;
    QList<TimedPoint> points;
    QJsonObject toJson() const;
    static LocationBatch read(FieldReader &r);
};

// Driver -> server: "I'm at the pickup" (checked against the pickup radius).
struct RideAtPickup
{
    static constexpr MessageType kType = MessageType::RideAtPickup;
    QString rideId;
    QJsonObject toJson() const;
    static RideAtPickup read(FieldReader &r);
};

// Server -> driver and passenger, durable: the driver is waiting at the pickup.
struct RideDriverAtPickup
{
    static constexpr MessageType kType = MessageType::RideDriverAtPickup;
    QString rideId;
    QString driverId;
    QString passengerId;
    qint64 at = 0;
    QJsonObject toJson() const;
    static RideDriverAtPickup read(FieldReader &r);
};

} // namespace NebengJek::Protocol
