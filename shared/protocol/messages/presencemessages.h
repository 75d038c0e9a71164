// SPDX-License-Identifier: MIT
#pragma once

#include "../fieldreader.h"
#include "../messagetype.h"

namespace NebengJek::Protocol {

// Presence goes only to people with a reason to know: the ride/chat partner.
struct UserOnline
{
    static constexpr MessageType kType = MessageType::UserOnline;
    QString userId;
    qint64 at = 0;
    QJsonObject toJson() const;
    static UserOnline read(FieldReader &r);
};

struct UserOffline
{
    static constexpr MessageType kType = MessageType::UserOffline;
    QString userId;
    qint64 lastSeen = 0;
    QJsonObject toJson() const;
    static UserOffline read(FieldReader &r);
};

struct PresenceEntry
{
    QString userId;
    bool online = false;
    qint64 lastSeen = 0;
};

// Server -> client on connect: the presence of everyone it has a reason to know about.
struct StatusBulk
{
    static constexpr MessageType kType = MessageType::StatusBulk;
    QList<PresenceEntry> users;
    QJsonObject toJson() const;
    static StatusBulk read(FieldReader &r);
};

} // namespace NebengJek::Protocol
