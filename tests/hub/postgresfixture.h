// SPDX-License-Identifier: MIT
// A real, throw-away PostgreSQL server for tests: initdb into a temporary directory, start it
// on a free loopback port, create databases, stop and delete it at the end. initdb and postgres
// refuse to run as root, so as root they run as the "postgres" user (runuser).
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace NebengJek::Tests {

class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();

    // Returns false with a reason when the server cannot be started.
    bool start(QString *error);
    void stop();
    bool isRunning() const { return m_running; }

    // Creates an empty database and returns its storage URL.
    QString createDatabase(const QString &name, QString *error);
    QString urlFor(const QString &database) const;
    int port() const { return m_port; }

private:
    bool run(const QString &program, const QStringList &arguments, QString *output, int timeoutMs);
    QString binary(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDir;
    QString m_dataDir;
    int m_port = 0;
    bool m_running = false;
    bool m_asPostgresUser = false;
};

} // namespace NebengJek::Tests
