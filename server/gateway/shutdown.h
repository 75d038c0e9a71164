// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace NebengJek::Server {

class Gateway;
class Storage;

// Graceful shutdown on SIGTERM/SIGINT:
//   1. stop accepting (the listening socket closes; heads in progress get 503),
//   2. close every session with CloseCode::ServerRestart (4000, retryable), each close frame
//      queued behind that client's pending frames,
//   3. wait until every connection is gone or the drain deadline passes (then abort the rest),
//   4. Storage::flush(), then finished(0).
// A second signal skips the wait.
class GracefulShutdown : public QObject
{
    Q_OBJECT
public:
    GracefulShutdown(Gateway *gateway, Storage *storage, int drainTimeoutMs,
                     QObject *parent = nullptr);

    void begin(int signalNumber);
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    void forceFinish();
    void finish(bool drained);

    Gateway *m_gateway;
    Storage *m_storage;
    int m_drainTimeoutMs;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    bool m_running = false;
    bool m_finished = false;
};

} // namespace NebengJek::Server
