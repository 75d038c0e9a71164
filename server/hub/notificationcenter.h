// SPDX-License-Identifier: MIT
#pragma once

#include "outcome.h"

#include <protocol/messages/notificationmessages.h>

namespace NebengJek::Server {

class ConnectionRegistry;
class Storage;
class UnitOfWork;

// Each user's stored notifications (match found, ride started, payment requested, ride
// completed, chat message while offline). A new one is stored in the caller's transaction and
// announced live (notification.new) to the user's connections after the commit; the stored list
// is the source of truth a client reloads after reconnecting.
class NotificationCenter
{
public:
    NotificationCenter(Storage &storage, ConnectionRegistry &connections);

    // `text`: the title/body as a key + arguments for the client's language (docs/protocol.md
    // § Texts); title and body stay the English fallback.
    bool notify(UnitOfWork &uow, const QString &userId, const QString &kind, const QString &title,
                const QString &body, const QJsonObject &data,
                const Protocol::LocalizedText &text = {});

    Outcome list(const Caller &caller, const Protocol::NotificationListRequest &request);
    Outcome unreadCount(const Caller &caller);
    Outcome markRead(const Caller &caller, UnitOfWork &uow,
                     const Protocol::NotificationMarkRead &request);
    Outcome markAllRead(const Caller &caller, UnitOfWork &uow);

private:
    Storage &m_storage;
    ConnectionRegistry &m_connections;
};

} // namespace NebengJek::Server
