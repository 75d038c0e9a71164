// SPDX-License-Identifier: MIT
#include "migrations.h"

#include "logging.h"
#include "sqlconnection.h"

#include <QDateTime>
#include <QSqlError>

namespace NebengJek::Server {

namespace {

// Any constant works; it only has to be the same for every node migrating the same database.
constexpr qint64 kMigrationLockKey = 0x4e4a4855; // "NJHU"

const QString kCreateVersionTable = QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                                   " version INTEGER PRIMARY KEY,"
                                                   " description TEXT NOT NULL,"
                                                   " applied_at {{int64}} NOT NULL)");

QList<Migration> buildMigrations()
{
    QList<Migration> list;
    list.append(
            {1,
             QStringLiteral("rides and matches"),
             {QStringLiteral("CREATE TABLE rides ("
                             " match_id TEXT PRIMARY KEY,"
                             " ride_id TEXT UNIQUE,"
                             " passenger_id TEXT NOT NULL,"
                             " driver_id TEXT NOT NULL DEFAULT '',"
                             " state TEXT NOT NULL,"
                             " pickup_lat {{real}} NOT NULL,"
                             " pickup_lng {{real}} NOT NULL,"
                             " destination_lat {{real}} NOT NULL,"
                             " destination_lng {{real}} NOT NULL,"
                             " past_candidates TEXT NOT NULL DEFAULT '',"
                             " proposal_expires_at {{int64}} NOT NULL DEFAULT 0,"
                             " distance_m {{real}} NOT NULL DEFAULT 0,"
                             " fare {{int64}} NOT NULL DEFAULT 0,"
                             " created_at {{int64}} NOT NULL,"
                             " updated_at {{int64}} NOT NULL,"
                             " accepted_at {{int64}} NOT NULL DEFAULT 0,"
                             " started_at {{int64}} NOT NULL DEFAULT 0,"
                             " arrived_at {{int64}} NOT NULL DEFAULT 0,"
                             " completed_at {{int64}} NOT NULL DEFAULT 0)"),
              QStringLiteral("CREATE INDEX rides_state ON rides (state)"),
              QStringLiteral("CREATE INDEX rides_passenger ON rides (passenger_id, updated_at)"),
              QStringLiteral("CREATE INDEX rides_driver ON rides (driver_id, updated_at)")}});
    list.append({2,
                 QStringLiteral("chat messages and blocks"),
                 {QStringLiteral("CREATE TABLE chat_messages ("
                                 " position {{autoid}},"
                                 " message_id TEXT NOT NULL UNIQUE,"
                                 " match_id TEXT NOT NULL,"
                                 " sender_id TEXT NOT NULL,"
                                 " recipient_id TEXT NOT NULL,"
                                 " body TEXT NOT NULL,"
                                 " sent_at {{int64}} NOT NULL,"
                                 " read_at {{int64}} NOT NULL DEFAULT 0,"
                                 " withheld INTEGER NOT NULL DEFAULT 0)"),
                  QStringLiteral("CREATE INDEX chat_messages_conversation"
                                 " ON chat_messages (match_id, recipient_id, read_at, position)"),
                  QStringLiteral("CREATE TABLE blocks ("
                                 " blocker_id TEXT NOT NULL,"
                                 " blocked_id TEXT NOT NULL,"
                                 " created_at {{int64}} NOT NULL,"
                                 " PRIMARY KEY (blocker_id, blocked_id))"),
                  QStringLiteral("CREATE INDEX blocks_blocked ON blocks (blocked_id)")}});
    list.append({3,
                 QStringLiteral("notifications"),
                 {QStringLiteral("CREATE TABLE notifications ("
                                 " id {{autoid}},"
                                 " user_id TEXT NOT NULL,"
                                 " kind TEXT NOT NULL,"
                                 " title TEXT NOT NULL,"
                                 " body TEXT NOT NULL,"
                                 " data {{blob}} NOT NULL,"
                                 " created_at {{int64}} NOT NULL,"
                                 " is_read INTEGER NOT NULL DEFAULT 0)"),
                  QStringLiteral("CREATE INDEX notifications_user ON notifications (user_id, id)"),
                  QStringLiteral("CREATE INDEX notifications_unread"
                                 " ON notifications (user_id, is_read)")}});
    list.append({4,
                 QStringLiteral("per-user delivery log and idempotency keys"),
                 {QStringLiteral("CREATE TABLE delivery_events ("
                                 " user_id TEXT NOT NULL,"
                                 " seq {{int64}} NOT NULL,"
                                 " type INTEGER NOT NULL,"
                                 " frame {{blob}} NOT NULL,"
                                 " created_at {{int64}} NOT NULL,"
                                 " PRIMARY KEY (user_id, seq))"),
                  QStringLiteral("CREATE TABLE idempotency_keys ("
                                 " id {{autoid}},"
                                 " user_id TEXT NOT NULL,"
                                 " request_id TEXT NOT NULL,"
                                 " type INTEGER NOT NULL,"
                                 " reply {{blob}} NOT NULL,"
                                 " created_at {{int64}} NOT NULL,"
                                 " UNIQUE (user_id, request_id))")}});
    list.append({5,
                 QStringLiteral("last driver position of a ride, for distance after a restart"),
                 {QStringLiteral("ALTER TABLE rides ADD COLUMN last_lat {{real}}"),
                  QStringLiteral("ALTER TABLE rides ADD COLUMN last_lng {{real}}")}});
    list.append({6,
                 QStringLiteral("shared state for several nodes: per-user seq counters and"
                                " ride versions for compare-and-set"),
                 {QStringLiteral("CREATE TABLE user_seq ("
                                 " user_id TEXT PRIMARY KEY,"
                                 " seq {{int64}} NOT NULL)"),
                  QStringLiteral("INSERT INTO user_seq (user_id, seq)"
                                 " SELECT user_id, MAX(seq) FROM delivery_events GROUP BY user_id"),
                  QStringLiteral("ALTER TABLE rides ADD COLUMN version {{int64}} NOT NULL"
                                 " DEFAULT 1")}});
    list.append({7,
                 QStringLiteral("profiles (names and vehicles from token claims), ratings, and"
                                " localizable notification texts"),
                 {QStringLiteral("CREATE TABLE profiles ("
                                 " user_id TEXT PRIMARY KEY,"
                                 " name TEXT NOT NULL DEFAULT '',"
                                 " vehicle TEXT NOT NULL DEFAULT '',"
                                 " plate TEXT NOT NULL DEFAULT '',"
                                 " updated_at {{int64}} NOT NULL)"),
                  QStringLiteral("CREATE TABLE ratings ("
                                 " ride_id TEXT NOT NULL,"
                                 " rater_id TEXT NOT NULL,"
                                 " ratee_id TEXT NOT NULL,"
                                 " rating INTEGER NOT NULL,"
                                 " comment TEXT NOT NULL DEFAULT '',"
                                 " created_at {{int64}} NOT NULL,"
                                 " PRIMARY KEY (ride_id, rater_id))"),
                  QStringLiteral("CREATE INDEX ratings_ratee ON ratings (ratee_id)"),
                  QStringLiteral("ALTER TABLE notifications ADD COLUMN text_key TEXT NOT NULL"
                                 " DEFAULT ''"),
                  QStringLiteral("ALTER TABLE notifications ADD COLUMN text_args TEXT NOT NULL"
                                 " DEFAULT ''")}});
    return list;
}

bool applyOne(SqlConnection &connection, const Migration &migration, QString *error)
{
    QSqlDatabase db = connection.database();
    if (!db.transaction()) {
        *error = QStringLiteral("cannot begin migration %1: %2")
                         .arg(migration.version)
                         .arg(db.lastError().text());
        return false;
    }
    auto fail = [&](const QString &why) {
        db.rollback();
        *error = QStringLiteral("migration %1 (%2) failed: %3")
                         .arg(migration.version)
                         .arg(migration.description, why);
        return false;
    };
    // Several nodes may start at once against one PostgreSQL: serialize them, then re-check
    // under the lock so each migration runs exactly once.
    if (connection.backend() == SqlBackend::Postgres) {
        if (!connection.execute(
                    QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey)))
            return fail(QStringLiteral("cannot take the migration lock"));
    }
    const int current = Migrations::currentVersion(connection);
    if (current < 0)
        return fail(QStringLiteral("cannot read schema_version"));
    if (current >= migration.version) {
        db.commit();
        return true;
    }
    if (current != migration.version - 1)
        return fail(QStringLiteral("database is at version %1, expected %2")
                            .arg(current)
                            .arg(migration.version - 1));
    for (const QString &statement : migration.statements) {
        if (!connection.execute(connection.dialect(statement)))
            return fail(db.lastError().text());
    }
    {
        SqlStatement insert(connection,
                            QStringLiteral("INSERT INTO schema_version (version, description,"
                                           " applied_at) VALUES (?, ?, ?)"));
        insert.bind(migration.version)
                .bind(migration.description)
                .bind(QDateTime::currentMSecsSinceEpoch());
        if (!insert.exec())
            return fail(QStringLiteral("cannot record the version"));
    }
    if (!db.commit())
        return fail(db.lastError().text());
    qCInfo(lcStorage) << "applied schema migration" << migration.version << migration.description;
    return true;
}

} // namespace

const QList<Migration> &Migrations::all()
{
    static const QList<Migration> migrations = buildMigrations();
    return migrations;
}

int Migrations::latestVersion()
{
    return all().isEmpty() ? 0 : all().constLast().version;
}

int Migrations::currentVersion(SqlConnection &connection)
{
    SqlStatement query(connection, QStringLiteral("SELECT MAX(version) FROM schema_version"));
    if (!query.exec())
        return -1;
    if (!query.next() || query.value(0).isNull())
        return 0;
    return query.value(0).toInt();
}

bool Migrations::migrate(SqlConnection &connection, int targetVersion, QString *error)
{
    // Several nodes may start at once against one empty PostgreSQL: even CREATE TABLE IF NOT
    // EXISTS races there (a unique violation in pg_type), so the whole migration runs under a
    // session-level advisory lock; each migration re-checks the version under its own
    // transaction-level lock as well.
    const bool postgres = connection.backend() == SqlBackend::Postgres;
    if (postgres
        && !connection.execute(
                QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLockKey))) {
        *error = QStringLiteral("cannot take the migration lock");
        return false;
    }
    const bool ok = migrateLocked(connection, targetVersion, error);
    if (postgres)
        connection.execute(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLockKey));
    return ok;
}

bool Migrations::migrateLocked(SqlConnection &connection, int targetVersion, QString *error)
{
    if (!connection.execute(connection.dialect(kCreateVersionTable))) {
        *error = QStringLiteral("cannot create schema_version");
        return false;
    }
    const int latest = latestVersion();
    const int target = targetVersion < 0 ? latest : qMin(targetVersion, latest);
    const int current = currentVersion(connection);
    if (current < 0) {
        *error = QStringLiteral("cannot read schema_version");
        return false;
    }
    if (current > latest) {
        // An older binary must not write into a schema it does not understand.
        *error = QStringLiteral("database schema version %1 is newer than this server (%2)")
                         .arg(current)
                         .arg(latest);
        return false;
    }
    for (const Migration &migration : all()) {
        if (migration.version <= current || migration.version > target)
            continue;
        if (!applyOne(connection, migration, error))
            return false;
    }
    return true;
}

} // namespace NebengJek::Server
