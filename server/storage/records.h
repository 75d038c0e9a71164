// SPDX-License-Identifier: MIT
// Plain rows the repositories read and write. The hub converts them to its own types, so
// storage knows nothing about ride states or message semantics.
#pragma once

#include <protocol/geo.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace NebengJek::Server {

// A repository answer: ok is false when the database failed (the caller answers UNAVAILABLE),
// which is different from "no such row" (an empty optional / list).
template<typename T> struct StorageResult
{
    bool ok = false;
    T value {};
};

struct RideRecord
{
    QString matchId;
    QString rideId; // empty until accepted
    QString passengerId;
    QString driverId; // current candidate while proposed, then the assigned driver
    QString state;
    Protocol::GeoPoint pickup;
    Protocol::GeoPoint destination;
    QStringList pastCandidates; // drivers that rejected or let a proposal expire
    qint64 proposalExpiresAt = 0;
    double distanceMeters = 0;
    qint64 fare = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 acceptedAt = 0;
    qint64 startedAt = 0;
    qint64 arrivedAt = 0;
    qint64 completedAt = 0;
    std::optional<Protocol::GeoPoint> lastDriverLocation; // the distance accumulator's anchor
    // Bumped by every compare-and-set save: a change based on an older version loses.
    qint64 version = 0;
};

struct ChatMessageRecord
{
    qint64 position = 0; // storage order within the database, assigned on insert
    QString messageId;
    QString matchId;
    QString senderId;
    QString recipientId;
    QString body;
    qint64 sentAt = 0;
    qint64 readAt = 0; // 0: unread
    bool withheld = false; // sender was blocked by the recipient: never delivered
};

struct NotificationRecord
{
    qint64 id = 0; // assigned on insert
    QString userId;
    QString kind;
    QString title;
    QString body;
    QByteArray data; // compact JSON object
    qint64 createdAt = 0;
    bool read = false;
    QString textKey; // localizable form of title/body (empty: none)
    QByteArray textArgs; // compact JSON object, or empty
};

// What the server keeps of a user from their token claims (the driver card, the passenger line).
struct ProfileRecord
{
    QString userId;
    QString name;
    QString vehicle;
    QString plate;
    qint64 updatedAt = 0;
};

// The average of the ratings a user received.
struct RatingSummary
{
    double average = 0;
    int count = 0;
};

struct RatingRecord
{
    QString rideId;
    QString raterId;
    QString rateeId;
    int rating = 0;
    QString comment;
    qint64 createdAt = 0;
};

struct EventRecord
{
    qint64 seq = 0;
    QByteArray frame; // the serialized envelope, seq included, sent as-is on replay
};

struct IdempotencyRecord
{
    QString requestId;
    int type = 0; // Protocol::MessageType of the original request
    QByteArray reply; // the serialized original answer
};

} // namespace NebengJek::Server
