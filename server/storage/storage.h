// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace NebengJek::Server {

class SqlConnection;
class RideRepository;
class ChatRepository;
class BlockRepository;
class NotificationRepository;
class EventRepository;
class IdempotencyRepository;
class WalCheckpointer;

// The hub's durable state over QtSql: SQLite (embedded default) or PostgreSQL (shared,
// multi-node), chosen by URL, with versioned schema migrations.
class Storage : public QObject
{
    Q_OBJECT
public:
    enum class Backend { Sqlite, Postgres };

    // "sqlite:///var/lib/nebengjek/hub.db", "sqlite::memory:",
    // "postgresql://user:password@host:port/database[?sslmode=require&...]" (query items are
    // passed to libpq). Returns nullptr and sets *error on failure.
    static std::unique_ptr<Storage> open(const QString &url, QString *error);
    // The same, migrating only up to `schemaVersion` (tests of the migrations themselves).
    static std::unique_ptr<Storage> open(const QString &url, QString *error, int schemaVersion);
    ~Storage() override;

    bool isHealthy() const;
    // Makes everything written so far durable (WAL checkpoint on SQLite); used on shutdown.
    void flush();
    // Runs a trivial query, reconnecting first if the last operation failed; updates health.
    bool probe();

    Backend backend() const;
    int schemaVersion() const;
    static int latestSchemaVersion();

    // Group commit: from beginGroup() until commitGroup(), every Transaction joins one database
    // transaction (the first opens it, the others are savepoints in it), so the commands of one
    // event-loop pass share one COMMIT and, on SQLite, one fsync. A Transaction's commit() then
    // keeps its changes in the group; they are durable only when commitGroup() returns true.
    // Rolling a Transaction back undoes its own changes only.
    void beginGroup();
    bool isGrouping() const;
    // True when something is kept and not yet committed.
    bool hasPendingGroup() const;
    // Commits what the group kept (nothing kept: true). False: all of it is rolled back.
    bool commitGroup();

    // Database COMMITs that succeeded, and the Transactions they made durable: their ratio is
    // the mean group size. Atomic: read by the metrics endpoint from another thread.
    quint64 commitCount() const;
    quint64 committedTransactionCount() const;

    RideRepository &rides();
    ChatRepository &chat();
    BlockRepository &blocks();
    NotificationRepository &notifications();
    EventRepository &events();
    IdempotencyRepository &idempotency();
    SqlConnection &connection();
    // The thread that checkpoints the WAL (a SQLite file database only, else nullptr).
    const WalCheckpointer *walCheckpointer() const;

private:
    friend class Transaction;
    Storage();
    class Private;
    std::unique_ptr<Private> d;
};

// All or nothing: changes made through the repositories between construction and commit().
// Destroying an uncommitted transaction rolls it back, so an early return cannot leave half a
// change behind.
class Transaction
{
public:
    explicit Transaction(Storage &storage);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    void rollback();

private:
    Storage &m_storage;
    bool m_active = false;
    // In a group: a savepoint inside the group's transaction, or the transaction that opened
    // the group (its commit() leaves it open for commitGroup()).
    bool m_savepoint = false;
    bool m_opensGroup = false;
};

} // namespace NebengJek::Server
