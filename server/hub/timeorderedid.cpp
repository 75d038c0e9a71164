// SPDX-License-Identifier: MIT
#include "timeorderedid.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

namespace NebengJek::Server {

namespace {
constexpr int kCounterLimit = 1 << 12; // the 12 bits of rand_a
} // namespace

QString TimeOrderedIdGenerator::next()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now > m_lastMs) {
        m_lastMs = now;
        m_counter = 0;
    } else if (++m_counter >= kCounterLimit) {
        // 4,096 ids in one millisecond, or the clock went back: borrow the next millisecond
        // (RFC 9562, 6.2) so the order still holds.
        ++m_lastMs;
        m_counter = 0;
    }
    const quint64 random = QRandomGenerator::global()->generate64();
    const auto ms = quint64(m_lastMs);
    const QUuid id(uint(ms >> 16), ushort(ms & 0xffff), ushort(0x7000 | m_counter),
                   uchar(0x80 | ((random >> 56) & 0x3f)), uchar(random >> 48), uchar(random >> 40),
                   uchar(random >> 32), uchar(random >> 24), uchar(random >> 16),
                   uchar(random >> 8), uchar(random));
    return id.toString(QUuid::WithoutBraces);
}

} // namespace NebengJek::Server
