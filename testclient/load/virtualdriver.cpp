// SPDX-License-Identifier: MIT
#include "virtualdriver.h"

#include <protocol/messages.h>

#include <QRandomGenerator>

#include <cmath>

namespace NebengJek::TestClient {

namespace {
constexpr double kSpeedMps = 8; // ~30 km/h in city traffic
constexpr double kMetersPerDegree = 111320.0;
constexpr double kPi = 3.14159265358979323846;
} // namespace

VirtualDriver::VirtualDriver(const LoadConfig &config, LoadStats *stats, DeliveryClock *clock,
                             QString userId, QObject *parent)
    : VirtualUser(config, stats, clock, std::move(userId), Protocol::Role::Driver, parent)
{
    m_position = randomPoint();
    m_locationTimer.setInterval(int(1000.0 / qMax(0.01, config.locationsPerSecond)));
    connect(&m_locationTimer, &QTimer::timeout, this, &VirtualDriver::sendLocation);
}

QString VirtualDriver::locationKey(const QString &driverId, double lat, double lng)
{
    // Shortest round-trip spelling, as every JSON writer on the path uses.
    return driverId + QLatin1Char('|') + QString::number(lat, 'g', 17) + QLatin1Char('|')
            + QString::number(lng, 'g', 17);
}

void VirtualDriver::onOpened()
{
    goAvailable();
    // A random phase spreads the drivers' streams over the second instead of a burst per tick.
    const int phase = QRandomGenerator::global()->bounded(qMax(1, m_locationTimer.interval()));
    after(phase / 1000.0, [this] { m_locationTimer.start(); });
}

void VirtualDriver::onConnectionLost()
{
    m_locationTimer.stop();
    m_riding = false;
    m_matchId.clear();
    m_rideId.clear();
}

void VirtualDriver::goAvailable()
{
    Protocol::BeaconUpdate beacon;
    beacon.isActive = true;
    beacon.location = m_position;
    send(beacon);
}

void VirtualDriver::sendLocation()
{
    if (!isOpen())
        return;
    // Drive on: a gentle random turn, kSpeedMps along the heading.
    m_heading =
            std::fmod(m_heading + QRandomGenerator::global()->bounded(40.0) - 20.0 + 360.0, 360.0);
    const double step = kSpeedMps / qMax(0.01, m_config.locationsPerSecond);
    m_position.lat += step * std::cos(m_heading * kPi / 180.0) / kMetersPerDegree;
    m_position.lng += step * std::sin(m_heading * kPi / 180.0)
            / (kMetersPerDegree * std::cos(m_position.lat * kPi / 180.0));
    Protocol::LocationUpdate update;
    update.location = m_position;
    update.heading = m_heading;
    update.speed = kSpeedMps;
    // Only locations of a matched driver are relayed (to the passenger), so only they are timed.
    if (!m_matchId.isEmpty())
        m_clock->sent(locationKey(userId(), m_position.lat, m_position.lng));
    send(update);
}

void VirtualDriver::onMessage(const ReceivedMessage &message)
{
    const QString type = message.type();
    const QJsonObject payload = message.payload();
    if (type == QLatin1String("match_proposal")) {
        Protocol::MatchConfirm confirm;
        confirm.matchId = payload.value(QStringLiteral("match_id")).toString();
        confirm.accepted = true;
        send(confirm);
    } else if (type == QLatin1String("match_status")) {
        if (payload.value(QStringLiteral("status")).toString() != QLatin1String("accepted"))
            return;
        ++m_stats->matches;
        m_matchId = payload.value(QStringLiteral("match_id")).toString();
        m_rideId = payload.value(QStringLiteral("ride_id")).toString();
        after(m_config.pauseSeconds, [this] {
            Protocol::RideStart start;
            start.rideId = m_rideId;
            send(start);
        });
    } else if (type == QLatin1String("ride_pickup")) {
        m_riding = true;
        ++m_stats->ridesStarted;
        after(m_config.chatIntervalSeconds / 2,
              [this] { sendChatLoop(QStringLiteral("on my way")); });
        after(m_config.rideSeconds, [this] {
            Protocol::RideArrived arrived;
            arrived.rideId = m_rideId;
            send(arrived);
        });
    } else if (type == QLatin1String("ride_completed")) {
        ++m_stats->ridesCompleted;
        m_riding = false;
        m_matchId.clear();
        m_rideId.clear();
        goAvailable();
    } else if (type == QLatin1String("message.new")) {
        const qint64 latency = m_clock->received(
                QStringLiteral("chat|") + payload.value(QStringLiteral("body")).toString());
        if (latency >= 0)
            m_stats->chatLatency.add(latency);
    }
}

} // namespace NebengJek::TestClient
