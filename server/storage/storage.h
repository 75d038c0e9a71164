// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace NebengJek::Server {

// The hub's durable state over QtSql: SQLite (embedded default) or PostgreSQL (shared,
// multi-node), chosen by URL, with versioned schema migrations.
class Storage : public QObject
{
    Q_OBJECT
public:
    // "sqlite:///var/lib/nebengjek/hub.db", "sqlite::memory:",
    // "postgresql://user:password@host:port/database". Returns nullptr and sets *error on failure.
    static std::unique_ptr<Storage> open(const QString &url, QString *error);
    ~Storage() override;

    bool isHealthy() const;
    // Makes everything written so far durable (WAL checkpoint on SQLite); used on shutdown.
    void flush();

private:
    Storage();
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace NebengJek::Server
