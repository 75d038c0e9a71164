// SPDX-License-Identifier: MIT
#include "roomservice.h"

#include "connectionregistry.h"
#include "logging.h"

namespace NebengJek::Server {

using Protocol::ErrorCode;

Outcome RoomService::join(const Caller &caller, const Protocol::RoomJoin &message)
{
    QSet<QString> &rooms = m_roomsOf[caller.connection];
    QSet<ConnectionId> &members = m_members[message.room];
    bool changed = false;
    if (!rooms.contains(message.room)) {
        if (rooms.size() >= kMaxRoomsPerConnection || members.size() >= kMaxMembersPerRoom) {
            if (members.isEmpty())
                m_members.remove(message.room);
            if (rooms.isEmpty())
                m_roomsOf.remove(caller.connection);
            return Outcome::fail(ErrorCode::Conflict, QStringLiteral("room limit reached"));
        }
        rooms.insert(message.room);
        members.insert(caller.connection);
        if (members.size() == 1)
            m_connections.link().roomAttached(message.room);
        changed = true;
    }
    qCDebug(lcRoom) << "joined" << message.room << "members" << members.size();
    return Outcome::ack({{QStringLiteral("room"), message.room},
                         {QStringLiteral("members"), int(members.size())},
                         {QStringLiteral("changed"), changed}});
}

Outcome RoomService::leave(const Caller &caller, const Protocol::RoomLeave &message)
{
    auto rooms = m_roomsOf.find(caller.connection);
    if (rooms == m_roomsOf.end() || !rooms->remove(message.room))
        return Outcome::fail(ErrorCode::NotFound, QStringLiteral("not a member of this room"));
    if (rooms->isEmpty())
        m_roomsOf.erase(rooms);
    auto members = m_members.find(message.room);
    if (members != m_members.end()) {
        members->remove(caller.connection);
        if (members->isEmpty()) {
            m_members.erase(members);
            m_connections.link().roomDetached(message.room);
        }
    }
    return Outcome::ack({{QStringLiteral("room"), message.room}});
}

Outcome RoomService::publish(const Caller &caller, const Protocol::RoomPublish &message)
{
    auto members = m_members.constFind(message.room);
    if (members == m_members.constEnd() || !members->contains(caller.connection))
        return Outcome::fail(ErrorCode::Forbidden,
                             QStringLiteral("join the room before publishing"));
    const QByteArray frame = Protocol::toEnvelope(Protocol::RoomEvent {message.room, caller.userId,
                                                                       message.data, caller.now})
                                     .toJson();
    int delivered = 0;
    for (ConnectionId member : *members) {
        if (member == caller.connection)
            continue; // the publisher has the data; its reply is the ack
        m_connections.send(member, frame);
        ++delivered;
    }
    m_connections.link().sendToRoom(message.room, frame);
    return Outcome::ack(
            {{QStringLiteral("room"), message.room}, {QStringLiteral("delivered"), delivered}});
}

void RoomService::connectionClosed(ConnectionId connection)
{
    const QSet<QString> rooms = m_roomsOf.take(connection);
    for (const QString &room : rooms) {
        auto members = m_members.find(room);
        if (members == m_members.end())
            continue;
        members->remove(connection);
        if (members->isEmpty()) {
            m_members.erase(members);
            m_connections.link().roomDetached(room);
        }
    }
}

void RoomService::deliverLocally(const QString &room, const QByteArray &frame)
{
    const QSet<ConnectionId> members = m_members.value(room);
    for (ConnectionId member : members)
        m_connections.send(member, frame);
}

} // namespace NebengJek::Server
