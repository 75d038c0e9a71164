// SPDX-License-Identifier: MIT
#pragma once

#include "driverlocationsender.h"
#include "offlinetrack.h"
#include "routesimulator.h"

#include <protocol/messagetype.h>
#include <protocol/protocolerror.h>

#include <QObject>

namespace NebengJek::Client {

class RideRequests;
class RideSession;

// The driver's side of a ride: going on and off duty, answering a proposal, withdrawing,
// starting and ending the ride, and the car's position (simulated, or from a positioning
// source): beacons while available, live location during a ride, positions recorded while
// disconnected. Every action is a request; the state moves in RideSession when the server
// answers with its events.
class DriverRide : public QObject
{
    Q_OBJECT
public:
    DriverRide(RideSession *session, RideRequests *requests, QObject *parent = nullptr);

    // A simulated driver starts somewhere near the city centre, the same spot per user.
    void placeCar(const QString &userId);
    // The simulated car continues from the position the session has (after a restore).
    void syncCarToOwnLocation();
    void setTrackFile(const QString &path);
    void reset();

    void goOnline();
    void goOffline();
    void accept();
    void reject();
    void withdraw(const QString &reason);
    void startRide();
    void arrive();
    void atPickup();

    bool simulateLocation() const { return m_simulate; }
    void setSimulateLocation(bool simulate);
    // A position fix from a real positioning source (turns the simulation off).
    void setOwnLocation(double lat, double lng);
    RouteSimulator *simulator() { return &m_simulator; }
    bool isDriving() const { return m_simulator.isDriving(); }
    // What the simulated car has still to drive, its position first.
    QList<Protocol::GeoPoint> remainingRoute() const { return m_simulator.remainingRoute(); }
    OfflineTrack *offlineTrack() { return &m_track; }
    int offlineFixes() const { return m_track.size(); }

    void handleRefusal(Protocol::MessageType type, const Protocol::ProtocolError &error);
    // Connected again: the recorded track first, then where the car is now.
    void onConnected();
    // Authenticated again: an available driver says so (the server keeps beacons in memory).
    void onAuthenticated();

Q_SIGNALS:
    void simulateLocationChanged();
    void offlineFixesChanged();
    void routeChanged();

private:
    bool isDriver() const;
    bool isConnected() const;
    void onStateChanged();
    void expireProposal();
    void updateDriving();
    void onSimulatedPosition();
    void flushPosition();
    void recordOffline();
    void sendOfflineTrack();
    void sendBeacon();
    void sendLocation();

    RideSession *m_session;
    RideRequests *m_requests;
    bool m_simulate = true;
    RouteSimulator m_simulator;
    DriverLocationSender m_locationSender;
    OfflineTrack m_track;
};

} // namespace NebengJek::Client
