// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace NebengJek::Server {

class SqlConnection;

// One step of the schema. Versions are consecutive from 1; a released migration is never
// edited, a change is a new migration appended to the list.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements; // portable DDL with {{int64}}-style tokens (SqlConnection::dialect)
};

class Migrations
{
public:
    static const QList<Migration> &all();
    static int latestVersion();

    // The version the database is at (0: empty database); -1 when it cannot be read.
    static int currentVersion(SqlConnection &connection);
    // Applies every migration above the current version up to `targetVersion` (-1: latest), in
    // order, each in its own transaction together with its schema_version row. Refuses a
    // database newer than this server.
    static bool migrate(SqlConnection &connection, int targetVersion, QString *error);

private:
    static bool migrateLocked(SqlConnection &connection, int targetVersion, QString *error);
};

} // namespace NebengJek::Server
