// SPDX-License-Identifier: MIT
#include "driverlocationsender.h"

#include <protocol/messages/ridemessages.h>

#include <QDateTime>

namespace NebengJek::Client {

using namespace Protocol;

DriverLocationSender::DriverLocationSender(Send send, QObject *parent)
    : QObject(parent)
    , m_send(std::move(send))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_beaconTimer.setInterval(kBeaconIntervalMs);
    connect(&m_beaconTimer, &QTimer::timeout, this, &DriverLocationSender::beaconDue);
    m_trailingTimer.setSingleShot(true);
    connect(&m_trailingTimer, &QTimer::timeout, this, &DriverLocationSender::locationDue);
}

void DriverLocationSender::setBeaconing(bool on)
{
    if (on && !m_beaconTimer.isActive())
        m_beaconTimer.start();
    else if (!on)
        m_beaconTimer.stop();
}

void DriverLocationSender::sendBeacon(const GeoPoint &location)
{
    BeaconUpdate beacon;
    beacon.isActive = true;
    beacon.location = location;
    m_send(beacon.kType, beacon.toJson());
}

void DriverLocationSender::sendLocation(const GeoPoint &location, std::optional<double> heading,
                                        std::optional<double> speed)
{
    const qint64 now = m_clock();
    if (now - m_lastLocationSentAt < kLocationIntervalMs) {
        if (!m_trailingTimer.isActive())
            m_trailingTimer.start(int(kLocationIntervalMs - (now - m_lastLocationSentAt)));
        return;
    }
    m_trailingTimer.stop();
    m_lastLocationSentAt = now;
    LocationUpdate update;
    update.location = location;
    update.heading = heading;
    update.speed = speed;
    m_send(update.kType, update.toJson());
}

void DriverLocationSender::stop()
{
    m_beaconTimer.stop();
    m_trailingTimer.stop();
}

} // namespace NebengJek::Client
