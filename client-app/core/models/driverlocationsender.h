// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/geo.h>
#include <protocol/messagetype.h>

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace NebengJek::Client {

// The driver's position to the server, paced: a beacon every kBeaconIntervalMs while available
// (the matcher drops drivers whose beacon is older than its timeout), and the live location
// during a ride at most every kLocationIntervalMs, where the newest position always goes out
// (a car that stops right after a sent fix still reports where it stopped). Whether to send
// at all is the ride's decision: this class asks through beaconDue()/locationDue().
class DriverLocationSender : public QObject
{
    Q_OBJECT
public:
    // Beacons refresh the driver's position for matching while available.
    static constexpr int kBeaconIntervalMs = 10000;
    // Live location to the passenger: every 2 s is smooth enough for a map and well under any
    // per-user rate limit.
    static constexpr int kLocationIntervalMs = 2000;

    using Send = std::function<void(Protocol::MessageType, const QJsonObject &)>;
    using Clock = std::function<qint64()>; // ms, monotonic enough for pacing

    explicit DriverLocationSender(Send send, QObject *parent = nullptr);
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // Beacons every kBeaconIntervalMs while on (beaconDue() each time).
    void setBeaconing(bool on);
    void sendBeacon(const Protocol::GeoPoint &location);
    // Sends now, or as soon as the interval allows (then locationDue() asks for the newest fix).
    void sendLocation(const Protocol::GeoPoint &location, std::optional<double> heading = {},
                      std::optional<double> speed = {});
    // The next location goes out at once (after a reconnect: catch the partner's map up).
    void catchUp() { m_lastLocationSentAt = 0; }
    void stop();

Q_SIGNALS:
    void beaconDue();
    void locationDue();

private:
    Send m_send;
    Clock m_clock;
    QTimer m_beaconTimer;
    QTimer m_trailingTimer;
    qint64 m_lastLocationSentAt = 0;
};

} // namespace NebengJek::Client
