// SPDX-License-Identifier: MIT
#include "redissubscriptions.h"

#include "redisconnection.h"

#include <utility>

namespace NebengJek::Server {

RedisSubscriptions::RedisSubscriptions(RedisConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(&m_connection, &RedisConnection::connected, this, &RedisSubscriptions::subscribeAll);
    connect(&m_connection, &RedisConnection::disconnected, this,
            &RedisSubscriptions::connectionLost);
    connect(&m_connection, &RedisConnection::subscribed, this, &RedisSubscriptions::confirmed);
    connect(&m_connection, &RedisConnection::unsubscribed, this, &RedisSubscriptions::released);
}

void RedisSubscriptions::add(const QByteArray &channel)
{
    if (m_wanted[channel]++ > 0)
        return;
    if (!m_unsubscribing.contains(channel))
        request(channel); // else: again once Redis has answered the UNSUBSCRIBE (released)
}

void RedisSubscriptions::remove(const QByteArray &channel)
{
    auto it = m_wanted.find(channel);
    if (it == m_wanted.end() || --*it > 0)
        return;
    m_wanted.erase(it);
    const bool wasPending = m_pending.remove(channel);
    // Already unsubscribing (it was re-added and removed again before Redis answered): the
    // answer to come says the same.
    if (!m_unsubscribing.contains(channel) && m_connection.isConnected()
        && m_connection.unsubscribe(channel))
        m_unsubscribing.insert(channel);
    if (wasPending)
        settle();
}

void RedisSubscriptions::request(const QByteArray &channel)
{
    // Not connected: subscribeAll() asks for it on the next connect.
    if (m_connection.isConnected() && m_connection.subscribe(channel))
        m_pending.insert(channel);
}

void RedisSubscriptions::subscribeAll()
{
    // A new connection: Redis knows none of our channels, hiredis none of our callbacks.
    m_pending.clear();
    m_unsubscribing.clear();
    if (std::exchange(m_ready, false))
        Q_EMIT readyChanged(false);
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it)
        request(it.key());
    settle();
}

void RedisSubscriptions::connectionLost()
{
    m_pending.clear();
    m_unsubscribing.clear();
    if (std::exchange(m_ready, false))
        Q_EMIT readyChanged(false);
}

void RedisSubscriptions::confirmed(const QByteArray &channel)
{
    if (!m_pending.remove(channel))
        return; // removed meanwhile: its UNSUBSCRIBE follows
    if (m_ready)
        Q_EMIT becameLive(channel);
    else
        settle();
}

void RedisSubscriptions::released(const QByteArray &channel)
{
    if (m_unsubscribing.remove(channel) && m_wanted.contains(channel))
        request(channel);
}

void RedisSubscriptions::settle()
{
    if (m_ready || !m_pending.isEmpty() || !m_connection.isConnected())
        return;
    m_ready = true;
    Q_EMIT readyChanged(true);
}

} // namespace NebengJek::Server
