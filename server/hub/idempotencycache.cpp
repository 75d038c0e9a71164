// SPDX-License-Identifier: MIT
#include "idempotencycache.h"

#include "logging.h"
#include "unitofwork.h"

#include <storage/idempotencyrepository.h>
#include <storage/storage.h>

#include <QDateTime>

namespace NebengJek::Server {

namespace {
// Pruning is a DELETE; doing it every few inserts keeps the table within the window plus a
// small slack without a second statement on every command.
constexpr int kPruneEvery = 16;
} // namespace

IdempotencyCache::IdempotencyCache(Storage &storage, const HubConfig &config)
    : m_storage(storage)
    , m_config(config)
{ }

bool IdempotencyCache::appliesTo(Protocol::MessageType type)
{
    using T = Protocol::MessageType;
    switch (type) {
    case T::FinderUpdate:
    case T::MatchConfirm:
    case T::RideStart:
    case T::RideArrived:
    case T::PaymentProcess:
    case T::RideCancel:
    case T::RideRate:
    case T::LocationBatch:
    case T::RideAtPickup:
    case T::MessageSend:
    case T::MessageRead:
    case T::UserBlock:
    case T::UserUnblock:
    case T::NotificationMarkRead:
    case T::NotificationMarkAllRead:
        return true;
    default:
        return false;
    }
}

IdempotencyCache::Lookup IdempotencyCache::lookup(const QString &userId, const QString &requestId,
                                                  Protocol::MessageType type)
{
    const auto found = m_storage.idempotency().find(userId, requestId);
    if (!found.ok)
        return {Status::StorageFailed, {}};
    if (!found.value)
        return {Status::New, {}};
    if (found.value->type != int(type))
        return {Status::Reused, {}};
    // Debug: an overloaded run retries tens of thousands of requests, one line each.
    qCDebug(lcDelivery) << "retried request answered from the idempotency store:"
                        << Protocol::messageTypeName(type);
    return {Status::Replay, found.value->reply};
}

bool IdempotencyCache::remember(UnitOfWork &uow, const QString &userId, const QString &requestId,
                                Protocol::MessageType type, const QByteArray &reply)
{
    if (!m_storage.idempotency().insert(userId, {requestId, int(type), reply},
                                        QDateTime::currentMSecsSinceEpoch()))
        return false;
    int &count = m_insertsSincePrune[userId];
    if (++count >= kPruneEvery) {
        if (!m_storage.idempotency().prune(userId, qMax(1, m_config.idempotencyWindow)))
            return false;
        uow.onRollback([this, userId] { m_insertsSincePrune.remove(userId); });
        count = 0;
    }
    return true;
}

} // namespace NebengJek::Server
