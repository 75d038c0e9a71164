// SPDX-License-Identifier: MIT
#pragma once

#include "hubconfig.h"

#include <protocol/messagetype.h>
#include <storage/records.h>

#include <QHash>

namespace NebengJek::Server {

class Storage;
class UnitOfWork;

// Exactly-once application of retried requests. A client retries with the same envelope id
// after a timeout or a reconnect; the first attempt's answer is stored in the same transaction
// as its effects, so after a crash either both exist (the retry gets the stored answer) or
// neither (the retry is applied as new).
class IdempotencyCache
{
public:
    IdempotencyCache(Storage &storage, const HubConfig &config);

    // Commands with effects worth protecting. Ephemeral messages (location, typing, rooms),
    // reads and the naturally idempotent beacon are not recorded: that would put a database
    // write on their path for nothing.
    static bool appliesTo(Protocol::MessageType type);

    enum class Status { New, Replay, Reused, StorageFailed };
    struct Lookup
    {
        Status status = Status::New;
        QByteArray reply; // with Replay
    };
    // Reused: the id was used before for a different message type.
    Lookup lookup(const QString &userId, const QString &requestId, Protocol::MessageType type);
    bool remember(UnitOfWork &uow, const QString &userId, const QString &requestId,
                  Protocol::MessageType type, const QByteArray &reply);

private:
    Storage &m_storage;
    const HubConfig &m_config;
    QHash<QString, int> m_insertsSincePrune;
};

} // namespace NebengJek::Server
