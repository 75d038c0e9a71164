// SPDX-License-Identifier: MIT
#pragma once

#include "ratelimiter.h"

#include <config/serverconfig.h>
#include <hub/hub.h>

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <unordered_map>

namespace NebengJek::Server {

// Who holds which connection slot: the global count, per client IP and per user, and the
// per-user policy (N devices, or newest replaces oldest). A slot is taken at admission (before
// the WebSocket handshake completes) so concurrent upgrades cannot overshoot the limits.
class ConnectionTracker
{
public:
    struct Limits
    {
        int maxConnections = 10000;
        int maxPerIp = 200;
        int maxPerUser = 3;
        UserConnectionPolicy policy = UserConnectionPolicy::NewestReplacesOldest;
    };

    enum class Verdict { Ok, AtCapacity, IpLimit, UserLimit };
    // Bound: holds a user slot. Refused: LimitDevices and the user is at the limit. Superseded:
    // NewestReplacesOldest and newer connections of the user fill every slot (it arrived first
    // but authenticated last): it is the one replaced.
    enum class Binding { Bound, Refused, Superseded };

    // State shared by all connections of one user.
    struct UserEntry
    {
        explicit UserEntry(const RateLimitSpec &spec, qint64 nowMs)
            : bucket(spec, nowMs)
        { }
        QList<ConnectionId> connections; // oldest (lowest id = earliest arrival) first
        TokenBucket bucket;
    };

    ConnectionTracker(const Limits &limits, const RateLimitSpec &userRate);

    // May a new connection from `ip` (for `userId`, if already known) be admitted?
    Verdict check(const QHostAddress &ip, const QString &userId = {}) const;
    void reserve(const QHostAddress &ip);
    void release(const QHostAddress &ip);

    // Binds an admitted connection to its authenticated user. Ids grow with arrival, so "oldest"
    // is by arrival, not by when authentication finished. Under NewestReplacesOldest the oldest
    // connections over the limit are unbound and returned in *replaced, for the caller to close.
    Binding bindUser(ConnectionId id, const QString &userId, qint64 nowMs,
                     QList<ConnectionId> *replaced, UserEntry **entry);
    void unbindUser(ConnectionId id, const QString &userId);

    int total() const { return m_total; }
    int countForIp(const QHostAddress &ip) const { return m_perIp.value(normalized(ip)); }
    int countForUser(const QString &userId) const;
    QList<ConnectionId> connectionsOf(const QString &userId) const;
    const Limits &limits() const { return m_limits; }

    // IPv4-mapped IPv6 addresses count as the IPv4 address.
    static QHostAddress normalized(const QHostAddress &ip);

private:
    Limits m_limits;
    RateLimitSpec m_userRate;
    int m_total = 0;
    QHash<QHostAddress, int> m_perIp;
    std::unordered_map<QString, UserEntry> m_users; // node-based: UserEntry pointers stay valid
};

} // namespace NebengJek::Server
