// SPDX-License-Identifier: MIT
#include "storage.h"

#include "chatrepository.h"
#include "eventrepository.h"
#include "idempotencyrepository.h"
#include "logging.h"
#include "migrations.h"
#include "notificationrepository.h"
#include "riderepository.h"
#include "sqlconnection.h"
#include "walcheckpointer.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>

namespace NebengJek::Server {

namespace {

// Writers wait this long for a lock held by another connection (e.g. an operator's sqlite3
// shell) before failing; longer would stall the hub's event loop.
constexpr int kSqliteBusyTimeoutMs = 5000;
constexpr int kPostgresConnectTimeoutSeconds = 5;
constexpr int kSqliteCacheKiB = 64 * 1024;
// WAL checkpoints run on their own thread (WalCheckpointer) this often: often enough that the
// WAL is usually caught up when the writer starts its next transaction (SQLite then writes
// the WAL from its start again), rarely enough that a page rewritten by many group commits is
// copied into the database file once rather than once per COMMIT.
constexpr int kCheckpointIntervalMs = 100;
// The writer's own automatic checkpoint stays as a backstop (e.g. the checkpoint thread is
// starved of CPU): at 8,192 pages (32 MiB at 4 KiB pages) instead of SQLite's 1,000, which a
// group commit of a few hundred chat messages crossed on nearly every COMMIT.
constexpr int kWriterCheckpointPages = 8192;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("nebengjek-storage-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

struct ParsedUrl
{
    SqlBackend backend = SqlBackend::Sqlite;
    QString sqlitePath;
    QUrl pgUrl;
};

std::optional<ParsedUrl> parseUrl(const QString &url, QString *error)
{
    ParsedUrl p;
    if (url == QLatin1String("sqlite::memory:") || url == QLatin1String("sqlite://:memory:")) {
        p.sqlitePath = QStringLiteral(":memory:");
        return p;
    }
    if (url.startsWith(QLatin1String("sqlite://"))) {
        p.sqlitePath = url.mid(QLatin1String("sqlite://").size());
        if (p.sqlitePath.isEmpty()) {
            *error = QStringLiteral("sqlite URL without a path");
            return std::nullopt;
        }
        return p;
    }
    if (url.startsWith(QLatin1String("sqlite:"))) {
        p.sqlitePath = url.mid(QLatin1String("sqlite:").size());
        return p;
    }
    const QUrl parsed(url);
    const QString scheme = parsed.scheme();
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        if (parsed.host().isEmpty() || parsed.path().size() < 2) {
            *error = QStringLiteral("postgresql URL needs a host and a database name");
            return std::nullopt;
        }
        p.backend = SqlBackend::Postgres;
        p.pgUrl = parsed;
        return p;
    }
    *error = QStringLiteral("unsupported storage URL scheme (use sqlite: or postgresql:)");
    return std::nullopt;
}

} // namespace

class Storage::Private
{
public:
    Private(SqlBackend backend, const QString &name)
        : connection(backend, name)
        , rides(connection)
        , chat(connection)
        , blocks(connection)
        , notifications(connection)
        , events(connection)
        , idempotency(connection)
    { }

    bool configure(QString *error);

    SqlConnection connection;
    RideRepository rides;
    ChatRepository chat;
    BlockRepository blocks;
    NotificationRepository notifications;
    EventRepository events;
    IdempotencyRepository idempotency;
    int schemaVersion = 0;
    // After the connection: destroyed (its thread joined) before the connection closes.
    std::unique_ptr<WalCheckpointer> checkpointer;
    // Group commit state (see Storage::beginGroup).
    bool grouping = false;
    bool groupOpen = false; // the group's database transaction is open
    int groupKept = 0; // transactions committed into the open group
    std::atomic<quint64> commits {0};
    std::atomic<quint64> committedTransactions {0};
};

bool Storage::Private::configure(QString *error)
{
    if (connection.backend() != SqlBackend::Sqlite)
        return true;
    // WAL: readers never block the writer. synchronous=FULL: every commit is fsynced before
    // it returns, so an acknowledged message survives kill -9 and power loss alike (NORMAL
    // would be enough for a process crash only). The hot paths (location relay, typing,
    // rooms) never write, so the fsync per command is affordable.
    const QStringList pragmas = {
            QStringLiteral("PRAGMA journal_mode=WAL"),
            QStringLiteral("PRAGMA synchronous=FULL"),
            QStringLiteral("PRAGMA busy_timeout=%1").arg(kSqliteBusyTimeoutMs),
            QStringLiteral("PRAGMA foreign_keys=ON"),
            // A group commit dirties a few pages per command (random-key indexes a leaf each):
            // a page cache larger than the 2 MiB default keeps a large group from spilling to
            // the WAL before its COMMIT and from re-reading pages. Used only as far as needed.
            QStringLiteral("PRAGMA cache_size=-%1").arg(kSqliteCacheKiB),
            QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kWriterCheckpointPages),
    };
    for (const QString &pragma : pragmas) {
        if (!connection.execute(pragma)) {
            *error = QStringLiteral("cannot apply %1").arg(pragma);
            return false;
        }
    }
    return true;
}

Storage::Storage() = default;

Storage::~Storage() = default;

std::unique_ptr<Storage> Storage::open(const QString &url, QString *error)
{
    return open(url, error, -1);
}

std::unique_ptr<Storage> Storage::open(const QString &url, QString *error, int schemaVersion)
{
    QString localError;
    if (!error)
        error = &localError;
    const std::optional<ParsedUrl> parsed = parseUrl(url, error);
    if (!parsed)
        return nullptr;

    const QString name = nextConnectionName();
    std::unique_ptr<Storage> storage(new Storage);
    if (parsed->backend == SqlBackend::Sqlite) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        storage->d = std::make_unique<Private>(SqlBackend::Sqlite, name);
        if (parsed->sqlitePath != QLatin1String(":memory:")) {
            const QFileInfo file(parsed->sqlitePath);
            if (!QDir().mkpath(file.absolutePath())) {
                *error = QStringLiteral("cannot create directory %1").arg(file.absolutePath());
                return nullptr;
            }
        }
        db.setDatabaseName(parsed->sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kSqliteBusyTimeoutMs));
    } else {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        storage->d = std::make_unique<Private>(SqlBackend::Postgres, name);
        const QUrl &u = parsed->pgUrl;
        db.setHostName(u.host());
        db.setPort(u.port(5432));
        db.setUserName(u.userName());
        db.setPassword(u.password());
        db.setDatabaseName(u.path().mid(1));
        // libpq options from the URL query (?sslmode=require&application_name=hub); values
        // are restricted to a safe alphabet because the option string is ';'-separated.
        QStringList options {
                QStringLiteral("connect_timeout=%1").arg(kPostgresConnectTimeoutSeconds)};
        const QUrlQuery query(u);
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:-]+$"));
            if (!safe.match(key).hasMatch() || !safe.match(value).hasMatch()) {
                *error = QStringLiteral("unsupported postgresql URL option %1").arg(key);
                return nullptr;
            }
            options.append(key + QLatin1Char('=') + value);
        }
        db.setConnectOptions(options.join(QLatin1Char(';')));
    }
    if (!storage->d->connection.database().isValid()) {
        *error = QStringLiteral("the Qt SQL driver for this backend is not installed");
        return nullptr;
    }
    QSqlDatabase db = storage->d->connection.database();
    if (!db.open()) {
        // The driver's text may include the host and user, never the password.
        *error = QStringLiteral("cannot open the database: %1").arg(db.lastError().text());
        return nullptr;
    }
    if (!storage->d->configure(error))
        return nullptr;
    if (!Migrations::migrate(storage->d->connection, schemaVersion, error))
        return nullptr;
    if (parsed->backend == SqlBackend::Sqlite && parsed->sqlitePath != QLatin1String(":memory:"))
        storage->d->checkpointer =
                std::make_unique<WalCheckpointer>(parsed->sqlitePath, kCheckpointIntervalMs);
    storage->d->schemaVersion = Migrations::currentVersion(storage->d->connection);
    qCInfo(lcStorage) << "storage open:"
                      << (parsed->backend == SqlBackend::Sqlite ? "sqlite" : "postgresql")
                      << "schema version" << storage->d->schemaVersion;
    return storage;
}

bool Storage::isHealthy() const
{
    return d->connection.isHealthy();
}

void Storage::flush()
{
    if (d->connection.backend() == SqlBackend::Sqlite)
        d->connection.execute(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    // PostgreSQL: a committed transaction is already durable.
}

bool Storage::probe()
{
    if (!d->connection.isHealthy() && d->connection.backend() == SqlBackend::Postgres) {
        // A dropped PostgreSQL connection does not come back by itself; prepared statements
        // belong to the old session.
        d->connection.clearStatements();
        QSqlDatabase db = d->connection.database();
        db.close();
        if (!db.open()) {
            d->connection.recordFailure(QStringLiteral("reconnect"), db.lastError());
            return false;
        }
    }
    return d->connection.execute(QStringLiteral("SELECT 1"));
}

Storage::Backend Storage::backend() const
{
    return d->connection.backend() == SqlBackend::Sqlite ? Backend::Sqlite : Backend::Postgres;
}

int Storage::schemaVersion() const
{
    return d->schemaVersion;
}

int Storage::latestSchemaVersion()
{
    return Migrations::latestVersion();
}

void Storage::beginGroup()
{
    d->grouping = true;
}

bool Storage::isGrouping() const
{
    return d->grouping;
}

bool Storage::hasPendingGroup() const
{
    return d->groupOpen;
}

bool Storage::commitGroup()
{
    d->grouping = false;
    if (!d->groupOpen)
        return true;
    d->groupOpen = false;
    const int kept = std::exchange(d->groupKept, 0);
    QSqlDatabase db = d->connection.database();
    if (kept == 0) {
        db.rollback();
        return true;
    }
    if (!db.commit()) {
        d->connection.recordFailure(QStringLiteral("group commit"), db.lastError());
        db.rollback();
        return false;
    }
    d->commits.fetch_add(1, std::memory_order_relaxed);
    d->committedTransactions.fetch_add(quint64(kept), std::memory_order_relaxed);
    return true;
}

quint64 Storage::commitCount() const
{
    return d->commits.load(std::memory_order_relaxed);
}

quint64 Storage::committedTransactionCount() const
{
    return d->committedTransactions.load(std::memory_order_relaxed);
}

RideRepository &Storage::rides()
{
    return d->rides;
}

ChatRepository &Storage::chat()
{
    return d->chat;
}

BlockRepository &Storage::blocks()
{
    return d->blocks;
}

NotificationRepository &Storage::notifications()
{
    return d->notifications;
}

EventRepository &Storage::events()
{
    return d->events;
}

IdempotencyRepository &Storage::idempotency()
{
    return d->idempotency;
}

const WalCheckpointer *Storage::walCheckpointer() const
{
    return d->checkpointer.get();
}

SqlConnection &Storage::connection()
{
    return d->connection;
}

namespace {
// One name serves every level: RELEASE and ROLLBACK TO act on the newest savepoint of a name.
const QString kSavepoint = QStringLiteral("SAVEPOINT nebengjek_command");
const QString kReleaseSavepoint = QStringLiteral("RELEASE SAVEPOINT nebengjek_command");
const QString kRollbackToSavepoint = QStringLiteral("ROLLBACK TO SAVEPOINT nebengjek_command");
} // namespace

Transaction::Transaction(Storage &storage)
    : m_storage(storage)
{
    Storage::Private &d = *storage.d;
    if (d.grouping && d.groupOpen) {
        m_savepoint = true;
        m_active = d.connection.executeRepeated(kSavepoint);
        return;
    }
    QSqlDatabase db = storage.connection().database();
    m_active = db.transaction();
    if (!m_active) {
        storage.connection().recordFailure(QStringLiteral("begin"), db.lastError());
        return;
    }
    if (d.grouping) {
        d.groupOpen = true;
        m_opensGroup = true;
    }
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    Storage::Private &d = *m_storage.d;
    if (m_savepoint) {
        if (!d.connection.executeRepeated(kReleaseSavepoint)) {
            m_active = true;
            rollback();
            return false;
        }
        ++d.groupKept;
        return true;
    }
    if (m_opensGroup) {
        // Stays open: commitGroup() commits it with whatever joins it meanwhile.
        ++d.groupKept;
        return true;
    }
    QSqlDatabase db = m_storage.connection().database();
    if (!db.commit()) {
        m_storage.connection().recordFailure(QStringLiteral("commit"), db.lastError());
        db.rollback();
        return false;
    }
    d.commits.fetch_add(1, std::memory_order_relaxed);
    d.committedTransactions.fetch_add(1, std::memory_order_relaxed);
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    Storage::Private &d = *m_storage.d;
    if (m_savepoint) {
        // ROLLBACK TO keeps the savepoint (SQLite and PostgreSQL alike); RELEASE drops it.
        d.connection.executeRepeated(kRollbackToSavepoint);
        d.connection.executeRepeated(kReleaseSavepoint);
        return;
    }
    m_storage.connection().database().rollback();
    if (m_opensGroup) {
        // Nothing else is in the group yet: it opened with this transaction.
        d.groupOpen = false;
        d.groupKept = 0;
    }
}

} // namespace NebengJek::Server
