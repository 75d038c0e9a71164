// SPDX-License-Identifier: MIT
#include "driverride.h"

#include "riderequests.h"
#include "ridesession.h"

#include <protocol/messages/ridefeaturemessages.h>
#include <protocol/messages/ridemessages.h>

#include <QDateTime>

namespace NebengJek::Client {

using namespace Protocol;

namespace {
// Around Monas, central Jakarta: where a simulated driver starts its shift.
constexpr GeoPoint kCityCentre {-6.1754, 106.8272};
} // namespace

DriverRide::DriverRide(RideSession *session, RideRequests *requests, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_requests(requests)
    , m_locationSender([this](MessageType type, const QJsonObject &payload) {
        m_requests->send(type, payload);
        if (type != MessageType::LocationUpdate || !isConnected())
            return;
        if (const auto sent = decode<LocationUpdate>(payload); sent.ok())
            m_track.setLastSent(m_session->rideId(),
                                {sent->location, QDateTime::currentMSecsSinceEpoch()});
    })
{
    connect(&m_locationSender, &DriverLocationSender::beaconDue, this, &DriverRide::sendBeacon);
    connect(&m_locationSender, &DriverLocationSender::locationDue, this, &DriverRide::sendLocation);
    connect(&m_simulator, &RouteSimulator::positionChanged, this, &DriverRide::onSimulatedPosition);
    connect(m_session, &RideSession::stateChanged, this, &DriverRide::onStateChanged);
    connect(m_session, &RideSession::availableAgain, this, &DriverRide::sendBeacon);
    connect(m_session, &RideSession::rideStarted, this, [this] {
        // Where the ride starts, at once: the server charges the distance from the first
        // position it gets during the ride, so a car that waited at the pickup would lose
        // the way to its next fix (and with it a piece of the fare).
        if (isDriver())
            flushPosition();
    });
    connect(m_session->countdown(), &ProposalCountdown::expired, this, [this] {
        // The server expires it too and will say so; do not leave a dead Accept button.
        if (m_session->state() == RideSession::Proposal && !m_requests->busy())
            expireProposal();
    });
}

bool DriverRide::isDriver() const
{
    return m_session->isDriver();
}

bool DriverRide::isConnected() const
{
    return m_requests->isConnected();
}

void DriverRide::placeCar(const QString &userId)
{
    if (!isDriver() || m_session->hasOwnLocation())
        return;
    // Spread simulated drivers over ~3 km around the centre, stable per user.
    const size_t h = qHash(userId, 0); // explicit seed: the same spot in every run
    m_session->setOwnLocation({kCityCentre.lat + (int(h % 101) - 50) * 0.0003,
                               kCityCentre.lng + (int((h / 101) % 101) - 50) * 0.0003});
    syncCarToOwnLocation();
}

void DriverRide::syncCarToOwnLocation()
{
    if (m_session->hasOwnLocation())
        m_simulator.setPosition(m_session->ownLocation());
}

void DriverRide::setTrackFile(const QString &path)
{
    m_track.setPath(path);
    Q_EMIT offlineFixesChanged();
}

void DriverRide::reset()
{
    m_simulator.stop();
    m_locationSender.stop();
    m_track.setPath({});
}

void DriverRide::onStateChanged()
{
    const RideSession::State state = m_session->state();
    m_locationSender.setBeaconing(
            isDriver() && m_session->online()
            && (state == RideSession::Online || state == RideSession::Proposal));
    updateDriving();
}

// --- actions ---

void DriverRide::goOnline()
{
    const RideSession::State state = m_session->state();
    if (!isDriver() || (state != RideSession::Idle && state != RideSession::Online))
        return;
    m_requests->clearError();
    m_session->setOutcome({});
    m_session->setOnline(true);
    BeaconUpdate beacon;
    beacon.isActive = true;
    beacon.location = m_session->ownLocation();
    m_requests->sendTracked(beacon.kType, beacon.toJson(), QStringLiteral("online"));
    m_session->setState(RideSession::Online);
    m_session->save();
}

void DriverRide::goOffline()
{
    const RideSession::State state = m_session->state();
    if (!isDriver()
        || (state != RideSession::Online && state != RideSession::Proposal
            && state != RideSession::Idle))
        return;
    if (state == RideSession::Proposal)
        reject();
    m_requests->clearError();
    m_session->setOnline(false);
    BeaconUpdate beacon;
    beacon.isActive = false;
    m_requests->setQueuedAction({}); // nothing of this shift is worth announcing any more
    m_requests->sendTracked(beacon.kType, beacon.toJson());
    m_session->setState(RideSession::Idle);
    m_session->save();
}

void DriverRide::accept()
{
    if (!isDriver() || m_session->state() != RideSession::Proposal || m_requests->busy())
        return;
    m_requests->clearError();
    MatchConfirm confirm;
    confirm.matchId = m_session->matchId();
    confirm.accepted = true;
    m_requests->sendAwaited(confirm.kType, confirm.toJson(), QStringLiteral("accept"));
}

void DriverRide::reject()
{
    if (!isDriver() || m_session->state() != RideSession::Proposal)
        return;
    m_requests->clearError();
    MatchConfirm confirm;
    confirm.matchId = m_session->matchId();
    confirm.accepted = false;
    m_requests->send(confirm.kType, confirm.toJson());
    m_session->endAttempt(QStringLiteral("rejected"));
}

void DriverRide::expireProposal()
{
    m_session->endAttempt(QStringLiteral("expired"));
}

void DriverRide::withdraw(const QString &reason)
{
    // After accepting; the passenger is matched again.
    if (!isDriver() || m_session->state() != RideSession::Matched || m_requests->busy())
        return;
    m_requests->clearError();
    RideCancel cancel;
    cancel.matchId = m_session->matchId();
    cancel.reason = reason.left(kMaxCancelReasonLength);
    m_requests->sendAwaited(cancel.kType, cancel.toJson(), QStringLiteral("cancel"));
}

void DriverRide::startRide()
{
    if (!isDriver() || m_session->state() != RideSession::Matched || m_requests->busy())
        return;
    m_requests->clearError();
    flushPosition();
    RideStart start;
    start.rideId = m_session->rideId();
    m_requests->sendAwaited(start.kType, start.toJson(), QStringLiteral("start"));
}

void DriverRide::arrive()
{
    if (!isDriver() || m_session->state() != RideSession::OnRide || m_requests->busy())
        return;
    m_requests->clearError();
    // The fare is fixed at arrival: positions recorded offline, and where the car is now, go
    // ahead of it in the queue (the server also checks the distance to the destination).
    recordOffline();
    sendOfflineTrack();
    flushPosition();
    RideArrived arrived;
    arrived.rideId = m_session->rideId();
    m_requests->sendAwaited(arrived.kType, arrived.toJson(), QStringLiteral("arrive"));
}

void DriverRide::atPickup()
{
    if (!isDriver() || m_session->state() != RideSession::Matched)
        return;
    m_requests->clearError();
    flushPosition();
    RideAtPickup at;
    at.rideId = m_session->rideId();
    m_requests->sendTracked(at.kType, at.toJson(), QStringLiteral("at_pickup"));
}

void DriverRide::handleRefusal(MessageType type, const ProtocolError &error)
{
    const RideSession::State state = m_session->state();
    if (type == MessageType::BeaconUpdate && m_session->online()) {
        m_session->setOnline(false);
        m_session->setState(RideSession::Idle);
    } else if (type == MessageType::MatchConfirm
               && (error.code == ErrorCode::Conflict || error.code == ErrorCode::NotFound
                   || (state == RideSession::Proposal && !m_session->countdown()->isRunning()))) {
        expireProposal();
    }
}

void DriverRide::onConnected()
{
    // What the car recorded while offline first: the server counts a batch only if it is
    // older than the live positions it already has (docs/protocol.md, location_batch).
    sendOfflineTrack();
    // Catch the live position up straight away rather than at the next tick.
    flushPosition();
}

void DriverRide::onAuthenticated()
{
    // After every reconnect: the server may have restarted, and it keeps beacons in memory only.
    if (isDriver() && m_session->online() && m_session->state() == RideSession::Online)
        sendBeacon();
}

// --- position ---

void DriverRide::setSimulateLocation(bool simulate)
{
    if (m_simulate == simulate)
        return;
    m_simulate = simulate;
    if (!m_simulate)
        m_simulator.stop();
    Q_EMIT simulateLocationChanged();
    updateDriving();
}

void DriverRide::setOwnLocation(double lat, double lng)
{
    if (!RideSession::isValidPosition({lat, lng}))
        return;
    setSimulateLocation(false);
    m_session->setOwnLocation({lat, lng});
    // If the simulation is switched on again, the car continues from here.
    m_simulator.setPosition(m_session->ownLocation());
    recordOffline();
    sendLocation();
}

void DriverRide::updateDriving()
{
    if (!isDriver() || !m_simulate)
        return;
    const RideSession::State state = m_session->state();
    if (state == RideSession::Matched && m_session->hasTrip())
        m_simulator.driveTo(
                RouteSimulator::streetRoute(m_simulator.position(), m_session->pickup()));
    else if (state == RideSession::OnRide && m_session->hasTrip())
        m_simulator.driveTo(
                RouteSimulator::streetRoute(m_simulator.position(), m_session->destination()));
    else
        m_simulator.stop();
    Q_EMIT routeChanged();
}

void DriverRide::onSimulatedPosition()
{
    if (!m_simulate)
        return;
    m_session->setOwnLocation(m_simulator.position());
    recordOffline();
    sendLocation();
}

void DriverRide::flushPosition()
{
    // The server checks start, "I'm here" and arrival against the last position it has: the
    // newest fix goes out first (live updates are paced, so it may still be waiting).
    m_locationSender.catchUp();
    sendLocation();
}

void DriverRide::recordOffline()
{
    // Only the ride itself is charged by distance; before the pickup nothing is counted.
    if (!isDriver() || isConnected() || m_session->state() != RideSession::OnRide
        || !m_session->hasOwnLocation())
        return;
    m_track.record(m_session->rideId(), m_session->ownLocation());
    Q_EMIT offlineFixesChanged();
}

void DriverRide::sendOfflineTrack()
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
        m_requests->sendTracked(batch.kType, batch.toJson());
    }
    Q_EMIT offlineFixesChanged();
}

void DriverRide::sendBeacon()
{
    const RideSession::State state = m_session->state();
    if (!isDriver() || !m_session->online() || !m_session->hasOwnLocation() || !isConnected())
        return;
    if (state != RideSession::Online && state != RideSession::Proposal)
        return;
    m_locationSender.sendBeacon(m_session->ownLocation());
}

void DriverRide::sendLocation()
{
    // Live location is only worth sending now; a queued position is stale on arrival.
    const RideSession::State state = m_session->state();
    if (!isDriver() || !isConnected() || !m_session->hasOwnLocation())
        return;
    if (state != RideSession::Matched && state != RideSession::OnRide)
        return;
    if (m_simulate && m_simulator.isDriving())
        m_locationSender.sendLocation(m_session->ownLocation(), m_simulator.heading(),
                                      m_simulator.speed());
    else
        m_locationSender.sendLocation(m_session->ownLocation());
}

} // namespace NebengJek::Client
