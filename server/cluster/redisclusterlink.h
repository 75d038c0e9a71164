// SPDX-License-Identifier: MIT
#pragma once

#include "redisconnection.h"
#include "redissubscriptions.h"

#include <hub/clusterlink.h>

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTimer>

namespace NebengJek::Server {

// The hub's cluster link over Redis pub/sub, after Centrifugo's Redis engine and the Socket.IO
// Redis adapter: one connection publishes, one subscribes.
//   nj:u:<user>    frames for a user; a node subscribes while it holds a connection of the user
//   nj:r:<room>    room events; subscribed while the node has a member of the room
//   nj:notice      notices about shared state, and each node's heartbeat
//   nj:node:<id>   control messages for one node (kick a connection)
//   nj:conns:<user> (sorted set) the user's connections in the cluster, "<node>|<conn>" by
//                  connect time: the device limit across nodes (replace-oldest)
// Every payload starts with the sending node's id, so a node ignores its own messages (it has
// delivered locally already). A node that is not heard for `nodeTimeoutMs` is lost: its users'
// presence and its drivers go (nodeLost), so a dead node leaves no ghosts.
//
// Pub/sub is at-most-once, so every way a durable frame can miss its user is closed by a
// catch-up from the log: the node is linked (relinked: replay for all local users) only once
// Redis has confirmed all its subscriptions; a user channel subscribed later replays that user
// once confirmed (catchUpNeeded); and a durable frame this node could not publish is named in
// a notice when it is linked again, so the user's node replays it (catchUpNeeded there).
class RedisClusterLink : public ClusterLink
{
    Q_OBJECT
public:
    struct Settings
    {
        RedisUrl url;
        QString nodeId;
        int heartbeatMs = 1000;
        int nodeTimeoutMs = 4000;
    };

    explicit RedisClusterLink(const Settings &settings, QObject *parent = nullptr);
    ~RedisClusterLink() override;

    void start();

    bool isClustered() const override { return true; }
    // Both connections up and every subscription confirmed by Redis.
    bool isConnected() const override;
    QString nodeId() const override { return m_settings.nodeId; }
    QString lastError() const;
    // The worse of the two connections' breakers (for /health and /metrics).
    CircuitBreaker::State breakerState() const;

    void userAttached(const QString &userId) override;
    void userDetached(const QString &userId) override;
    void sendToUser(const QString &userId, qint64 seq, const QByteArray &frame) override;
    void roomAttached(const QString &room) override;
    void roomDetached(const QString &room) override;
    void sendToRoom(const QString &room, const QByteArray &frame) override;
    void broadcast(const QByteArray &notice) override;
    void connectionBound(const QString &userId, quint64 connection, int limit) override;
    void connectionUnbound(const QString &userId, quint64 connection) override;
    void kick(const QString &node, quint64 connection) override;

    // For /metrics.
    qint64 publishedCount() const { return m_published; }
    qint64 receivedCount() const { return m_received; }
    qint64 droppedCount() const { return m_dropped; }
    int liveNodeCount() const { return int(m_lastHeard.size()) + 1; }

private:
    void publish(const QByteArray &channel, const QByteArray &payload);
    void channelLive(const QByteArray &channel);
    void onMessage(const QByteArray &channel, const QByteArray &payload);
    void catchUpRequested(const QByteArray &body);
    void heartbeat();
    void linkStateChanged();
    void lostFor(const QString &userId);
    void reportLosses();
    void lossesReported(const QByteArray &body);

    Settings m_settings;
    QByteArray m_self;
    RedisConnection m_publisher;
    RedisConnection m_subscriber;
    RedisSubscriptions m_subscriptions;
    // Users whose durable frames this node could not publish since it was last linked; all
    // local users of every node once there are too many to name.
    QSet<QString> m_lostUsers;
    bool m_lostForAll = false;
    QHash<QString, qint64> m_lastHeard; // other node -> monotonic ms
    QElapsedTimer m_clock;
    QTimer m_heartbeat;
    bool m_wasConnected = false;
    bool m_everConnected = false;
    qint64 m_published = 0;
    qint64 m_received = 0;
    qint64 m_dropped = 0;
};

} // namespace NebengJek::Server
