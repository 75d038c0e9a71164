// SPDX-License-Identifier: MIT
#include "connectionregistry.h"

namespace NebengJek::Server {

void ConnectionRegistry::add(ConnectionId id, const Principal &principal, qint64 liveFromSeq)
{
    remove(id); // a reused id replaces the old entry rather than leaving a stale user mapping
    m_connections.insert(id, {principal, liveFromSeq, liveFromSeq});
    QList<ConnectionId> &ids = m_byUser[principal.userId];
    ids.append(id);
    if (ids.size() == 1)
        m_link.userAttached(principal.userId);
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
        if (userIt->isEmpty()) {
            m_byUser.erase(userIt);
            m_link.userDetached(principal.userId);
        }
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

void ConnectionRegistry::remoteAttached(const QString &node, const QString &userId)
{
    m_remote[userId].insert(node);
}

void ConnectionRegistry::remoteDetached(const QString &node, const QString &userId)
{
    auto it = m_remote.find(userId);
    if (it == m_remote.end())
        return;
    it->remove(node);
    if (it->isEmpty())
        m_remote.erase(it);
}

QStringList ConnectionRegistry::dropNode(const QString &node)
{
    QStringList orphans;
    for (auto it = m_remote.begin(); it != m_remote.end();) {
        it->remove(node);
        if (it->isEmpty()) {
            orphans.append(it.key());
            it = m_remote.erase(it);
        } else {
            ++it;
        }
    }
    return orphans;
}

QStringList ConnectionRegistry::dropAllRemote()
{
    const QStringList users = m_remote.keys();
    m_remote.clear();
    return users;
}

void ConnectionRegistry::send(ConnectionId id, const QByteArray &frame, qint64 seq)
{
    if (m_holding) {
        m_held.push_back({Held::Kind::Connection, id, {}, frame, seq});
        return;
    }
    sendNow(id, frame, seq);
}

void ConnectionRegistry::sendReply(ConnectionId id, const QString &requestId,
                                   const QByteArray &frame)
{
    if (m_holding) {
        m_held.push_back({Held::Kind::Reply, id, requestId, frame, 0});
        return;
    }
    sendNow(id, frame, 0);
}

void ConnectionRegistry::sendToUser(const QString &userId, const QByteArray &frame, qint64 seq)
{
    if (m_holding) {
        m_held.push_back({Held::Kind::User, 0, userId, frame, seq});
        return;
    }
    deliverNow(userId, frame, seq);
    m_link.sendToUser(userId, seq, frame);
}

void ConnectionRegistry::broadcastStateNotice(const QByteArray &notice)
{
    if (m_holding) {
        m_held.push_back({Held::Kind::Notice, 0, {}, notice, 0});
        return;
    }
    m_link.broadcast(notice);
}

void ConnectionRegistry::deliverLocally(const QString &userId, const QByteArray &frame, qint64 seq)
{
    deliverNow(userId, frame, seq);
}

void ConnectionRegistry::releaseOutput()
{
    m_holding = false;
    // Sending never re-enters the hub, but take the list first all the same.
    const std::vector<Held> held = std::exchange(m_held, {});
    for (const Held &h : held) {
        switch (h.kind) {
        case Held::Kind::Connection:
        case Held::Kind::Reply:
            sendNow(h.connection, h.frame, h.seq);
            break;
        case Held::Kind::User:
            deliverNow(h.key, h.frame, h.seq);
            m_link.sendToUser(h.key, h.seq, h.frame);
            break;
        case Held::Kind::Notice:
            m_link.broadcast(h.frame);
            break;
        }
    }
}

void ConnectionRegistry::failHeldOutput(
        const std::function<QByteArray(const QString &requestId)> &errorFor)
{
    m_holding = false;
    const std::vector<Held> held = std::exchange(m_held, {});
    for (const Held &h : held) {
        if (h.kind == Held::Kind::Reply && !h.key.isEmpty())
            sendNow(h.connection, errorFor(h.key), 0);
    }
}

void ConnectionRegistry::sendNow(ConnectionId id, const QByteArray &frame, qint64 seq)
{
    if (seq > 0) {
        if (auto it = m_connections.find(id); it != m_connections.end())
            it->sentSeq = qMax(it->sentSeq, seq);
    }
    if (m_outbox)
        m_outbox->send(id, frame);
}

void ConnectionRegistry::deliverNow(const QString &userId, const QByteArray &frame, qint64 seq)
{
    auto it = m_byUser.constFind(userId);
    if (it == m_byUser.constEnd())
        return;
    const QList<ConnectionId> ids = *it; // sending may not change the registry, but be safe
    for (ConnectionId id : ids)
        sendNow(id, frame, seq);
}

} // namespace NebengJek::Server
