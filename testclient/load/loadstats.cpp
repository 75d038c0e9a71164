// SPDX-License-Identifier: MIT
#include "loadstats.h"

namespace NebengJek::TestClient {

qint64 DeliveryClock::received(const QString &key)
{
    const auto it = m_pending.constFind(key);
    if (it == m_pending.constEnd())
        return -1;
    const qint64 latency = nowMicros() - it.value();
    m_pending.erase(it);
    return latency;
}

qint64 DeliveryClock::expire()
{
    const qint64 cutoff = nowMicros() - kMaxPendingAgeMs * 1000;
    qint64 dropped = 0;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it.value() < cutoff) {
            it = m_pending.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
    return dropped;
}

} // namespace NebengJek::TestClient
