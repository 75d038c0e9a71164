// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayList>
#include <QHash>
#include <QObject>
#include <QSet>

namespace NebengJek::Server {

class RedisConnection;

// The channels one subscriber connection should receive, and which of them Redis has
// confirmed. A SUBSCRIBE is only written when the connection is up and is live only once Redis
// answers it; until then a publish on the channel is not delivered here. So:
//  - after each (re)connect every wanted channel is subscribed again, and the connection is
//    ready only when Redis has confirmed all of them (the owner catches up from the log then,
//    and nothing published before that moment is missed by both the replay and the live feed);
//  - a channel added later becomes live on its own confirmation (becameLive);
//  - a channel whose UNSUBSCRIBE is still unanswered is subscribed again only after that
//    answer, so each channel has at most one request in flight and each answer is
//    unambiguous.
class RedisSubscriptions : public QObject
{
    Q_OBJECT
public:
    explicit RedisSubscriptions(RedisConnection &connection, QObject *parent = nullptr);

    // One more / one less local reason to receive the channel.
    void add(const QByteArray &channel);
    void remove(const QByteArray &channel);

    bool isReady() const { return m_ready; }
    QByteArrayList channels() const { return m_wanted.keys(); }
    // Sent and not confirmed yet (for tests and diagnostics).
    int pendingCount() const { return int(m_pending.size()); }

Q_SIGNALS:
    void readyChanged(bool ready);
    // A channel added while ready is now live: messages published on it before were missed.
    void becameLive(const QByteArray &channel);

private:
    void request(const QByteArray &channel);
    void subscribeAll();
    void connectionLost();
    void confirmed(const QByteArray &channel);
    void released(const QByteArray &channel);
    void settle();

    RedisConnection &m_connection;
    QHash<QByteArray, int> m_wanted; // channel -> local reasons to receive it
    QSet<QByteArray> m_pending; // SUBSCRIBE sent on this connection, not confirmed yet
    QSet<QByteArray> m_unsubscribing; // UNSUBSCRIBE sent on this connection, not confirmed yet
    bool m_ready = false;
};

} // namespace NebengJek::Server
