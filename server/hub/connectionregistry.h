// SPDX-License-Identifier: MIT
#pragma once

#include "clusterlink.h"
#include "hub.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

namespace NebengJek::Server {

// Who is connected on which connection, and the way out to them. A user may have several
// connections (phone and tablet), on this node and on others; everything addressed to a user
// goes to all of them: the local ones through the outbox, the others through the cluster link.
class ConnectionRegistry
{
public:
    struct Connection
    {
        Principal principal;
        // The user's newest delivery seq when this connection opened: later durable events
        // reach it live, so a resume on it replays only up to here (no duplicates).
        qint64 liveFromSeq = 0;
        // The newest durable seq sent on it (live or replayed): where a catch-up starts.
        qint64 sentSeq = 0;
    };

    ConnectionRegistry(Outbox *outbox, ClusterLink &link)
        : m_outbox(outbox)
        , m_link(link)
    { }

    void add(ConnectionId id, const Principal &principal, qint64 liveFromSeq);
    // Returns the principal of the removed connection, if it was known.
    std::optional<Principal> remove(ConnectionId id);
    const Connection *find(ConnectionId id) const;
    const QList<ConnectionId> &connectionsOf(const QString &userId) const;
    // On this node.
    bool isConnected(const QString &userId) const { return m_byUser.contains(userId); }
    // On this node or another (cluster): worth sending live frames to.
    bool isReachable(const QString &userId) const
    {
        return isConnected(userId) || m_remote.contains(userId);
    }
    // What the other nodes said (cluster): `node` holds a first / no longer any connection of
    // the user; a node died (returns the users it was the last holder of, elsewhere).
    void remoteAttached(const QString &node, const QString &userId);
    void remoteDetached(const QString &node, const QString &userId);
    QStringList dropNode(const QString &node);
    // Forgets what every other node said (the link was down); returns those users.
    QStringList dropAllRemote();
    QList<QString> localUsers() const { return m_byUser.keys(); }
    QList<ConnectionId> allConnections() const { return m_connections.keys(); }
    int count() const { return int(m_connections.size()); }
    bool isClustered() const { return m_link.isClustered(); }
    ClusterLink &link() const { return m_link; }

    void setOutbox(Outbox *outbox) { m_outbox = outbox; }
    // One frame to one local connection; `seq` > 0 marks a durable event.
    void send(ConnectionId id, const QByteArray &frame, qint64 seq = 0);
    // The same bytes to every connection of the user, here and on the other nodes
    // (implicitly shared, serialized once).
    void sendToUser(const QString &userId, const QByteArray &frame, qint64 seq = 0);
    // A frame another node sent to the user: only this node's connections.
    void deliverLocally(const QString &userId, const QByteArray &frame, qint64 seq = 0);

private:
    Outbox *m_outbox;
    ClusterLink &m_link;
    QHash<ConnectionId, Connection> m_connections;
    QHash<QString, QList<ConnectionId>> m_byUser;
    QHash<QString, QSet<QString>> m_remote; // user -> other nodes holding a connection
};

} // namespace NebengJek::Server
