// SPDX-License-Identifier: MIT
#include "presencemessages.h"

#include <QJsonArray>

namespace NebengJek::Protocol {

QJsonObject UserOnline::toJson() const
{
    return {{QStringLiteral("user_id"), userId}, {QStringLiteral("at"), double(at)}};
}

UserOnline UserOnline::read(FieldReader &r)
{
    UserOnline m;
    m.userId = r.identifier("user_id");
    m.at = r.integer("at", 0, kMaxTimestampMs);
    return m;
}

QJsonObject UserOffline::toJson() const
{
    return {{QStringLiteral("user_id"), userId}, {QStringLiteral("last_seen"), double(lastSeen)}};
}

UserOffline UserOffline::read(FieldReader &r)
{
    UserOffline m;
    m.userId = r.identifier("user_id");
    m.lastSeen = r.integer("last_seen", 0, kMaxTimestampMs);
    return m;
}

QJsonObject StatusBulk::toJson() const
{
    QJsonArray array;
    for (const PresenceEntry &e : users) {
        array.append(QJsonObject{{QStringLiteral("user_id"), e.userId},
                                 {QStringLiteral("online"), e.online},
                                 {QStringLiteral("last_seen"), double(e.lastSeen)}});
    }
    return {{QStringLiteral("users"), array}};
}

StatusBulk StatusBulk::read(FieldReader &r)
{
    StatusBulk m;
    const QJsonArray array = r.array("users", 1000);
    for (const QJsonValue &v : array) {
        FieldReader item(v.toObject());
        PresenceEntry e;
        e.userId = item.identifier("user_id");
        e.online = item.boolean("online");
        e.lastSeen = item.integer("last_seen", 0, kMaxTimestampMs);
        if (!v.isObject() || !item.ok()) {
            r.fail(QStringLiteral("users"), QStringLiteral("users[] entries need user_id, online, last_seen"));
            return m;
        }
        m.users.append(e);
    }
    return m;
}

} // namespace NebengJek::Protocol
