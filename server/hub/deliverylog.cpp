// SPDX-License-Identifier: MIT
#include "deliverylog.h"

#include "connectionregistry.h"
#include "logging.h"
#include "unitofwork.h"

#include <protocol/messages/deliverymessages.h>
#include <storage/eventrepository.h>
#include <storage/storage.h>

namespace NebengJek::Server {

DeliveryLog::DeliveryLog(Storage &storage, ConnectionRegistry &connections, const HubConfig &config)
    : m_storage(storage)
    , m_connections(connections)
    , m_config(config)
{ }

std::optional<qint64> DeliveryLog::latestSeq(const QString &userId)
{
    const StorageResult<qint64> stored = m_storage.events().latestSeq(userId);
    if (!stored.ok)
        return std::nullopt;
    return stored.value;
}

bool DeliveryLog::append(UnitOfWork &uow, const QString &userId, Protocol::Envelope event)
{
    // The counter lives in the database, in this transaction: several nodes never hand out the
    // same number, and a rollback gives it back.
    const StorageResult<qint64> seq = m_storage.events().allocateSeq(userId);
    if (!seq.ok)
        return false;
    event.seq = seq.value;
    const QByteArray frame = event.toJson();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_storage.events().insert(userId, event.seq, int(event.type), frame, now))
        return false;
    const qint64 retained = qMax(1, m_config.retainedEventsPerUser);
    if (event.seq > retained && !m_storage.events().pruneUpTo(userId, event.seq - retained))
        return false;
    uow.sendLive(userId, frame, event.seq);
    qCDebug(lcDelivery) << "stored" << Protocol::messageTypeName(event.type) << "seq" << event.seq;
    return true;
}

Outcome DeliveryLog::resume(const Caller &caller, qint64 lastSeq, qint64 liveFromSeq)
{
    const std::optional<qint64> latest = latestSeq(caller.userId);
    const StorageResult<qint64> oldest = m_storage.events().oldestSeq(caller.userId);
    if (!latest || !oldest.ok)
        return Outcome::storageFailure();

    Protocol::ResumeDone done;
    done.toSeq = *latest;
    if (lastSeq > *latest) {
        // The client has seen more than this server holds (a restored database, another
        // deployment): its state cannot be patched by replaying, it must reload.
        qCInfo(lcDelivery) << "resume ahead of the log:" << lastSeq << ">" << *latest;
        m_connections.send(
                caller.connection,
                Protocol::toEnvelope(Protocol::ResyncRequired {oldest.value, *latest}).toJson());
        return Outcome::result(done);
    }
    if (oldest.value > 0 && lastSeq + 1 < oldest.value) {
        qCInfo(lcDelivery) << "resume gap beyond retention:" << lastSeq << "oldest" << oldest.value;
        m_connections.send(
                caller.connection,
                Protocol::toEnvelope(Protocol::ResyncRequired {oldest.value, *latest}).toJson());
    }
    // Events after liveFromSeq were sent live on this connection already. Not so in a
    // cluster: a live event from another node may have been lost (Redis pub/sub is
    // at-most-once, and a subscription starts after the connection), so everything up to the
    // newest is replayed and the client drops what it has by seq.
    const qint64 upTo = m_connections.isClustered() ? *latest : qMin(*latest, liveFromSeq);
    if (upTo > lastSeq) {
        const StorageResult<QList<EventRecord>> missed =
                m_storage.events().range(caller.userId, lastSeq, upTo);
        if (!missed.ok)
            return Outcome::storageFailure();
        for (const EventRecord &event : missed.value)
            m_connections.send(caller.connection, event.frame, event.seq);
        if (!missed.value.isEmpty()) {
            done.fromSeq = missed.value.constFirst().seq;
            done.replayed = int(missed.value.size());
        }
    }
    qCDebug(lcDelivery) << "resume replayed" << done.replayed << "events up to" << upTo;
    return Outcome::result(done);
}

int DeliveryLog::catchUp(ConnectionId connection)
{
    const ConnectionRegistry::Connection *info = m_connections.find(connection);
    if (!info)
        return 0;
    const QString userId = info->principal.userId;
    const qint64 sent = info->sentSeq;
    const std::optional<qint64> latest = latestSeq(userId);
    if (!latest || *latest <= sent)
        return 0;
    const StorageResult<QList<EventRecord>> missed =
            m_storage.events().range(userId, sent, *latest);
    if (!missed.ok)
        return 0;
    for (const EventRecord &event : missed.value)
        m_connections.send(connection, event.frame, event.seq);
    return int(missed.value.size());
}

} // namespace NebengJek::Server
