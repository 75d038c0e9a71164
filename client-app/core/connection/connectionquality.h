// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>

namespace NebengJek::Client {

// Turns app-level ping/pong timings into a level the app shows as an indicator with the
// latency. The ConnectionManager feeds it; thresholds are in docs/client.md.
class ConnectionQuality : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Level level READ level NOTIFY levelChanged)
    Q_PROPERTY(QString levelName READ levelName NOTIFY levelChanged)
    // Smoothed round-trip time in ms; -1 until the first pong of a connection.
    Q_PROPERTY(int rttMs READ rttMs NOTIFY rttMsChanged)
    // Pings in a row, up to the newest, that got no pong before the next ping went out.
    Q_PROPERTY(int missedPongs READ missedPongs NOTIFY missedPongsChanged)
public:
    enum Level { Excellent, Good, Fair, Poor, Offline };
    Q_ENUM(Level)

    // Below this RTT (and nothing missed) the link feels instant.
    static constexpr int kExcellentBelowMs = 100;
    // Below this, interactions still feel immediate.
    static constexpr int kGoodBelowMs = 300;
    // Below this, noticeably slow but usable (live location lags a little).
    static constexpr int kFairBelowMs = 800;
    // From this many missed pongs in a row the link is Poor whatever the RTT.
    static constexpr int kPoorFromMissed = 2;
    // EWMA weight of a new sample: follows a real change within ~3 pings, while one spike
    // does not flip the indicator.
    static constexpr double kRttSmoothing = 0.3;
    // Pings remembered for late pongs; older ones are forgotten (bounded memory).
    static constexpr int kTrackedPings = 8;

    explicit ConnectionQuality(QObject *parent = nullptr);

    Level level() const { return m_level; }
    QString levelName() const { return levelName(m_level); }
    int rttMs() const { return m_rttMs; }
    int missedPongs() const { return m_missedPongs; }

    // The rule table of docs/client.md. rttMs < 0 means no sample yet.
    static Level classify(bool connected, int rttMs, int missedPongs);
    // "excellent", "good", "fair", "poor", "offline".
    static QString levelName(Level level);

    // A ping went out; the previous one, if still unanswered, counts as missed. Also marks
    // the link as connected.
    void pingSent(qint64 seq, qint64 nowMs);
    // A pong arrived. A pong for the newest ping clears the missed count.
    void pongReceived(qint64 seq, qint64 nowMs);
    // The connection is gone: Offline, and the next connection starts without history.
    void connectionLost();

Q_SIGNALS:
    void levelChanged();
    void rttMsChanged();
    void missedPongsChanged();

private:
    void setRtt(int rttMs);
    void setMissed(int missed);
    void reclassify();

    QHash<qint64, qint64> m_sentAt; // ping seq -> send time, unanswered only
    qint64 m_newestSeq = -1;
    bool m_connected = false;
    Level m_level = Offline;
    int m_rttMs = -1;
    double m_smoothedRtt = -1;
    int m_missedPongs = 0;
};

} // namespace NebengJek::Client
