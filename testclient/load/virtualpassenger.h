// SPDX-License-Identifier: MIT
#pragma once

#include "virtualuser.h"

namespace NebengJek::TestClient {

// A passenger's app: asks for a ride, follows the driver's relayed position (timing each
// location's delivery), chats, pays the requested fare, and after a pause asks again.
class VirtualPassenger : public VirtualUser
{
    Q_OBJECT
public:
    VirtualPassenger(const LoadConfig &config, LoadStats *stats, DeliveryClock *clock,
                     QString userId, QObject *parent = nullptr);

private:
    void onOpened() override;
    void onMessage(const ReceivedMessage &message) override;
    void onConnectionLost() override;
    void requestRide();

    QString m_rideId;
};

} // namespace NebengJek::TestClient
