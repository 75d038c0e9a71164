// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"
#include "hubconfig.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace NebengJek::Server {

class ConnectionRegistry;

// Online/offline for people with a reason to know (their ride or chat partners). A user is
// online while any of their connections is open; they go offline only when the last one has
// stayed closed for presenceGraceMs, so a reconnect (network switch, app restart) is invisible.
// In a cluster, connections on other nodes count too: the node where the user's last
// connection closed runs the grace period and announces the offline.
class PresenceService : public QObject
{
    Q_OBJECT
public:
    // Everyone allowed to see `userId`'s presence (ride/chat partners, minus blocks).
    using ContactsProvider = std::function<QStringList(const QString &userId)>;

    PresenceService(const HubConfig &config, ConnectionRegistry &connections,
                    ContactsProvider contacts, QObject *parent = nullptr);

    // Call after the registry knows the connection: announces the user if they were offline
    // and sends the new connection its status.bulk.
    void connectionOpened(ConnectionId connection, const QString &userId);
    // Call after the registry forgot the connection.
    void connectionClosed(const QString &userId);

    bool isOnline(const QString &userId) const;
    qint64 lastSeen(const QString &userId) const;

    // What other nodes say (cluster): `node` holds a first / no longer any connection of the
    // user; the user went offline there after the grace period; a node died with its users.
    void remoteOnline(const QString &node, const QString &userId);
    void remoteOffline(const QString &node, const QString &userId);
    void remoteGone(const QString &userId, qint64 lastSeen);
    void nodeLost(const QString &node);
    // The link to the other nodes was down: what they said may be stale. Their users go
    // offline after the grace period unless a node re-announces them meanwhile.
    void forgetRemote();

signals:
    void wentOffline(const QString &userId);

private:
    struct Presence
    {
        bool online = false;
        qint64 lastSeen = 0;
        QTimer *grace = nullptr;
    };
    void graceExpired(const QString &userId);
    void startGrace(const QString &userId);
    void announce(const QString &userId, const QByteArray &frame);
    bool isConnectedAnywhere(const QString &userId) const;

    const HubConfig &m_config;
    ConnectionRegistry &m_connections;
    ContactsProvider m_contacts;
    QHash<QString, Presence> m_users;
};

} // namespace NebengJek::Server
