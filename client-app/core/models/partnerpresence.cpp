// SPDX-License-Identifier: MIT
#include "partnerpresence.h"

#include <protocol/messages/presencemessages.h>

namespace NebengJek::Client {

using namespace Protocol;

PartnerPresence::PartnerPresence(QObject *parent)
    : QObject(parent)
{ }

bool PartnerPresence::partnerOnline() const
{
    return m_connected && !m_partnerId.isEmpty() && m_online.value(m_partnerId, false);
}

template<typename F> void PartnerPresence::update(F change)
{
    const bool before = partnerOnline();
    change();
    if (before != partnerOnline())
        Q_EMIT partnerOnlineChanged();
}

void PartnerPresence::setPartner(const QString &userId)
{
    update([&] { m_partnerId = userId; });
}

void PartnerPresence::setConnected(bool connected)
{
    update([&] { m_connected = connected; });
}

void PartnerPresence::set(const QString &userId, bool online)
{
    if (userId.isEmpty())
        return;
    update([&] { m_online.insert(userId, online); });
}

void PartnerPresence::markActive(const QString &userId)
{
    set(userId, true);
}

void PartnerPresence::assumeOnline(const QString &userId)
{
    if (!m_online.contains(userId))
        set(userId, true);
}

void PartnerPresence::handle(const Envelope &envelope)
{
    switch (envelope.type) {
    case MessageType::Typing: {
        // Typing is live only, never replayed: the sender is online now.
        const QString sender = envelope.payload.value(QStringLiteral("user_id")).toString();
        if (!sender.isEmpty() && sender == m_partnerId)
            set(sender, true);
        break;
    }
    case MessageType::UserOnline: {
        const auto u = decode<UserOnline>(envelope.payload);
        if (u.ok())
            set(u->userId, true);
        break;
    }
    case MessageType::UserOffline: {
        const auto u = decode<UserOffline>(envelope.payload);
        if (u.ok())
            set(u->userId, false);
        break;
    }
    case MessageType::StatusBulk: {
        const auto b = decode<StatusBulk>(envelope.payload);
        if (!b.ok())
            return;
        update([&] {
            for (const PresenceEntry &e : b->users)
                m_online.insert(e.userId, e.online);
        });
        break;
    }
    default:
        break;
    }
}

void PartnerPresence::clear()
{
    update([&] {
        m_online.clear();
        m_partnerId.clear();
    });
}

} // namespace NebengJek::Client
