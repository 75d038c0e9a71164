// SPDX-License-Identifier: MIT
#include "presenceservice.h"

#include "connectionregistry.h"
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
    Presence &presence = m_users[userId];
    presence.lastSeen = QDateTime::currentMSecsSinceEpoch();
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
    if (m_connections.isConnected(userId))
        return;
    it->online = false;
    const qint64 lastSeen = it->lastSeen;
    qCDebug(lcPresence) << "offline after the grace period";
    announce(userId, Protocol::toEnvelope(Protocol::UserOffline {userId, lastSeen}).toJson());
    emit wentOffline(userId);
}

void PresenceService::announce(const QString &userId, const QByteArray &frame)
{
    for (const QString &contact : m_contacts(userId))
        m_connections.sendToUser(contact, frame);
}

} // namespace NebengJek::Server
