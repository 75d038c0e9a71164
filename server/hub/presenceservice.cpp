// SPDX-License-Identifier: MIT
#include "presenceservice.h"

#include "connectionregistry.h"
#include "hubnotice.h"
#include "logging.h"

#include <protocol/messages/presencemessages.h>

#include <QDateTime>

namespace NebengJek::Server {

PresenceService::PresenceService(const HubConfig &config, ConnectionRegistry &connections,
                                 ContactsProvider contacts, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_connections(connections)
    , m_contacts(std::move(contacts))
{ }

bool PresenceService::isOnline(const QString &userId) const
{
    return m_users.value(userId).online;
}

qint64 PresenceService::lastSeen(const QString &userId) const
{
    return m_users.value(userId).lastSeen;
}

void PresenceService::connectionOpened(ConnectionId connection, const QString &userId)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Presence &presence = m_users[userId];
    if (presence.grace) {
        // Back within the grace period: the partners never saw them leave.
        presence.grace->stop();
        presence.grace->deleteLater();
        presence.grace = nullptr;
    }
    const QStringList contacts = m_contacts(userId);
    if (!presence.online) {
        presence.online = true;
        presence.lastSeen = now;
        qCDebug(lcPresence) << "online; telling" << contacts.size() << "contacts";
        announce(userId, Protocol::toEnvelope(Protocol::UserOnline {userId, now}).toJson());
    }
    Protocol::StatusBulk bulk;
    for (const QString &contact : contacts) {
        const Presence p = m_users.value(contact);
        bulk.users.append({contact, p.online, p.online ? now : p.lastSeen});
    }
    m_connections.send(connection, Protocol::toEnvelope(bulk).toJson());
}

void PresenceService::connectionClosed(const QString &userId)
{
    if (m_connections.isConnected(userId))
        return; // another device is still there
    m_users[userId].lastSeen = QDateTime::currentMSecsSinceEpoch();
    if (!isConnectedAnywhere(userId))
        startGrace(userId);
}

bool PresenceService::isConnectedAnywhere(const QString &userId) const
{
    return m_connections.isReachable(userId);
}

void PresenceService::startGrace(const QString &userId)
{
    Presence &presence = m_users[userId];
    if (presence.grace || !presence.online)
        return;
    presence.grace = new QTimer(this);
    presence.grace->setSingleShot(true);
    connect(presence.grace, &QTimer::timeout, this, [this, userId] { graceExpired(userId); });
    presence.grace->start(qMax(0, m_config.presenceGraceMs));
}

void PresenceService::graceExpired(const QString &userId)
{
    auto it = m_users.find(userId);
    if (it == m_users.end())
        return;
    if (it->grace) {
        it->grace->deleteLater();
        it->grace = nullptr;
    }
    if (isConnectedAnywhere(userId))
        return;
    it->online = false;
    const qint64 lastSeen = it->lastSeen;
    qCDebug(lcPresence) << "offline after the grace period";
    announce(userId, Protocol::toEnvelope(Protocol::UserOffline {userId, lastSeen}).toJson());
    m_connections.link().broadcast(HubNotice::make(
            HubNotice::kGone, {{QStringLiteral("u"), userId}, {QStringLiteral("at"), lastSeen}}));
    emit wentOffline(userId);
}

void PresenceService::remoteOnline(const QString &node, const QString &userId)
{
    m_connections.remoteAttached(node, userId);
    Presence &presence = m_users[userId];
    if (presence.grace) {
        // Back within the grace period, on another node.
        presence.grace->stop();
        presence.grace->deleteLater();
        presence.grace = nullptr;
    }
    // The node where they arrived announced it if they were offline.
    if (!presence.online) {
        presence.online = true;
        presence.lastSeen = QDateTime::currentMSecsSinceEpoch();
    }
}

void PresenceService::remoteOffline(const QString &node, const QString &userId)
{
    m_connections.remoteDetached(node, userId);
    m_users[userId].lastSeen = QDateTime::currentMSecsSinceEpoch();
}

void PresenceService::remoteGone(const QString &userId, qint64 lastSeen)
{
    if (isConnectedAnywhere(userId))
        return;
    Presence &presence = m_users[userId];
    presence.online = false;
    presence.lastSeen = lastSeen;
    emit wentOffline(userId);
}

void PresenceService::forgetRemote()
{
    for (const QString &userId : m_connections.dropAllRemote()) {
        if (!m_connections.isConnected(userId))
            startGrace(userId);
    }
}

void PresenceService::nodeLost(const QString &node)
{
    // Its users are offline unless they are elsewhere; every node that notices runs the grace
    // period for them (partners may hear the offline more than once, but never miss it).
    const QStringList orphans = m_connections.dropNode(node);
    for (const QString &userId : orphans) {
        if (!m_connections.isConnected(userId))
            startGrace(userId);
    }
}

void PresenceService::announce(const QString &userId, const QByteArray &frame)
{
    for (const QString &contact : m_contacts(userId))
        m_connections.sendToUser(contact, frame);
}

} // namespace NebengJek::Server
