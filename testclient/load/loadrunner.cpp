// SPDX-License-Identifier: MIT
#include "loadrunner.h"

#include "virtualdriver.h"
#include "virtualpassenger.h"

#include "../core/logging.h"

#include <QTextStream>

namespace NebengJek::TestClient {

namespace {
// After the run, closes get this long to complete before the report is made.
constexpr int kDrainMs = 1000;
constexpr int kTickMs = 1000;
} // namespace

LoadRunner::LoadRunner(const LoadConfig &config, QTextStream &progress, bool progressIsTerminal,
                       QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_progress(progress)
    , m_terminal(progressIsTerminal)
{
    // Drivers and passengers interleaved, so the ramp-up brings both sides up together.
    const int total = config.drivers + config.passengers;
    int d = 0, p = 0;
    for (int i = 0; i < total; ++i) {
        const bool driverTurn = (p >= config.passengers)
                || (d < config.drivers && d * config.passengers <= p * config.drivers);
        if (driverTurn) {
            m_users.push_back(std::make_unique<VirtualDriver>(
                    m_config, &m_stats, &m_clock,
                    QStringLiteral("%1-d%2").arg(config.userPrefix).arg(++d)));
        } else {
            m_users.push_back(std::make_unique<VirtualPassenger>(
                    m_config, &m_stats, &m_clock,
                    QStringLiteral("%1-p%2").arg(config.userPrefix).arg(++p)));
        }
    }
    connect(&m_rampTimer, &QTimer::timeout, this, &LoadRunner::startNextUser);
    m_tickTimer.setInterval(kTickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &LoadRunner::tick);
}

LoadRunner::~LoadRunner() = default;

void LoadRunner::start()
{
    m_elapsed.start();
    const double interval =
            m_users.empty() ? 0 : m_config.rampUpSeconds * 1000.0 / double(m_users.size());
    m_rampTimer.setInterval(int(interval));
    m_rampTimer.start();
    m_tickTimer.start();
    startNextUser();
}

void LoadRunner::startNextUser()
{
    // A timer interval rounds to whole ms; start as many as are due so the ramp keeps its length.
    const double perUserMs =
            m_config.rampUpSeconds * 1000.0 / double(qMax<size_t>(1, m_users.size()));
    const size_t due = perUserMs <= 0
            ? m_users.size()
            : qMin(m_users.size(), size_t(double(m_elapsed.elapsed()) / perUserMs) + 1);
    while (m_started < due)
        m_users[m_started++]->start();
    if (m_started >= m_users.size())
        m_rampTimer.stop();
}

void LoadRunner::tick()
{
    const double seconds = double(m_elapsed.elapsed()) / 1000.0;
    m_stats.lostLocations += m_clock.expire();
    if (m_steadyStartSent < 0 && seconds >= m_config.rampUpSeconds) {
        m_steadyStartSent = m_stats.sent;
        m_steadyStartReceived = m_stats.received;
        m_steadyStartMs = m_elapsed.elapsed();
    }
    qint64 errors = 0;
    for (const qint64 n : std::as_const(m_stats.errorsByCode))
        errors += n;
    const LatencyStats::Summary loc = m_stats.locationLatency.summary();
    const QString line =
            QStringLiteral("[%1s] open %2/%3  sent %4 (%5/s)  recv %6 (%7/s)  rides %8  "
                           "loc p50 %9 p99 %10 ms  errors %11  reconnects %12")
                    .arg(int(seconds), 4)
                    .arg(m_stats.openConnections)
                    .arg(m_users.size())
                    .arg(m_stats.sent)
                    .arg(m_stats.sent - m_lastSent)
                    .arg(m_stats.received)
                    .arg(m_stats.received - m_lastReceived)
                    .arg(m_stats.ridesCompleted)
                    .arg(loc.p50Ms, 0, 'f', 1)
                    .arg(loc.p99Ms, 0, 'f', 1)
                    .arg(errors)
                    .arg(m_stats.reconnects);
    // On a terminal the line redraws in place; in a log it is one line per tick.
    m_progress << (m_terminal ? "\r\033[K" : "") << line << (m_terminal ? "" : "\n");
    m_progress.flush();
    m_lastSent = m_stats.sent;
    m_lastReceived = m_stats.received;
    if (seconds >= m_config.rampUpSeconds + m_config.durationSeconds)
        stopAll();
}

void LoadRunner::stopAll()
{
    m_tickTimer.stop();
    m_rampTimer.stop();
    if (m_terminal)
        m_progress << "\n";
    if (m_steadyStartSent >= 0) {
        m_steadySent = m_stats.sent - m_steadyStartSent;
        m_steadyReceived = m_stats.received - m_steadyStartReceived;
        m_steadySeconds = double(m_elapsed.elapsed() - m_steadyStartMs) / 1000.0;
    }
    for (auto &u : m_users)
        u->stop();
    qCInfo(lcTestClient) << "load run over; draining" << kDrainMs << "ms";
    QTimer::singleShot(kDrainMs, this, &LoadRunner::finished);
}

} // namespace NebengJek::TestClient
