// SPDX-License-Identifier: MIT
#pragma once

#include <storage/storage.h>

#include <protocol/envelope.h>

#include <functional>

namespace NebengJek::Server {

class ConnectionRegistry;
class DeliveryLog;

// One command's changes: a database transaction, the durable events it creates and the frames
// to send once it is committed. Nothing leaves the process before the commit ("durable before
// sent"), and in-memory state changes run only after it (onCommit), so a failed commit leaves
// memory and database in agreement. In a group commit (GroupCommit) the transaction is a
// savepoint: commit() keeps it in the group and runs onCommit, so later commands of the group
// see the change; the frames dispatch() sends wait in the ConnectionRegistry until the group's
// COMMIT returned, and a failed group reloads memory from storage.
class UnitOfWork
{
public:
    UnitOfWork(Storage &storage, ConnectionRegistry &connections, DeliveryLog &delivery);
    ~UnitOfWork();
    UnitOfWork(const UnitOfWork &) = delete;
    UnitOfWork &operator=(const UnitOfWork &) = delete;

    bool isActive() const { return m_transaction.isActive(); }
    Storage &storage() { return m_storage; }

    // Stores `event` in the user's delivery log (next seq) and sends it after the commit.
    bool deliver(const QString &userId, const Protocol::Envelope &event);
    // Sends a frame to every connection of the user after the commit; `seq` > 0 marks a
    // durable event.
    void sendLive(const QString &userId, const QByteArray &frame, qint64 seq = 0);

    void onCommit(std::function<void()> action) { m_onCommit.push_back(std::move(action)); }
    void onRollback(std::function<void()> action) { m_onRollback.push_back(std::move(action)); }

    // Commits and applies the onCommit actions; false (and rolled back) on failure.
    bool commit();
    void rollback();
    // Sends the queued frames, in the order they were queued. Call after commit().
    void dispatch();

private:
    Storage &m_storage;
    ConnectionRegistry &m_connections;
    DeliveryLog &m_delivery;
    Transaction m_transaction;
    bool m_committed = false;
    struct Frame
    {
        QString userId;
        QByteArray frame;
        qint64 seq = 0;
    };
    QList<Frame> m_frames;
    std::vector<std::function<void()>> m_onCommit;
    std::vector<std::function<void()>> m_onRollback;
};

} // namespace NebengJek::Server
