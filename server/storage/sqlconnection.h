// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>

namespace NebengJek::Server {

enum class SqlBackend { Sqlite, Postgres };

// One QtSql connection with a cache of prepared statements and a health flag. Used from the
// thread that opened it only (QtSql connections are not thread-safe).
class SqlConnection
{
public:
    SqlConnection(SqlBackend backend, const QString &connectionName);
    ~SqlConnection();
    SqlConnection(const SqlConnection &) = delete;
    SqlConnection &operator=(const SqlConnection &) = delete;

    SqlBackend backend() const { return m_backend; }
    QSqlDatabase database() const;
    // Runs an unprepared statement (DDL, pragmas). Returns false and logs on failure.
    bool execute(const QString &sql);
    // The same for a statement without parameters run again and again (SAVEPOINT, RELEASE):
    // prepared once and reused on SQLite, where parsing it each time showed in the profile of
    // group commit. PostgreSQL cannot prepare transaction control statements: unprepared there.
    bool executeRepeated(const QString &sql);

    // A cached prepared statement for `sql`; nullptr if it does not prepare.
    QSqlQuery *prepared(const QString &sql);
    // Drops every cached statement, e.g. before reconnecting.
    void clearStatements();

    bool isHealthy() const { return m_healthy; }
    void recordSuccess() { m_healthy = true; }
    void recordFailure(const QString &what, const QSqlError &error);

    // Rewrites the portable DDL tokens of the migrations ({{int64}}, {{real}}, {{blob}},
    // {{autoid}}) for this backend.
    QString dialect(QString ddl) const;

private:
    SqlBackend m_backend;
    QString m_connectionName;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    bool m_healthy = true;
};

// A statement in use: binds positionally, and always releases its result set when it goes out
// of scope, because an unfinished SQLite statement would make the enclosing COMMIT fail.
class SqlStatement
{
public:
    SqlStatement(SqlConnection &connection, const QString &sql);
    ~SqlStatement();
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    // A null QString binds as an empty string, not SQL NULL: Qt's drivers would otherwise turn
    // every default-constructed QString into NULL and trip NOT NULL columns.
    SqlStatement &bind(const QVariant &value);
    SqlStatement &bindNull();
    bool exec();
    bool next();
    QVariant value(int column) const;
    int rowsAffected() const;

private:
    SqlConnection &m_connection;
    QString m_sql;
    QSqlQuery *m_query = nullptr;
    int m_index = 0;
};

// "?,?,…,?" with n marks, for an IN (…) list. One placeholder per id keeps the statement cache
// small (one entry per list length in use).
QString sqlPlaceholders(qsizetype n);

} // namespace NebengJek::Server
