// SPDX-License-Identifier: MIT
#pragma once

#include "../fieldreader.h"
#include "../messagetype.h"

namespace NebengJek::Protocol {

// Rooms are topic fan-out groups (for example "zone:jakarta-selatan" for drivers in an area).
// Members may publish small events to the room; they are not stored.
inline constexpr int kMaxRoomNameLength = 64;
inline constexpr int kMaxRoomDataBytes = 4096;

struct RoomJoin
{
    static constexpr MessageType kType = MessageType::RoomJoin;
    QString room;
    QJsonObject toJson() const;
    static RoomJoin read(FieldReader &r);
};

struct RoomLeave
{
    static constexpr MessageType kType = MessageType::RoomLeave;
    QString room;
    QJsonObject toJson() const;
    static RoomLeave read(FieldReader &r);
};

struct RoomPublish
{
    static constexpr MessageType kType = MessageType::RoomPublish;
    QString room;
    QJsonObject data;
    QJsonObject toJson() const;
    static RoomPublish read(FieldReader &r);
};

struct RoomEvent
{
    static constexpr MessageType kType = MessageType::RoomEvent;
    QString room;
    QString senderId;
    QJsonObject data;
    qint64 sentAt = 0;
    QJsonObject toJson() const;
    static RoomEvent read(FieldReader &r);
};

} // namespace NebengJek::Protocol
