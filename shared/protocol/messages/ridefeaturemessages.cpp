// SPDX-License-Identifier: MIT
#include "ridefeaturemessages.h"

#include "ridemessages.h"

namespace NebengJek::Protocol {

namespace {
constexpr double kMaxDistance = 50000000; // beyond any ride on Earth
constexpr qint64 kMaxFare = 100000000; // IDR 100 million
constexpr qint64 kMaxDurationSeconds = 30LL * 24 * 3600;
constexpr int kMaxCursorLength = 128;

// A nested object read with its own reader; its errors are reported as "<prefix>.<field>".
template<typename T, typename Read>
T readNested(FieldReader &r, const QJsonObject &object, const QString &prefix, Read read)
{
    FieldReader inner(object);
    T value = read(inner);
    if (r.ok() && !inner.ok())
        r.fail(prefix + QLatin1Char('.') + inner.error().field, inner.error().message);
    return value;
}
} // namespace

QJsonObject RideEstimateRequest::toJson() const
{
    return {{QStringLiteral("pickup"), pickup.toJson()},
            {QStringLiteral("destination"), destination.toJson()}};
}

RideEstimateRequest RideEstimateRequest::read(FieldReader &r)
{
    RideEstimateRequest m;
    m.pickup = r.point("pickup");
    m.destination = r.point("destination");
    return m;
}

QJsonObject RideEstimate::toJson() const
{
    QJsonObject o {{QStringLiteral("distance_m"), distanceMeters},
                   {QStringLiteral("fare"), double(fare)},
                   {QStringLiteral("currency"), currency},
                   {QStringLiteral("duration_s"), double(durationSeconds)}};
    if (pickupEtaSeconds)
        o.insert(QStringLiteral("pickup_eta_s"), double(*pickupEtaSeconds));
    return o;
}

RideEstimate RideEstimate::read(FieldReader &r)
{
    RideEstimate m;
    m.distanceMeters = r.number("distance_m", 0, kMaxDistance);
    m.fare = r.integer("fare", 0, kMaxFare);
    m.currency = r.oneOf("currency", {"IDR"});
    m.durationSeconds = r.integer("duration_s", 0, kMaxDurationSeconds);
    m.pickupEtaSeconds = r.optionalInteger("pickup_eta_s", 0, kMaxDurationSeconds);
    return m;
}

QJsonObject RideCancel::toJson() const
{
    QJsonObject o {{QStringLiteral("match_id"), matchId}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

RideCancel RideCancel::read(FieldReader &r)
{
    RideCancel m;
    m.matchId = r.identifier("match_id");
    m.reason = r.optionalText("reason", kMaxCancelReasonLength).value_or(QString());
    return m;
}

QJsonObject RideRate::toJson() const
{
    QJsonObject o {{QStringLiteral("ride_id"), rideId}, {QStringLiteral("rating"), rating}};
    if (!comment.isEmpty())
        o.insert(QStringLiteral("comment"), comment);
    return o;
}

RideRate RideRate::read(FieldReader &r)
{
    RideRate m;
    m.rideId = r.identifier("ride_id");
    m.rating = int(r.integer("rating", 1, 5));
    m.comment = r.optionalText("comment", kMaxCommentLength).value_or(QString());
    return m;
}

QJsonObject RideHistoryRequest::toJson() const
{
    QJsonObject o {{QStringLiteral("limit"), limit}};
    if (!before.isEmpty())
        o.insert(QStringLiteral("before"), before);
    return o;
}

RideHistoryRequest RideHistoryRequest::read(FieldReader &r)
{
    RideHistoryRequest m;
    m.before = r.optionalIdentifier("before", kMaxCursorLength).value_or(QString());
    m.limit = int(r.optionalInteger("limit", 1, kMaxLimit).value_or(20));
    return m;
}

QJsonObject RideHistoryItem::toJson() const
{
    QJsonObject o {{QStringLiteral("match_id"), matchId},
                   {QStringLiteral("ride_id"), rideId},
                   {QStringLiteral("state"), state},
                   {QStringLiteral("role"), role},
                   {QStringLiteral("at"), double(at)},
                   {QStringLiteral("pickup"), pickup.toJson()},
                   {QStringLiteral("destination"), destination.toJson()},
                   {QStringLiteral("distance_m"), distanceMeters},
                   {QStringLiteral("fare"), double(fare)},
                   {QStringLiteral("currency"), currency},
                   {QStringLiteral("partner"), partner.toJson()}};
    if (myRating)
        o.insert(QStringLiteral("my_rating"), *myRating);
    return o;
}

RideHistoryItem RideHistoryItem::read(FieldReader &r)
{
    RideHistoryItem m;
    m.matchId = r.identifier("match_id");
    m.rideId = r.identifier("ride_id");
    m.state = r.oneOf("state", {"completed", "cancelled"});
    m.role = r.oneOf("role", {"passenger", "driver"});
    m.at = r.integer("at", 0, kMaxTimestampMs);
    m.pickup = r.point("pickup");
    m.destination = r.point("destination");
    m.distanceMeters = r.number("distance_m", 0, kMaxDistance);
    m.fare = r.integer("fare", 0, kMaxFare);
    m.currency = r.oneOf("currency", {"IDR"});
    m.partner = readNested<Profile>(r, r.object("partner"), QStringLiteral("partner"),
                                    [](FieldReader &inner) { return Profile::read(inner); });
    const auto rating = r.optionalInteger("my_rating", 1, 5);
    if (rating)
        m.myRating = int(*rating);
    return m;
}

QJsonObject RideHistoryPage::toJson() const
{
    QJsonArray list;
    for (const RideHistoryItem &item : items)
        list.append(item.toJson());
    QJsonObject o {{QStringLiteral("items"), list}};
    if (!nextCursor.isEmpty())
        o.insert(QStringLiteral("next_cursor"), nextCursor);
    return o;
}

RideHistoryPage RideHistoryPage::read(FieldReader &r)
{
    RideHistoryPage m;
    const QJsonArray list = r.array("items", RideHistoryRequest::kMaxLimit);
    for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
        if (!list.at(i).isObject()) {
            r.fail(QStringLiteral("items"), QStringLiteral("items must be objects"));
            break;
        }
        m.items.append(readNested<RideHistoryItem>(
                r, list.at(i).toObject(), QStringLiteral("items[%1]").arg(i),
                [](FieldReader &inner) { return RideHistoryItem::read(inner); }));
    }
    m.nextCursor = r.optionalIdentifier("next_cursor", kMaxCursorLength).value_or(QString());
    return m;
}

QJsonObject LocationBatch::toJson() const
{
    QJsonArray list;
    for (const TimedPoint &p : points) {
        list.append(QJsonObject {{QStringLiteral("lat"), p.location.lat},
                                 {QStringLiteral("lng"), p.location.lng},
                                 {QStringLiteral("ts"), double(p.ts)}});
    }
    return {{QStringLiteral("ride_id"), rideId}, {QStringLiteral("points"), list}};
}

LocationBatch LocationBatch::read(FieldReader &r)
{
    LocationBatch m;
    m.rideId = r.identifier("ride_id");
    const QJsonArray list = r.array("points", kMaxPoints);
    if (r.ok() && list.isEmpty())
        r.fail(QStringLiteral("points"), QStringLiteral("points must not be empty"));
    for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
        if (!list.at(i).isObject()) {
            r.fail(QStringLiteral("points"), QStringLiteral("points must be objects"));
            break;
        }
        const TimedPoint point =
                readNested<TimedPoint>(r, list.at(i).toObject(),
                                       QStringLiteral("points[%1]").arg(i), [](FieldReader &inner) {
                                           TimedPoint p;
                                           p.location = inner.flatPoint();
                                           p.ts = inner.integer("ts", 0, kMaxTimestampMs);
                                           return p;
                                       });
        if (r.ok() && !m.points.isEmpty() && point.ts <= m.points.constLast().ts) {
            r.fail(QStringLiteral("points[%1].ts").arg(i),
                   QStringLiteral("points must be in strictly increasing ts order"));
            break;
        }
        m.points.append(point);
    }
    return m;
}

QJsonObject RideAtPickup::toJson() const
{
    return {{QStringLiteral("ride_id"), rideId}};
}

RideAtPickup RideAtPickup::read(FieldReader &r)
{
    return {r.identifier("ride_id")};
}

QJsonObject RideDriverAtPickup::toJson() const
{
    return {{QStringLiteral("ride_id"), rideId},
            {QStringLiteral("driver_id"), driverId},
            {QStringLiteral("passenger_id"), passengerId},
            {QStringLiteral("at"), double(at)}};
}

RideDriverAtPickup RideDriverAtPickup::read(FieldReader &r)
{
    RideDriverAtPickup m;
    m.rideId = r.identifier("ride_id");
    m.driverId = r.identifier("driver_id");
    m.passengerId = r.identifier("passenger_id");
    m.at = r.integer("at", 0, kMaxTimestampMs);
    return m;
}

} // namespace NebengJek::Protocol
