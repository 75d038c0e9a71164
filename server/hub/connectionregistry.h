// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"

#include <QHash>
#include <QList>

namespace NebengJek::Server {

// Who is connected on which connection, and the way out to them. A user may have several
// connections (phone and tablet); everything addressed to a user goes to all of them.
class ConnectionRegistry
{
public:
    struct Connection
    {
        Principal principal;
        // The user's newest delivery seq when this connection opened: later durable events
        // reach it live, so a resume on it replays only up to here (no duplicates).
        qint64 liveFromSeq = 0;
    };

    explicit ConnectionRegistry(Outbox *outbox)
        : m_outbox(outbox)
    { }

    void add(ConnectionId id, const Principal &principal, qint64 liveFromSeq);
    // Returns the principal of the removed connection, if it was known.
    std::optional<Principal> remove(ConnectionId id);
    const Connection *find(ConnectionId id) const;
    const QList<ConnectionId> &connectionsOf(const QString &userId) const;
    bool isConnected(const QString &userId) const { return m_byUser.contains(userId); }
    int count() const { return int(m_connections.size()); }

    void send(ConnectionId id, const QByteArray &frame) const { m_outbox->send(id, frame); }
    // The same bytes to every connection of the user (implicitly shared, serialized once).
    void sendToUser(const QString &userId, const QByteArray &frame) const;

private:
    Outbox *m_outbox;
    QHash<ConnectionId, Connection> m_connections;
    QHash<QString, QList<ConnectionId>> m_byUser;
};

} // namespace NebengJek::Server
