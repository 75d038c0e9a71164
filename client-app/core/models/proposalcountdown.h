// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace NebengJek::Client {

// The seconds a driver has left to answer a proposal, from the server's expires_at (wall
// clock). An expiry that is already past or implausibly far (clock skew) counts as the
// server's default. The clock is injected so tests need not wait.
class ProposalCountdown : public QObject
{
    Q_OBJECT
public:
    // When the proposal's expiry cannot be trusted (clock skew), the server's default.
    static constexpr int kFallbackMs = 15000;
    // An expiry further out than this is treated as clock skew.
    static constexpr int kMaxMs = 120000;

    using WallClock = std::function<qint64()>; // ms since the epoch
    explicit ProposalCountdown(QObject *parent = nullptr);
    void setClock(WallClock clock) { m_clock = std::move(clock); }

    void start(qint64 expiresAtMs);
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    int secondsLeft() const { return m_secondsLeft; }
    int totalSeconds() const { return m_totalSeconds; }
    // Re-reads the clock (the timer does this four times a second).
    void update();

Q_SIGNALS:
    void secondsLeftChanged();
    // The deadline passed while running (emitted once; the countdown stops).
    void expired();

private:
    WallClock m_clock;
    QTimer m_timer;
    qint64 m_deadline = 0;
    int m_secondsLeft = 0;
    int m_totalSeconds = 0;
};

} // namespace NebengJek::Client
