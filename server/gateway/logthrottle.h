// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace NebengJek::Server {

// Caps how many lines per second a noisy event (bad input from clients) may log, so a flood of
// garbage cannot turn into a flood of log I/O. Suppressed lines are counted and reported.
class LogThrottle
{
public:
    explicit LogThrottle(int linesPerSecond)
        : m_limit(linesPerSecond)
    { }

    // True if a line may be logged now.
    bool allow(qint64 nowMs)
    {
        if (nowMs - m_windowStartMs >= 1000) {
            m_windowStartMs = nowMs;
            m_used = 0;
        }
        if (m_used < m_limit) {
            ++m_used;
            return true;
        }
        ++m_suppressed;
        return false;
    }
    // Lines suppressed since the last call.
    quint64 takeSuppressed()
    {
        const quint64 n = m_suppressed;
        m_suppressed = 0;
        return n;
    }

private:
    int m_limit;
    int m_used = 0;
    qint64 m_windowStartMs = -1000000;
    quint64 m_suppressed = 0;
};

} // namespace NebengJek::Server
