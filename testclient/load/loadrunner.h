// SPDX-License-Identifier: MIT
#pragma once

#include "loadconfig.h"
#include "loadstats.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

class QTextStream;

namespace NebengJek::TestClient {

class VirtualUser;

// Starts the virtual users evenly over the ramp-up, runs for the duration, prints a progress
// line every second, then stops everyone and hands over the counters. Bounded: it always ends
// after rampUp + duration + a short drain.
class LoadRunner : public QObject
{
    Q_OBJECT
public:
    LoadRunner(const LoadConfig &config, QTextStream &progress, bool progressIsTerminal,
               QObject *parent = nullptr);
    ~LoadRunner() override;

    void start();
    LoadStats &stats() { return m_stats; }
    // Seconds of the steady-state window (after the ramp-up) that actually ran.
    double steadySeconds() const { return m_steadySeconds; }
    qint64 steadySent() const { return m_steadySent; }
    qint64 steadyReceived() const { return m_steadyReceived; }

signals:
    void finished();

private:
    void startNextUser();
    void tick();
    void stopAll();

    LoadConfig m_config;
    QTextStream &m_progress;
    bool m_terminal = false;
    LoadStats m_stats;
    DeliveryClock m_clock;
    std::vector<std::unique_ptr<VirtualUser>> m_users;
    size_t m_started = 0;
    QTimer m_rampTimer;
    QTimer m_tickTimer;
    QElapsedTimer m_elapsed;
    qint64 m_lastSent = 0;
    qint64 m_lastReceived = 0;
    qint64 m_steadyStartSent = -1;
    qint64 m_steadyStartReceived = 0;
    qint64 m_steadyStartMs = 0;
    qint64 m_steadySent = 0;
    qint64 m_steadyReceived = 0;
    double m_steadySeconds = 0;
};

} // namespace NebengJek::TestClient
