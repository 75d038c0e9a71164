// SPDX-License-Identifier: MIT
#include "profile.h"

namespace NebengJek::Protocol {

QJsonObject Profile::toJson() const
{
    QJsonObject o {{QStringLiteral("user_id"), userId}};
    if (!name.isEmpty())
        o.insert(QStringLiteral("name"), name);
    if (!vehicle.isEmpty())
        o.insert(QStringLiteral("vehicle"), vehicle);
    if (!plate.isEmpty())
        o.insert(QStringLiteral("plate"), plate);
    if (rating)
        o.insert(QStringLiteral("rating"), *rating);
    if (ratingCount > 0)
        o.insert(QStringLiteral("rating_count"), ratingCount);
    return o;
}

Profile Profile::read(FieldReader &r)
{
    Profile p;
    p.userId = r.identifier("user_id");
    p.name = r.optionalText("name", kMaxNameLength).value_or(QString());
    p.vehicle = r.optionalText("vehicle", kMaxVehicleLength).value_or(QString());
    p.plate = r.optionalText("plate", kMaxPlateLength).value_or(QString());
    p.rating = r.optionalNumber("rating", 1, 5);
    p.ratingCount = int(r.optionalInteger("rating_count", 0, 1000000000).value_or(0));
    return p;
}

std::optional<Profile> Profile::readOptional(FieldReader &r, const char *key)
{
    const QJsonObject object = r.object(key, false);
    if (!r.ok() || object.isEmpty())
        return std::nullopt;
    FieldReader inner(object);
    Profile p = read(inner);
    if (!inner.ok()) {
        r.fail(QLatin1String(key) + QLatin1Char('.') + inner.error().field, inner.error().message);
        return std::nullopt;
    }
    return p;
}

} // namespace NebengJek::Protocol
