// SPDX-License-Identifier: MIT
#include "sqlconnection.h"

#include "logging.h"

#include <QSqlError>
#include <QStringList>

namespace NebengJek::Server {

SqlConnection::SqlConnection(SqlBackend backend, const QString &connectionName)
    : m_backend(backend)
    , m_connectionName(connectionName)
{ }

SqlConnection::~SqlConnection()
{
    // Statements must die before the connection is removed, or QtSql warns about a
    // connection still in use.
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase SqlConnection::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool SqlConnection::execute(const QString &sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql)) {
        recordFailure(sql.left(60), query.lastError());
        return false;
    }
    query.finish();
    recordSuccess();
    return true;
}

bool SqlConnection::executeRepeated(const QString &sql)
{
    if (m_backend != SqlBackend::Sqlite)
        return execute(sql);
    SqlStatement statement(*this, sql);
    return statement.exec();
}

QSqlQuery *SqlConnection::prepared(const QString &sql)
{
    if (auto it = m_statements.constFind(sql); it != m_statements.constEnd())
        return it->get();
    auto query = std::make_shared<QSqlQuery>(database());
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        recordFailure(sql.left(60), query->lastError());
        return nullptr;
    }
    m_statements.insert(sql, query);
    return query.get();
}

void SqlConnection::clearStatements()
{
    m_statements.clear();
}

void SqlConnection::recordFailure(const QString &what, const QSqlError &error)
{
    m_healthy = false;
    // The error text names tables and constraints, never bound values (no bodies, no tokens).
    qCWarning(lcStorage).noquote() << "database operation failed:" << what << "->" << error.text();
}

QString SqlConnection::dialect(QString ddl) const
{
    const bool pg = m_backend == SqlBackend::Postgres;
    ddl.replace(QLatin1String("{{autoid}}"),
                pg ? QLatin1String("BIGSERIAL PRIMARY KEY")
                   : QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
    ddl.replace(QLatin1String("{{int64}}"),
                pg ? QLatin1String("BIGINT") : QLatin1String("INTEGER"));
    ddl.replace(QLatin1String("{{real}}"),
                pg ? QLatin1String("DOUBLE PRECISION") : QLatin1String("REAL"));
    ddl.replace(QLatin1String("{{blob}}"), pg ? QLatin1String("BYTEA") : QLatin1String("BLOB"));
    return ddl;
}

SqlStatement::SqlStatement(SqlConnection &connection, const QString &sql)
    : m_connection(connection)
    , m_sql(sql)
    , m_query(connection.prepared(sql))
{ }

SqlStatement::~SqlStatement()
{
    if (m_query)
        m_query->finish();
}

SqlStatement &SqlStatement::bind(const QVariant &value)
{
    if (m_query) {
        if (value.metaType() == QMetaType::fromType<QString>() && value.toString().isNull())
            m_query->bindValue(m_index, QString(QLatin1String("")));
        else
            m_query->bindValue(m_index, value);
    }
    ++m_index;
    return *this;
}

SqlStatement &SqlStatement::bindNull()
{
    if (m_query)
        m_query->bindValue(m_index, QVariant()); // an invalid variant is NULL for every driver
    ++m_index;
    return *this;
}

bool SqlStatement::exec()
{
    if (!m_query)
        return false;
    if (!m_query->exec()) {
        m_connection.recordFailure(m_sql.left(60), m_query->lastError());
        return false;
    }
    m_connection.recordSuccess();
    return true;
}

bool SqlStatement::next()
{
    return m_query && m_query->next();
}

QVariant SqlStatement::value(int column) const
{
    return m_query ? m_query->value(column) : QVariant();
}

int SqlStatement::rowsAffected() const
{
    return m_query ? m_query->numRowsAffected() : 0;
}

QString sqlPlaceholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

} // namespace NebengJek::Server
