// SPDX-License-Identifier: MIT
#include "connectionregistry.h"

namespace NebengJek::Server {

void ConnectionRegistry::add(ConnectionId id, const Principal &principal, qint64 liveFromSeq)
{
    remove(id); // a reused id replaces the old entry rather than leaving a stale user mapping
    m_connections.insert(id, {principal, liveFromSeq});
    m_byUser[principal.userId].append(id);
}

std::optional<Principal> ConnectionRegistry::remove(ConnectionId id)
{
    auto it = m_connections.find(id);
    if (it == m_connections.end())
        return std::nullopt;
    const Principal principal = it->principal;
    m_connections.erase(it);
    auto userIt = m_byUser.find(principal.userId);
    if (userIt != m_byUser.end()) {
        userIt->removeAll(id);
        if (userIt->isEmpty())
            m_byUser.erase(userIt);
    }
    return principal;
}

const ConnectionRegistry::Connection *ConnectionRegistry::find(ConnectionId id) const
{
    auto it = m_connections.constFind(id);
    return it == m_connections.constEnd() ? nullptr : &*it;
}

const QList<ConnectionId> &ConnectionRegistry::connectionsOf(const QString &userId) const
{
    static const QList<ConnectionId> none;
    auto it = m_byUser.constFind(userId);
    return it == m_byUser.constEnd() ? none : *it;
}

void ConnectionRegistry::sendToUser(const QString &userId, const QByteArray &frame) const
{
    auto it = m_byUser.constFind(userId);
    if (it == m_byUser.constEnd())
        return;
    for (ConnectionId id : *it)
        m_outbox->send(id, frame);
}

} // namespace NebengJek::Server
