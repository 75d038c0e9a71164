// SPDX-License-Identifier: MIT
#include "unitofwork.h"

#include "connectionregistry.h"
#include "deliverylog.h"

namespace NebengJek::Server {

UnitOfWork::UnitOfWork(Storage &storage, ConnectionRegistry &connections, DeliveryLog &delivery)
    : m_storage(storage)
    , m_connections(connections)
    , m_delivery(delivery)
    , m_transaction(storage)
{ }

UnitOfWork::~UnitOfWork()
{
    if (!m_committed)
        rollback();
}

bool UnitOfWork::deliver(const QString &userId, const Protocol::Envelope &event)
{
    return m_delivery.append(*this, userId, event);
}

void UnitOfWork::sendLive(const QString &userId, const QByteArray &frame, qint64 seq)
{
    m_frames.append({userId, frame, seq});
}

bool UnitOfWork::commit()
{
    if (!m_transaction.commit()) {
        rollback();
        return false;
    }
    m_committed = true;
    m_onRollback.clear();
    for (const auto &action : m_onCommit)
        action();
    m_onCommit.clear();
    return true;
}

void UnitOfWork::rollback()
{
    m_transaction.rollback();
    m_frames.clear();
    m_onCommit.clear();
    for (const auto &action : m_onRollback)
        action();
    m_onRollback.clear();
}

void UnitOfWork::dispatch()
{
    if (!m_committed)
        return;
    const auto frames = std::exchange(m_frames, {});
    for (const Frame &f : frames)
        m_connections.sendToUser(f.userId, f.frame, f.seq);
}

} // namespace NebengJek::Server
