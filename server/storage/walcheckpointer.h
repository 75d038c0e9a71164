// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

class QThread;

namespace NebengJek::Server {

// Copies a SQLite database's WAL back into the database file from a second connection on its
// own thread (PRAGMA wal_checkpoint(PASSIVE) every few hundred milliseconds), so the writing
// connection's COMMITs no longer run the checkpoint and its fsync of the database file
// themselves (SQLite's automatic checkpoint runs inside the COMMIT that crosses its
// threshold: with group commit that was nearly every COMMIT). PASSIVE never waits for or
// blocks the writer. Durability is unchanged: a transaction is durable once its WAL frames
// are fsynced by its COMMIT; a checkpoint only moves durable pages, and a crash in the middle
// of one is recovered by SQLite from the WAL.
class WalCheckpointer
{
public:
    // Starts the thread; `databasePath` is the SQLite file (never ":memory:").
    WalCheckpointer(const QString &databasePath, int intervalMs);
    ~WalCheckpointer(); // stops and joins the thread

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // For tests and diagnostics: checkpoints that ran, and what the last one reported: frames
    // in the WAL and how many of them are in the database file (equal: the WAL is caught up).
    quint64 passes() const { return m_passes.load(std::memory_order_relaxed); }
    qint64 lastWalFrames() const { return m_walFrames.load(std::memory_order_relaxed); }
    qint64 lastCheckpointedFrames() const
    {
        return m_checkpointedFrames.load(std::memory_order_relaxed);
    }

private:
    void run();

    const QString m_path;
    const int m_intervalMs;
    // std rather than QMutex/QWaitCondition: Debian's Qt is not built with ThreadSanitizer, so
    // QWaitCondition's unlock inside wait() is invisible to it and the stop looked like a
    // double lock (NEBENGJEK_CI_TSAN=1).
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false; // guarded by m_mutex
    std::atomic<quint64> m_passes {0};
    std::atomic<qint64> m_walFrames {0};
    std::atomic<qint64> m_checkpointedFrames {0};
    std::unique_ptr<QThread> m_thread;
};

} // namespace NebengJek::Server
