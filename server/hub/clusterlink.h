// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

namespace NebengJek::Server {

// The seam between the hub and "the other nodes": where a user's connections are, delivery to
// them, rooms, and the notices nodes exchange about shared state (driver availability,
// presence, ride changes, kicks). This base class is the local implementation: a node alone,
// so there is nobody else to tell and everything is decided in this process (today's
// single-node behaviour). server/cluster/ implements it over Redis pub/sub.
//
// Everything here is at-most-once: durable events are also in the delivery log, so a lost
// frame shows as a seq gap and the client's resume recovers it.
class ClusterLink : public QObject
{
    Q_OBJECT
public:
    explicit ClusterLink(QObject *parent = nullptr)
        : QObject(parent)
    { }

    // False: this node is alone and its memory is authoritative. True: storage is shared, and
    // anything in memory may be stale (another node may have changed it).
    virtual bool isClustered() const { return false; }
    // False while the link to the other nodes is down (this node then serves its own users).
    virtual bool isConnected() const { return true; }
    virtual QString nodeId() const { return {}; }

    // This node holds its first / no longer any connection of the user: start / stop receiving
    // the frames other nodes send to them.
    virtual void userAttached(const QString &userId) { Q_UNUSED(userId) }
    virtual void userDetached(const QString &userId) { Q_UNUSED(userId) }
    // The frame for the user's connections on the other nodes (this node delivers its own).
    // `seq` > 0 for a durable event.
    virtual void sendToUser(const QString &userId, qint64 seq, const QByteArray &frame)
    {
        Q_UNUSED(userId)
        Q_UNUSED(seq)
        Q_UNUSED(frame)
    }

    // A room got its first / lost its last member on this node.
    virtual void roomAttached(const QString &room) { Q_UNUSED(room) }
    virtual void roomDetached(const QString &room) { Q_UNUSED(room) }
    virtual void sendToRoom(const QString &room, const QByteArray &frame)
    {
        Q_UNUSED(room)
        Q_UNUSED(frame)
    }

    // A notice about shared state for every other node (JSON, see HubNotices).
    virtual void broadcast(const QByteArray &notice) { Q_UNUSED(notice) }
    // The per-user device limit across nodes (replace-oldest): this node bound `connection` to
    // the user; when the user then has more than `limit` connections in the cluster, the
    // oldest are closed wherever they are (kickRequested on their node). 0: no limit here.
    virtual void connectionBound(const QString &userId, quint64 connection, int limit)
    {
        Q_UNUSED(userId)
        Q_UNUSED(connection)
        Q_UNUSED(limit)
    }
    virtual void connectionUnbound(const QString &userId, quint64 connection)
    {
        Q_UNUSED(userId)
        Q_UNUSED(connection)
    }
    // Asks `node` to close connection `connection` (replace-oldest across nodes).
    virtual void kick(const QString &node, quint64 connection)
    {
        Q_UNUSED(node)
        Q_UNUSED(connection)
    }

Q_SIGNALS:
    void userFrame(const QString &userId, qint64 seq, const QByteArray &frame);
    void roomFrame(const QString &room, const QByteArray &frame);
    void notice(const QString &fromNode, const QByteArray &notice);
    // A node stopped sending heartbeats: what it stood for (its users' presence, its drivers)
    // is gone.
    void nodeLost(const QString &node);
    // The link is back after being down: frames may have been missed, so the hub catches its
    // users up from the log and re-announces its state.
    void relinked();
    // Frames for these users (held by this node) may have been missed: their subscription
    // just became live, or another node could not publish to them. The hub sends their
    // connections what the log has beyond what they were sent.
    void catchUpNeeded(const QStringList &userIds);
    void kickRequested(quint64 connection);
};

} // namespace NebengJek::Server
