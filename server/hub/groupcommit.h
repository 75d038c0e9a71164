// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

namespace NebengJek::Server {

class ConnectionRegistry;
class Storage;

// Group commit: the durable commands handled in one pass of the event loop share one database
// transaction and one COMMIT (one fsync on SQLite) instead of one each. The first command of a
// pass opens the group and arms a zero timer, which fires once the pass has handled whatever
// was ready; under load, what arrived while the previous commit ran is ready together, so
// groups grow with the load and an idle server adds no delay. Each command is its own savepoint
// in the group, so a failing one does not fail the others. Until the commit returns, every
// frame the hub sends is held (ConnectionRegistry::holdOutput): nothing that shows an
// uncommitted change leaves the process.
class GroupCommit : public QObject
{
    Q_OBJECT
public:
    GroupCommit(Storage &storage, ConnectionRegistry &connections, QObject *parent = nullptr);

    // Before a durable command: opens the group if none is open.
    void join();
    bool isOpen() const;
    // Commits the open group now and sends what waited for it (also what the timer does).
    // False when the commit failed: everything in the group was rolled back, and each held
    // reply became an UNAVAILABLE error.
    bool commitNow();

Q_SIGNALS:
    // A commit failed after its commands had changed in-memory state: reload it from storage.
    void groupFailed();

private:
    Storage &m_storage;
    ConnectionRegistry &m_connections;
    QTimer m_commitTimer;
};

} // namespace NebengJek::Server
