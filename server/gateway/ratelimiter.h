// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace NebengJek::Server {

// Shared parameters of a class of buckets (every connection uses the same spec), so a bucket
// itself is 16 bytes.
struct RateLimitSpec
{
    double tokensPerMs = 0.02; // refill rate
    double burst = 40; // bucket size

    static RateLimitSpec perSecond(double rate, double burst) { return {rate / 1000.0, burst}; }
};

// A token bucket: each message takes one token; tokens refill continuously up to the burst.
class TokenBucket
{
public:
    // Starts full.
    explicit TokenBucket(const RateLimitSpec &spec, qint64 nowMs)
        : m_tokens(spec.burst)
        , m_lastMs(nowMs)
    { }

    // 0 if a token was taken, else how many ms until one will be available.
    qint64 take(const RateLimitSpec &spec, qint64 nowMs)
    {
        if (nowMs > m_lastMs) {
            m_tokens = qMin(spec.burst, m_tokens + double(nowMs - m_lastMs) * spec.tokensPerMs);
            m_lastMs = nowMs;
        }
        if (m_tokens >= 1.0) {
            m_tokens -= 1.0;
            return 0;
        }
        return qMax<qint64>(1, qint64((1.0 - m_tokens) / spec.tokensPerMs + 0.999));
    }

private:
    double m_tokens;
    qint64 m_lastMs;
};

} // namespace NebengJek::Server
