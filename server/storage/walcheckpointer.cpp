// SPDX-License-Identifier: MIT
#include "walcheckpointer.h"

#include "logging.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace NebengJek::Server {

namespace {

QString nextCheckpointConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("nebengjek-checkpoint-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

} // namespace

WalCheckpointer::WalCheckpointer(const QString &databasePath, int intervalMs)
    : m_path(databasePath)
    , m_intervalMs(intervalMs)
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("wal-checkpoint"));
    m_thread->start();
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread->wait();
}

void WalCheckpointer::run()
{
    // A QSqlDatabase belongs to the thread that opened it: this connection lives and dies here.
    const QString name = nextCheckpointConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            qCWarning(lcStorage).noquote()
                    << "WAL checkpoints stay with the writer: cannot open a second connection:"
                    << db.lastError().text();
        } else {
            QSqlQuery query(db);
            // The checkpoint fsyncs the WAL before and the database file after copying, as
            // the writer's own did.
            query.exec(QStringLiteral("PRAGMA synchronous=FULL"));
            std::unique_lock<std::mutex> lock(m_mutex);
            while (!m_stopping) {
                m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs));
                if (m_stopping)
                    break;
                lock.unlock();
                // One row: busy (0/1), frames in the WAL, frames of it in the database file.
                if (query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && query.next()) {
                    m_walFrames.store(query.value(1).toLongLong(), std::memory_order_relaxed);
                    m_checkpointedFrames.store(query.value(2).toLongLong(),
                                               std::memory_order_relaxed);
                    m_passes.fetch_add(1, std::memory_order_relaxed);
                } else {
                    qCWarning(lcStorage).noquote()
                            << "WAL checkpoint failed:" << query.lastError().text();
                }
                query.finish();
                lock.lock();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace NebengJek::Server
