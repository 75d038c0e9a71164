// SPDX-License-Identifier: MIT
#pragma once

#include "clusterlink.h"
#include "hub.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <functional>
#include <vector>

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
    // The answer to the request `requestId` (may be empty) on its connection.
    void sendReply(ConnectionId id, const QString &requestId, const QByteArray &frame);
    // A notice to the other nodes that tells them to re-read stored state: held like frames,
    // so that they read it committed.
    void broadcastStateNotice(const QByteArray &notice);
    // The same bytes to every connection of the user, here and on the other nodes
    // (implicitly shared, serialized once).
    void sendToUser(const QString &userId, const QByteArray &frame, qint64 seq = 0);
    // A frame another node sent to the user: only this node's connections. Never held: it is
    // durable on the node that sent it.
    void deliverLocally(const QString &userId, const QByteArray &frame, qint64 seq = 0);

    // Durable before sent, for a group commit: from holdOutput() on, every frame (replies,
    // events, frames for other nodes) waits here, in order, because it may show changes that
    // are not committed yet. releaseOutput() sends them once the commit returned;
    // failHeldOutput() drops them after a failed commit and answers each held reply with
    // `errorFor(requestId)` instead.
    void holdOutput() { m_holding = true; }
    bool isHoldingOutput() const { return m_holding; }
    int heldCount() const { return int(m_held.size()); }
    void releaseOutput();
    void failHeldOutput(const std::function<QByteArray(const QString &requestId)> &errorFor);

private:
    struct Held
    {
        enum class Kind { Connection, Reply, User, Notice };
        Kind kind;
        ConnectionId connection = 0;
        QString key; // user id (User) or request id (Reply)
        QByteArray frame;
        qint64 seq = 0;
    };
    void sendNow(ConnectionId id, const QByteArray &frame, qint64 seq);
    void deliverNow(const QString &userId, const QByteArray &frame, qint64 seq);

    bool m_holding = false;
    std::vector<Held> m_held;
    Outbox *m_outbox;
    ClusterLink &m_link;
    QHash<ConnectionId, Connection> m_connections;
    QHash<QString, QList<ConnectionId>> m_byUser;
    QHash<QString, QSet<QString>> m_remote; // user -> other nodes holding a connection
};

} // namespace NebengJek::Server
