// SPDX-License-Identifier: MIT
#pragma once

#include "hubconfig.h"
#include "outcome.h"

#include <QHash>

namespace NebengJek::Server {

class ConnectionRegistry;
class Storage;
class UnitOfWork;

// Loss-free delivery: every durable event for a user gets the user's next sequence number and
// is stored (in the caller's transaction) before it is sent. A reconnecting client sends
// `resume {last_seq}` and gets what it missed, then `resume.done`; a gap older than the
// retention window gets `resync_required` first.
class DeliveryLog
{
public:
    DeliveryLog(Storage &storage, ConnectionRegistry &connections, const HubConfig &config);

    // Assigns the next seq, stores the event and queues it on `uow` for all the user's
    // connections. False when storage failed (the unit of work must be rolled back).
    bool append(UnitOfWork &uow, const QString &userId, Protocol::Envelope event);
    // The user's newest seq (0: none yet); nullopt when storage failed.
    std::optional<qint64> latestSeq(const QString &userId);
    // Replays on the caller's connection what it missed after `lastSeq`, up to the point from
    // which the connection receives events live; the returned outcome is the resume.done reply.
    Outcome resume(const Caller &caller, qint64 lastSeq, qint64 liveFromSeq);
    // Sends the connection the events it has not been sent (the cluster link was down, so
    // live events from other nodes may be missing); returns how many.
    int catchUp(ConnectionId connection);

private:
    Storage &m_storage;
    ConnectionRegistry &m_connections;
    const HubConfig &m_config;
};

} // namespace NebengJek::Server
