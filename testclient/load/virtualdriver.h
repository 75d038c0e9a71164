// SPDX-License-Identifier: MIT
#pragma once

#include "virtualuser.h"

namespace NebengJek::TestClient {

// A driver's app: goes available, streams its position, accepts every proposal, starts the ride
// after a short pause, drives for rideSeconds (chatting now and then), arrives, and goes
// available again once the ride is paid.
class VirtualDriver : public VirtualUser
{
    Q_OBJECT
public:
    VirtualDriver(const LoadConfig &config, LoadStats *stats, DeliveryClock *clock, QString userId,
                  QObject *parent = nullptr);

    // The key both sides use for one location's delivery time.
    static QString locationKey(const QString &driverId, double lat, double lng);

private:
    void onOpened() override;
    void onMessage(const ReceivedMessage &message) override;
    void onConnectionLost() override;
    void goAvailable();
    void sendLocation();

    QTimer m_locationTimer;
    Protocol::GeoPoint m_position;
    double m_heading = 0;
    QString m_rideId;
};

} // namespace NebengJek::TestClient
