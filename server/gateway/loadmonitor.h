// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace NebengJek::Server {

// Notices when the server falls behind, so it can refuse work early and cheaply instead of
// answering late. A probe timer measures how late the event loop runs it; a lag at or above the
// threshold starts shedding, which lasts `holdMs` after the last late probe so clients get a
// consistent answer and a retry hint that means something.
class LoadMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kProbeIntervalMs = 100;

    // shedLagMs 0: never shed.
    LoadMonitor(int shedLagMs, int holdMs, const QElapsedTimer *clock, QObject *parent = nullptr);

    void start();
    bool isShedding() const;
    // How long a refused client should wait before retrying.
    int retryAfterMs() const;
    qint64 lagMs() const { return m_lagMs; }
    // The worst lag of the current (or last) shedding episode.
    qint64 episodeLagMs() const { return m_episodeLagMs; }

private:
    void probe();

    const QElapsedTimer *m_clock;
    QTimer m_timer;
    int m_shedLagMs;
    int m_holdMs;
    qint64 m_lastProbeMs = -1;
    qint64 m_lagMs = 0;
    qint64 m_episodeLagMs = 0;
    qint64 m_shedUntilMs = -1;
};

} // namespace NebengJek::Server
