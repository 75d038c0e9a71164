// SPDX-License-Identifier: MIT
#include "roommessages.h"

#include <QJsonDocument>

namespace NebengJek::Protocol {

QJsonObject RoomJoin::toJson() const
{
    return {{QStringLiteral("room"), room}};
}

RoomJoin RoomJoin::read(FieldReader &r)
{
    return {r.identifier("room", kMaxRoomNameLength)};
}

QJsonObject RoomLeave::toJson() const
{
    return {{QStringLiteral("room"), room}};
}

RoomLeave RoomLeave::read(FieldReader &r)
{
    return {r.identifier("room", kMaxRoomNameLength)};
}

QJsonObject RoomPublish::toJson() const
{
    return {{QStringLiteral("room"), room}, {QStringLiteral("data"), data}};
}

RoomPublish RoomPublish::read(FieldReader &r)
{
    RoomPublish m;
    m.room = r.identifier("room", kMaxRoomNameLength);
    m.data = r.object("data");
    if (r.ok() && QJsonDocument(m.data).toJson(QJsonDocument::Compact).size() > kMaxRoomDataBytes)
        r.fail(QStringLiteral("data"),
               QStringLiteral("data is larger than %1 bytes").arg(kMaxRoomDataBytes));
    return m;
}

QJsonObject RoomEvent::toJson() const
{
    return {{QStringLiteral("room"), room},
            {QStringLiteral("sender_id"), senderId},
            {QStringLiteral("data"), data},
            {QStringLiteral("sent_at"), double(sentAt)}};
}

RoomEvent RoomEvent::read(FieldReader &r)
{
    RoomEvent m;
    m.room = r.identifier("room", kMaxRoomNameLength);
    m.senderId = r.identifier("sender_id");
    m.data = r.object("data");
    m.sentAt = r.integer("sent_at", 0, kMaxTimestampMs);
    return m;
}

} // namespace NebengJek::Protocol
