// SPDX-License-Identifier: MIT
#pragma once

#include "../core/latencystats.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QString>

namespace NebengJek::TestClient {

// Counters every virtual user writes to (all on one thread) and the report reads.
struct LoadStats
{
    qint64 connectAttempts = 0;
    qint64 connectFailures = 0;
    qint64 openConnections = 0;
    qint64 peakOpenConnections = 0;
    qint64 reconnects = 0;
    qint64 unexpectedCloses = 0;
    qint64 sent = 0;
    qint64 received = 0;
    qint64 matches = 0;
    qint64 ridesStarted = 0;
    qint64 ridesCompleted = 0;
    qint64 chatsSent = 0;
    qint64 lostLocations = 0; // sent during a ride, never relayed within kMaxPendingAgeMs
    QMap<QString, qint64> errorsByCode;
    QMap<QString, qint64> receivedByType;
    LatencyStats locationLatency; // driver location_update -> its passenger
    LatencyStats chatLatency; // message.send -> message.new at the other party
};

// End-to-end delivery timing keyed by message content: the sender records when it sent a given
// content, the receiver (in the same process) looks the content up. Nothing is added to the
// messages, so the server relays exactly what a real client sends.
class DeliveryClock
{
public:
    // Entries older than this were lost (or the ride ended); they are dropped and counted.
    static constexpr qint64 kMaxPendingAgeMs = 30000;

    DeliveryClock() { m_clock.start(); }
    qint64 nowMicros() const { return m_clock.nsecsElapsed() / 1000; }
    void sent(const QString &key) { m_pending.insert(key, nowMicros()); }
    // Returns the latency in µs, or -1 when the key is unknown (sent before the ride, or twice).
    qint64 received(const QString &key);
    // Drops entries older than kMaxPendingAgeMs; returns how many.
    qint64 expire();

private:
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_pending;
};

} // namespace NebengJek::TestClient
