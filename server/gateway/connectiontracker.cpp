// SPDX-License-Identifier: MIT
#include "connectiontracker.h"

#include <algorithm>

namespace NebengJek::Server {

ConnectionTracker::ConnectionTracker(const Limits &limits, const RateLimitSpec &userRate)
    : m_limits(limits)
    , m_userRate(userRate)
{ }

QHostAddress ConnectionTracker::normalized(const QHostAddress &ip)
{
    bool isV4 = false;
    const quint32 v4 = ip.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : ip;
}

ConnectionTracker::Verdict ConnectionTracker::check(const QHostAddress &ip,
                                                    const QString &userId) const
{
    if (m_total >= m_limits.maxConnections)
        return Verdict::AtCapacity;
    if (countForIp(ip) >= m_limits.maxPerIp)
        return Verdict::IpLimit;
    if (!userId.isEmpty() && m_limits.policy == UserConnectionPolicy::LimitDevices
        && countForUser(userId) >= m_limits.maxPerUser)
        return Verdict::UserLimit;
    return Verdict::Ok;
}

void ConnectionTracker::reserve(const QHostAddress &ip)
{
    ++m_total;
    ++m_perIp[normalized(ip)];
}

void ConnectionTracker::release(const QHostAddress &ip)
{
    --m_total;
    const auto it = m_perIp.find(normalized(ip));
    if (it != m_perIp.end() && --*it <= 0)
        m_perIp.erase(it);
}

ConnectionTracker::Binding ConnectionTracker::bindUser(ConnectionId id, const QString &userId,
                                                       qint64 nowMs, QList<ConnectionId> *replaced,
                                                       UserEntry **entry)
{
    auto it = m_users.find(userId);
    if (it == m_users.end())
        it = m_users.emplace(userId, UserEntry(m_userRate, nowMs)).first;
    UserEntry &user = it->second;
    if (user.connections.size() >= m_limits.maxPerUser
        && m_limits.policy == UserConnectionPolicy::LimitDevices) {
        if (user.connections.isEmpty())
            m_users.erase(it);
        return Binding::Refused;
    }
    const auto pos = std::lower_bound(user.connections.begin(), user.connections.end(), id);
    if (pos == user.connections.begin() && user.connections.size() >= m_limits.maxPerUser) {
        return Binding::Superseded; // every slot is held by a connection that arrived later
    }
    user.connections.insert(pos, id);
    while (user.connections.size() > m_limits.maxPerUser)
        replaced->append(user.connections.takeFirst());
    *entry = &user;
    return Binding::Bound;
}

void ConnectionTracker::unbindUser(ConnectionId id, const QString &userId)
{
    const auto it = m_users.find(userId);
    if (it == m_users.end())
        return;
    it->second.connections.removeOne(id);
    if (it->second.connections.isEmpty())
        m_users.erase(it);
}

int ConnectionTracker::countForUser(const QString &userId) const
{
    const auto it = m_users.find(userId);
    return it == m_users.end() ? 0 : int(it->second.connections.size());
}

QList<ConnectionId> ConnectionTracker::connectionsOf(const QString &userId) const
{
    const auto it = m_users.find(userId);
    return it == m_users.end() ? QList<ConnectionId>() : it->second.connections;
}

} // namespace NebengJek::Server
