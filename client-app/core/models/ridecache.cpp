// SPDX-License-Identifier: MIT
#include "ridecache.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace NebengJek::Client {

using Protocol::GeoPoint;

namespace {
std::optional<GeoPoint> pointAt(const QJsonObject &o, const QString &key)
{
    if (!o.contains(key))
        return std::nullopt;
    const QJsonObject p = o.value(key).toObject();
    return GeoPoint {p.value(QStringLiteral("lat")).toDouble(),
                     p.value(QStringLiteral("lng")).toDouble()};
}

std::optional<Protocol::Profile> partnerProfileIn(const QJsonObject &o)
{
    // Read with the protocol's own reader: a damaged card is dropped, not half shown.
    Protocol::FieldReader r(o);
    std::optional<Protocol::Profile> profile =
            Protocol::Profile::readOptional(r, "partner_profile");
    if (!r.ok())
        return std::nullopt;
    return profile;
}
} // namespace

std::optional<RideSnapshot> RideCache::load() const
{
    if (m_path.isEmpty())
        return std::nullopt;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    if (o.isEmpty())
        return std::nullopt;
    RideSnapshot s;
    s.role = o.value(QStringLiteral("role")).toString();
    s.state = o.value(QStringLiteral("state")).toString();
    s.online = o.value(QStringLiteral("online")).toBool();
    s.matchId = o.value(QStringLiteral("match_id")).toString();
    s.rideId = o.value(QStringLiteral("ride_id")).toString();
    s.partnerId = o.value(QStringLiteral("partner_id")).toString();
    s.driverFound = o.value(QStringLiteral("driver_found")).toBool();
    s.pickup = pointAt(o, QStringLiteral("pickup"));
    s.destination = pointAt(o, QStringLiteral("destination"));
    s.ownLocation = pointAt(o, QStringLiteral("own_location"));
    s.fare = qint64(o.value(QStringLiteral("fare")).toDouble());
    s.distanceMeters = o.value(QStringLiteral("distance_m")).toDouble();
    s.currency = o.value(QStringLiteral("currency")).toString(QStringLiteral("IDR"));
    s.partnerProfile = partnerProfileIn(o);
    return s;
}

void RideCache::save(const RideSnapshot &s) const
{
    if (m_path.isEmpty())
        return;
    QJsonObject o {{QStringLiteral("role"), s.role},
                   {QStringLiteral("state"), s.state},
                   {QStringLiteral("online"), s.online},
                   {QStringLiteral("match_id"), s.matchId},
                   {QStringLiteral("ride_id"), s.rideId},
                   {QStringLiteral("partner_id"), s.partnerId},
                   {QStringLiteral("driver_found"), s.driverFound},
                   {QStringLiteral("fare"), double(s.fare)},
                   {QStringLiteral("distance_m"), s.distanceMeters},
                   {QStringLiteral("currency"), s.currency}};
    if (s.pickup && s.destination) {
        o.insert(QStringLiteral("pickup"), s.pickup->toJson());
        o.insert(QStringLiteral("destination"), s.destination->toJson());
    }
    if (s.ownLocation)
        o.insert(QStringLiteral("own_location"), s.ownLocation->toJson());
    if (s.partnerProfile)
        o.insert(QStringLiteral("partner_profile"), s.partnerProfile->toJson());
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (!file.commit())
        qCWarning(lcClientRide) << "cannot write the ride cache:" << file.errorString();
}

} // namespace NebengJek::Client
