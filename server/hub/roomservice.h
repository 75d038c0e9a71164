// SPDX-License-Identifier: MIT
#pragma once

#include "outcome.h"

#include <protocol/messages/roommessages.h>

#include <QHash>
#include <QSet>

namespace NebengJek::Server {

class ConnectionRegistry;

// Topic fan-out: connections join rooms, a member's publish reaches every other member. Room
// events are ephemeral (not stored, not replayed). An event is serialized once and the same
// QByteArray (implicitly shared) goes to every member. In a cluster the event also goes to the
// room's channel, which every node with a member of the room receives; `members` and
// `delivered` in the replies count this node's members only.
class RoomService
{
public:
    // Bounds the per-connection bookkeeping and a single connection's fan-out reach.
    static constexpr int kMaxRoomsPerConnection = 32;
    // A publish to a room costs one send per member; this caps one event's cost.
    static constexpr int kMaxMembersPerRoom = 20000;

    explicit RoomService(ConnectionRegistry &connections)
        : m_connections(connections)
    { }

    Outcome join(const Caller &caller, const Protocol::RoomJoin &message);
    Outcome leave(const Caller &caller, const Protocol::RoomLeave &message);
    Outcome publish(const Caller &caller, const Protocol::RoomPublish &message);
    void connectionClosed(ConnectionId connection);
    // A room event published on another node: to this node's members.
    void deliverLocally(const QString &room, const QByteArray &frame);
    int memberCount(const QString &room) const { return int(m_members.value(room).size()); }

private:
    ConnectionRegistry &m_connections;
    QHash<QString, QSet<ConnectionId>> m_members;
    QHash<ConnectionId, QSet<QString>> m_roomsOf;
};

} // namespace NebengJek::Server
