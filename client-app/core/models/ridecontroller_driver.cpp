// SPDX-License-Identifier: MIT
// RideController, the driver's side: going on and off duty, answering a proposal, starting and
// ending the ride, and the car's position (simulated or from a positioning source).
#include "connection/connectionmanager.h"
#include "ridecontroller.h"

#include <protocol/messages/ridefeaturemessages.h>
#include <protocol/messages/ridemessages.h>

namespace NebengJek::Client {

using namespace Protocol;

void RideController::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    Q_EMIT onlineChanged();
}

void RideController::goOnline()
{
    if (!isDriver() || (m_state != Idle && m_state != Online))
        return;
    clearError();
    setOutcome({});
    setOnline(true);
    BeaconUpdate beacon;
    beacon.isActive = true;
    beacon.location = m_ownLocation;
    m_requests.sendTracked(beacon.kType, beacon.toJson(), QStringLiteral("online"));
    setState(Online);
    save();
}

void RideController::goOffline()
{
    if (!isDriver() || (m_state != Online && m_state != Proposal && m_state != Idle))
        return;
    if (m_state == Proposal)
        reject();
    clearError();
    setOnline(false);
    BeaconUpdate beacon;
    beacon.isActive = false;
    m_requests.setQueuedAction({}); // nothing of this shift is worth announcing any more
    m_requests.sendTracked(beacon.kType, beacon.toJson());
    setState(Idle);
    save();
}

void RideController::accept()
{
    if (!isDriver() || m_state != Proposal || busy())
        return;
    clearError();
    MatchConfirm confirm;
    confirm.matchId = m_matchId;
    confirm.accepted = true;
    m_requests.sendAwaited(confirm.kType, confirm.toJson(), QStringLiteral("accept"));
}

void RideController::reject()
{
    if (!isDriver() || m_state != Proposal)
        return;
    clearError();
    MatchConfirm confirm;
    confirm.matchId = m_matchId;
    confirm.accepted = false;
    m_requests.send(confirm.kType, confirm.toJson());
    m_requests.done();
    setOutcome(QStringLiteral("rejected"));
    clearRide();
    setState(m_online ? Online : Idle);
}

void RideController::expireProposal()
{
    m_requests.done();
    clearRide();
    setOutcome(QStringLiteral("expired"));
    setState(m_online ? Online : Idle);
}

void RideController::startRide()
{
    if (!isDriver() || m_state != Matched || busy())
        return;
    clearError();
    flushPosition();
    RideStart start;
    start.rideId = m_rideId;
    m_requests.sendAwaited(start.kType, start.toJson(), QStringLiteral("start"));
}

void RideController::arrive()
{
    if (!isDriver() || m_state != OnRide || busy())
        return;
    clearError();
    // The fare is fixed at arrival: positions recorded offline, and where the car is now, go
    // ahead of it in the queue (the server also checks the distance to the destination).
    recordOffline();
    sendOfflineTrack();
    flushPosition();
    RideArrived arrived;
    arrived.rideId = m_rideId;
    m_requests.sendAwaited(arrived.kType, arrived.toJson(), QStringLiteral("arrive"));
}

void RideController::atPickup()
{
    if (!isDriver() || m_state != Matched)
        return;
    clearError();
    flushPosition();
    RideAtPickup at;
    at.rideId = m_rideId;
    m_requests.sendTracked(at.kType, at.toJson(), QStringLiteral("at_pickup"));
}

// --- position ---

void RideController::setSimulateLocation(bool simulate)
{
    if (m_simulate == simulate)
        return;
    m_simulate = simulate;
    if (!m_simulate)
        m_simulator.stop();
    Q_EMIT simulateLocationChanged();
    updateDriving();
}

void RideController::setOwnLocation(double lat, double lng)
{
    if (!isValidPoint(fromPoint({lat, lng})))
        return;
    setSimulateLocation(false);
    m_ownLocation = {lat, lng};
    m_hasOwnLocation = true;
    // If the simulation is switched on again, the car continues from here.
    m_simulator.setPosition(m_ownLocation);
    Q_EMIT ownLocationChanged();
    Q_EMIT routeChanged();
    recordOffline();
    sendLocation();
}

void RideController::updateDriving()
{
    if (!isDriver() || !m_simulate)
        return;
    if (m_state == Matched && m_hasTrip)
        m_simulator.driveTo(RouteSimulator::streetRoute(m_simulator.position(), m_pickup));
    else if (m_state == OnRide && m_hasTrip)
        m_simulator.driveTo(RouteSimulator::streetRoute(m_simulator.position(), m_destination));
    else
        m_simulator.stop();
    Q_EMIT routeChanged();
}

void RideController::onSimulatedPosition()
{
    if (!m_simulate)
        return;
    m_ownLocation = m_simulator.position();
    m_hasOwnLocation = true;
    Q_EMIT ownLocationChanged();
    Q_EMIT routeChanged();
    recordOffline();
    sendLocation();
}

void RideController::flushPosition()
{
    // The server checks start, "I'm here" and arrival against the last position it has: the
    // newest fix goes out first (live updates are paced, so it may still be waiting).
    m_locationSender.catchUp();
    sendLocation();
}

void RideController::recordOffline()
{
    // Only the ride itself is charged by distance; before the pickup nothing is counted.
    if (!isDriver() || isConnected() || m_state != OnRide || !m_hasOwnLocation)
        return;
    m_track.record(m_rideId, m_ownLocation);
    Q_EMIT offlineFixesChanged();
}

void RideController::sendOfflineTrack()
{
    if (m_track.isEmpty() || !isDriver())
        return;
    const QString rideId = m_track.rideId();
    const QList<OfflineTrack::Fix> fixes = m_track.take();
    // In pieces the server accepts, oldest first; each goes through the offline queue (on
    // disk), so a connection lost again right away loses nothing either.
    for (qsizetype from = 0; from < fixes.size(); from += LocationBatch::kMaxPoints) {
        LocationBatch batch;
        batch.rideId = rideId;
        for (qsizetype i = from; i < qMin(fixes.size(), from + LocationBatch::kMaxPoints); ++i)
            batch.points.append({fixes.at(i).location, fixes.at(i).ts});
        m_requests.sendTracked(batch.kType, batch.toJson());
    }
    Q_EMIT offlineFixesChanged();
}

void RideController::sendBeacon()
{
    if (!isDriver() || !m_online || !m_hasOwnLocation || !isConnected())
        return;
    if (m_state != Online && m_state != Proposal)
        return;
    m_locationSender.sendBeacon(m_ownLocation);
}

void RideController::sendLocation()
{
    // Live location is only worth sending now; a queued position is stale on arrival.
    if (!isDriver() || !isConnected() || !m_hasOwnLocation)
        return;
    if (m_state != Matched && m_state != OnRide)
        return;
    if (m_simulate && m_simulator.isDriving())
        m_locationSender.sendLocation(m_ownLocation, m_simulator.heading(), m_simulator.speed());
    else
        m_locationSender.sendLocation(m_ownLocation);
}

} // namespace NebengJek::Client
