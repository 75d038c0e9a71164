// SPDX-License-Identifier: MIT
#include "connectionquality.h"

#include "logging.h"

#include <cmath>

namespace NebengJek::Client {

ConnectionQuality::ConnectionQuality(QObject *parent)
    : QObject(parent)
{ }

ConnectionQuality::Level ConnectionQuality::classify(bool connected, int rttMs, int missedPongs)
{
    if (!connected)
        return Offline;
    if (missedPongs >= kPoorFromMissed)
        return Poor;
    // Connected but not measured yet: assume usable rather than alarm the user.
    if (rttMs < 0)
        return missedPongs == 1 ? Fair : Good;
    if (missedPongs == 1)
        return rttMs < kFairBelowMs ? Fair : Poor;
    if (rttMs < kExcellentBelowMs)
        return Excellent;
    if (rttMs < kGoodBelowMs)
        return Good;
    if (rttMs < kFairBelowMs)
        return Fair;
    return Poor;
}

QString ConnectionQuality::levelName(Level level)
{
    switch (level) {
    case Excellent:
        return QStringLiteral("excellent");
    case Good:
        return QStringLiteral("good");
    case Fair:
        return QStringLiteral("fair");
    case Poor:
        return QStringLiteral("poor");
    case Offline:
        break;
    }
    return QStringLiteral("offline");
}

void ConnectionQuality::pingSent(qint64 seq, qint64 nowMs)
{
    m_connected = true;
    if (m_newestSeq >= 0 && m_sentAt.contains(m_newestSeq))
        setMissed(m_missedPongs + 1);
    m_newestSeq = seq;
    m_sentAt.insert(seq, nowMs);
    // Forget the oldest unanswered pings; their pongs no longer say anything current.
    while (m_sentAt.size() > kTrackedPings) {
        qint64 oldest = seq;
        for (auto it = m_sentAt.cbegin(); it != m_sentAt.cend(); ++it)
            oldest = std::min(oldest, it.key());
        m_sentAt.remove(oldest);
    }
    reclassify();
}

void ConnectionQuality::pongReceived(qint64 seq, qint64 nowMs)
{
    const auto it = m_sentAt.constFind(seq);
    if (it == m_sentAt.constEnd()) {
        qCDebug(lcQuality) << "pong for unknown or answered ping" << seq;
        return;
    }
    const qint64 sample = std::max<qint64>(nowMs - it.value(), 0);
    m_sentAt.erase(it);
    m_smoothedRtt = m_smoothedRtt < 0
            ? double(sample)
            : kRttSmoothing * double(sample) + (1.0 - kRttSmoothing) * m_smoothedRtt;
    setRtt(int(std::lround(m_smoothedRtt)));
    // A late pong for an older ping still says the link is slow, not that it recovered.
    if (seq == m_newestSeq)
        setMissed(0);
    reclassify();
}

void ConnectionQuality::connectionLost()
{
    m_connected = false;
    m_sentAt.clear();
    m_newestSeq = -1;
    m_smoothedRtt = -1;
    setRtt(-1);
    setMissed(0);
    reclassify();
}

void ConnectionQuality::setRtt(int rttMs)
{
    if (m_rttMs == rttMs)
        return;
    m_rttMs = rttMs;
    Q_EMIT rttMsChanged();
}

void ConnectionQuality::setMissed(int missed)
{
    if (m_missedPongs == missed)
        return;
    m_missedPongs = missed;
    Q_EMIT missedPongsChanged();
}

void ConnectionQuality::reclassify()
{
    const Level level = classify(m_connected, m_rttMs, m_missedPongs);
    if (level == m_level)
        return;
    qCInfo(lcQuality) << "quality" << levelName(m_level) << "->" << levelName(level) << "rtt"
                      << m_rttMs << "missed" << m_missedPongs;
    m_level = level;
    Q_EMIT levelChanged();
}

} // namespace NebengJek::Client
