// SPDX-License-Identifier: MIT
#pragma once

#include "rideestimator.h"

#include <protocol/geo.h>
#include <protocol/messagetype.h>
#include <protocol/protocolerror.h>

#include <QObject>

namespace NebengJek::Client {

class ConnectionManager;
class RideRequests;
class RideSession;

// The passenger's side of a ride: the fare estimate, requesting a ride, cancelling it (with a
// reason once matched), paying. Every action is a request; the state moves in RideSession
// when the server answers with its events.
class PassengerRide : public QObject
{
    Q_OBJECT
public:
    PassengerRide(ConnectionManager *connection, RideSession *session, RideRequests *requests,
                  QObject *parent = nullptr);

    RideEstimator *estimator() { return &m_estimator; }
    // False if not possible now (a driver, a ride under way).
    bool requestRide(const Protocol::GeoPoint &pickup, const Protocol::GeoPoint &destination);
    // Stops the search or leaves the match, until on board.
    void cancel();
    void cancelWithReason(const QString &reason);
    void pay(const QString &method);
    void reset() { m_estimator.clear(); }

    void handleRefusal(Protocol::MessageType type, const Protocol::ProtocolError &error);

private:
    RideSession *m_session;
    RideRequests *m_requests;
    RideEstimator m_estimator;
};

} // namespace NebengJek::Client
