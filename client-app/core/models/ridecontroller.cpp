// SPDX-License-Identifier: MIT
// RideController: state, server events, refusals, persistence. The driver's actions and
// position are in ridecontroller_driver.cpp, the passenger's in ridecontroller_passenger.cpp.
#include "ridecontroller.h"

#include "connection/connectionmanager.h"
#include "logging.h"
#include "rideroute.h"

#include <protocol/messages/authmessages.h>
#include <protocol/messages/deliverymessages.h>
#include <protocol/messages/ridefeaturemessages.h>
#include <protocol/messages/ridemessages.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace NebengJek::Client {

using namespace Protocol;

namespace {
// Around Monas, central Jakarta: where a simulated driver starts its shift.
constexpr GeoPoint kCityCentre {-6.1754, 106.8272};

QString stateName(RideController::State s)
{
    switch (s) {
    case RideController::Idle:
        return QStringLiteral("idle");
    case RideController::Online:
        return QStringLiteral("online");
    case RideController::Searching:
        return QStringLiteral("searching");
    case RideController::Proposal:
        return QStringLiteral("proposal");
    case RideController::Matched:
        return QStringLiteral("matched");
    case RideController::OnRide:
        return QStringLiteral("on_ride");
    case RideController::AwaitingPayment:
        return QStringLiteral("awaiting_payment");
    case RideController::Completed:
        return QStringLiteral("completed");
    }
    return QStringLiteral("idle");
}

RideController::State stateFromName(const QString &name)
{
    for (int s = RideController::Idle; s <= RideController::Completed; ++s) {
        if (stateName(RideController::State(s)) == name)
            return RideController::State(s);
    }
    return RideController::Idle;
}
} // namespace

RideController::RideController(ConnectionManager *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_locationSender([this](MessageType type, const QJsonObject &payload) {
        m_requests.send(type, payload);
        if (type != MessageType::LocationUpdate || !isConnected())
            return;
        if (const auto sent = decode<LocationUpdate>(payload); sent.ok())
            m_track.setLastSent(m_rideId, {sent->location, QDateTime::currentMSecsSinceEpoch()});
    })
    , m_requests(connection)
    , m_estimator(connection)
{
    connect(&m_requests, &RideRequests::busyChanged, this, &RideController::busyChanged);
    connect(&m_requests, &RideRequests::queuedActionChanged, this,
            &RideController::queuedActionChanged);
    connect(&m_requests, &RideRequests::lastErrorChanged, this, &RideController::lastErrorChanged);
    connect(&m_countdown, &ProposalCountdown::secondsLeftChanged, this,
            &RideController::proposalSecondsLeftChanged);
    connect(&m_countdown, &ProposalCountdown::expired, this, [this] {
        // The server expires it too and will say so; do not leave a dead Accept button.
        if (m_state == Proposal && !busy())
            expireProposal();
    });
    connect(&m_presence, &PartnerPresence::partnerOnlineChanged, this,
            &RideController::partnerOnlineChanged);
    connect(&m_locationSender, &DriverLocationSender::beaconDue, this, &RideController::sendBeacon);
    connect(&m_locationSender, &DriverLocationSender::locationDue, this,
            &RideController::sendLocation);
    connect(&m_simulator, &RouteSimulator::positionChanged, this,
            &RideController::onSimulatedPosition);
    if (!connection)
        return;
    connect(connection, &ConnectionManager::messageReceived, this, &RideController::onMessage);
    connect(connection, &ConnectionManager::replyReceived, this, &RideController::onReply);
    connect(connection, &ConnectionManager::errorReceived, this, &RideController::onError);
    connect(connection, &ConnectionManager::stateChanged, this,
            &RideController::onConnectionStateChanged);
    connect(connection, &ConnectionManager::authenticated, this, [this] {
        // An available driver says so again after every reconnect: the server may have
        // restarted, and it keeps beacons in memory only.
        if (isDriver() && m_online && m_state == Online)
            sendBeacon();
    });
}

bool RideController::isValidPoint(const QVariantMap &point)
{
    bool okLat = false;
    bool okLng = false;
    const double lat = point.value(QStringLiteral("lat")).toDouble(&okLat);
    const double lng = point.value(QStringLiteral("lng")).toDouble(&okLng);
    return okLat && okLng && std::isfinite(lat) && std::isfinite(lng) && lat >= -90 && lat <= 90
            && lng >= -180 && lng <= 180;
}

GeoPoint RideController::toPoint(const QVariantMap &point)
{
    return {point.value(QStringLiteral("lat")).toDouble(),
            point.value(QStringLiteral("lng")).toDouble()};
}

QVariantMap RideController::fromPoint(const GeoPoint &point)
{
    return {{QStringLiteral("lat"), point.lat}, {QStringLiteral("lng"), point.lng}};
}

QVariantMap RideController::pickup() const
{
    return m_hasTrip ? fromPoint(m_pickup) : QVariantMap();
}

QVariantMap RideController::destination() const
{
    return m_hasTrip ? fromPoint(m_destination) : QVariantMap();
}

QVariantMap RideController::ownLocation() const
{
    return m_hasOwnLocation ? fromPoint(m_ownLocation) : QVariantMap();
}

QVariantMap RideController::partnerLocation() const
{
    return m_hasPartnerLocation ? fromPoint(m_partnerLocation) : QVariantMap();
}

QVariantMap RideController::partner() const
{
    if (!m_partnerProfile)
        return {};
    const Profile &p = *m_partnerProfile;
    QVariantMap map {{QStringLiteral("name"), p.name},
                     {QStringLiteral("vehicle"), p.vehicle},
                     {QStringLiteral("plate"), p.plate},
                     {QStringLiteral("ratingCount"), p.ratingCount}};
    if (p.rating)
        map.insert(QStringLiteral("rating"), *p.rating);
    return map;
}

void RideController::setPartnerProfile(const std::optional<Profile> &profile)
{
    // Only about the partner we have: a profile for someone else is not theirs.
    if (profile && profile->userId == m_partnerId)
        m_partnerProfile = profile;
}

QList<GeoPoint> RideController::routePoints() const
{
    if (!m_hasTrip)
        return {};
    if (isDriver() && m_state == Proposal && m_hasOwnLocation)
        return RideRoute::via(m_ownLocation, {m_pickup, m_destination}); // the whole job
    if (!isDriver() && m_state == Searching)
        return RideRoute::via(m_pickup, {m_destination});
    if (isDriver()) {
        if (m_simulator.isDriving())
            return m_simulator.remainingRoute();
        if (!m_hasOwnLocation || (m_state != Matched && m_state != OnRide))
            return {};
        return RideRoute::via(m_ownLocation, {m_state == Matched ? m_pickup : m_destination});
    }
    if (m_state == Matched && m_hasPartnerLocation)
        return RideRoute::via(m_partnerLocation, {m_pickup});
    if (m_state == OnRide)
        return RideRoute::via(m_hasPartnerLocation ? m_partnerLocation : m_pickup, {m_destination});
    return {};
}

QVariantList RideController::route() const
{
    return RouteSimulator::toVariantList(routePoints());
}

double RideController::remainingMeters() const
{
    return RideRoute::lengthMeters(routePoints());
}

int RideController::etaSeconds() const
{
    return RideRoute::etaSeconds(remainingMeters());
}

bool RideController::isConnected() const
{
    return m_requests.isConnected();
}

void RideController::setIdentity(const QString &userId, Role role)
{
    const bool roleChanged = role != m_role;
    m_userId = userId;
    m_role = role;
    if (roleChanged)
        Q_EMIT this->roleChanged();
    if (isDriver() && !m_hasOwnLocation) {
        // Spread simulated drivers over ~3 km around the centre, stable per user.
        const size_t h = qHash(userId, 0); // explicit seed: the same spot in every run
        m_ownLocation = {kCityCentre.lat + (int(h % 101) - 50) * 0.0003,
                         kCityCentre.lng + (int((h / 101) % 101) - 50) * 0.0003};
        m_hasOwnLocation = true;
        m_simulator.setPosition(m_ownLocation);
        Q_EMIT ownLocationChanged();
    }
}

void RideController::setState(State state)
{
    if (m_state == state)
        return;
    qCDebug(lcClientRide) << "ride state" << stateName(m_state) << "->" << stateName(state);
    m_state = state;
    if (m_state != Proposal)
        m_countdown.stop();
    m_locationSender.setBeaconing(isDriver() && m_online
                                  && (m_state == Online || m_state == Proposal));
    updateDriving();
    Q_EMIT stateChanged();
    Q_EMIT rideChanged(); // hasPartner depends on the state
    // The route depends on the state (to the pickup, then to the destination): without this
    // a passenger saw "Remaining 0 m" (the driver at the pickup) right after the start.
    Q_EMIT routeChanged();
    save();
}

void RideController::setOutcome(const QString &outcome)
{
    if (outcome.isEmpty()) {
        m_cancelReason.clear();
        m_cancelledBy.clear();
    }
    if (m_lastOutcome == outcome)
        return;
    m_lastOutcome = outcome;
    Q_EMIT lastOutcomeChanged();
}

void RideController::clearError()
{
    m_requests.clearError();
}

void RideController::finish()
{
    if (m_state != Completed)
        return;
    clearRide();
    if (isDriver() && m_online) {
        setState(Online);
        // Available again: tell the matcher where we are now.
        sendBeacon();
    } else {
        setState(Idle);
    }
}

// --- server events ---

void RideController::onMessage(const Envelope &envelope)
{
    m_presence.handle(envelope);
    switch (envelope.type) {
    case MessageType::MatchProposal:
        handleProposal(envelope);
        break;
    case MessageType::MatchStatus:
        handleMatchStatus(envelope);
        break;
    case MessageType::RidePickup: {
        const auto r = decode<RidePickup>(envelope.payload);
        if (!r.ok() || (m_state != Matched && m_rideId != r->rideId))
            return;
        m_rideId = r->rideId;
        setPartner(isDriver() ? r->passengerId : r->driverId);
        m_requests.done();
        Q_EMIT rideChanged();
        setState(OnRide);
        if (isDriver()) {
            // Where the ride starts, at once: the server charges the distance from the first
            // position it gets during the ride, so a car that waited at the pickup would lose
            // the way to its next fix (and with it a piece of the fare).
            m_locationSender.catchUp();
            sendLocation();
        }
        break;
    }
    case MessageType::LocationUpdate: {
        const auto l = decode<LocationUpdate>(envelope.payload);
        if (!l.ok() || isDriver())
            return;
        if ((!l->rideId.isEmpty() && l->rideId != m_rideId)
            || (!l->driverId.isEmpty() && l->driverId != m_partnerId))
            return;
        m_partnerLocation = l->location;
        m_hasPartnerLocation = true;
        m_presence.markActive(m_partnerId); // a live position: evidently online
        Q_EMIT partnerLocationChanged();
        Q_EMIT routeChanged();
        break;
    }
    case MessageType::RideDriverAtPickup: {
        const auto a = decode<RideDriverAtPickup>(envelope.payload);
        if (!a.ok() || a->rideId != m_rideId || m_state != Matched)
            return;
        m_driverAtPickup = true;
        Q_EMIT rideChanged();
        if (!isDriver())
            Q_EMIT attentionRequested(QStringLiteral("driver_at_pickup"));
        break;
    }
    case MessageType::PaymentRequest:
    case MessageType::RideCompleted:
        handleFare(envelope);
        break;
    default:
        break;
    }
}

void RideController::handleProposal(const Envelope &envelope)
{
    const auto p = decode<MatchProposal>(envelope.payload);
    if (!p.ok())
        return;
    if (isDriver()) {
        if (m_state != Online && m_state != Idle && m_state != Proposal) {
            qCInfo(lcClientRide) << "proposal while busy with a ride ignored";
            return;
        }
        m_matchId = p->matchId;
        setPartner(p->passengerId);
        m_pickup = p->pickup;
        m_destination = p->destination;
        m_hasTrip = true;
        m_proposalDistance = p->distanceMeters;
        m_partnerProfile.reset();
        setPartnerProfile(p->passenger);
        m_tripFare = p->fare.value_or(0);
        m_tripDistance = p->tripDistanceMeters.value_or(0);
        setOutcome({});
        m_countdown.start(p->expiresAt);
        Q_EMIT rideChanged();
        setState(Proposal);
        Q_EMIT attentionRequested(QStringLiteral("proposal"));
    } else {
        if (m_state != Searching)
            return;
        m_matchId = p->matchId;
        setPartner(p->driverId);
        m_driverFound = true;
        m_proposalDistance = p->distanceMeters;
        m_partnerProfile.reset();
        setPartnerProfile(p->driver);
        m_tripFare = p->fare.value_or(m_tripFare);
        m_tripDistance = p->tripDistanceMeters.value_or(m_tripDistance);
        Q_EMIT rideChanged();
        save();
    }
}

void RideController::handleMatchStatus(const Envelope &envelope)
{
    const auto s = decode<MatchStatus>(envelope.payload);
    if (!s.ok())
        return;
    const MatchOutcome outcome = s->outcome();
    if (outcome == MatchOutcome::Accepted) {
        if (m_state >= Matched && m_matchId == s->matchId)
            return; // already there
        m_matchId = s->matchId;
        m_rideId = s->rideId;
        setPartner(isDriver() ? s->passengerId : s->driverId);
        setPartnerProfile(isDriver() ? s->passenger : s->driver);
        m_tripFare = s->fare.value_or(m_tripFare);
        m_tripDistance = s->tripDistanceMeters.value_or(m_tripDistance);
        m_driverFound = false;
        // The partner was just active (requested or accepted). The hub only tells contacts
        // about presence changes and on connect, so a new partner is otherwise unknown.
        m_presence.assumeOnline(m_partnerId);
        m_requests.done();
        setOutcome({});
        Q_EMIT rideChanged();
        setState(Matched);
        if (!isDriver())
            Q_EMIT attentionRequested(QStringLiteral("matched"));
        return;
    }
    if (!m_matchId.isEmpty() && s->matchId != m_matchId && outcome != MatchOutcome::NoDriver)
        return; // about an older proposal
    m_cancelReason = s->reason;
    m_cancelledBy = s->cancelledBy;
    if (outcome == MatchOutcome::DriverCancelled) {
        handleDriverCancelled(s->status);
        return;
    }
    if (outcome == MatchOutcome::Cancelled && m_state == Matched) {
        // The passenger cancelled before pickup.
        m_requests.done();
        setOutcome(s->status);
        clearRide();
        setState(isDriver() ? (m_online ? Online : Idle) : Idle);
        if (isDriver() && m_online)
            sendBeacon();
        return;
    }
    if (isDriver()) {
        if (m_state == Proposal) {
            m_requests.done();
            setOutcome(s->status);
            clearRide();
            setState(m_online ? Online : Idle);
        }
    } else if (m_state == Searching) {
        if (outcome == MatchOutcome::Rejected || outcome == MatchOutcome::Expired) {
            // The server proposes the next driver; keep searching.
            m_driverFound = false;
            m_matchId.clear();
            setPartner({});
            setOutcome(s->status);
            Q_EMIT rideChanged();
            save();
        } else {
            m_requests.done();
            setOutcome(s->status);
            clearRide();
            setState(Idle);
        }
    }
}

void RideController::handleDriverCancelled(const QString &status)
{
    if (m_state != Matched)
        return;
    m_requests.done();
    if (isDriver()) {
        // We withdrew: available again (or off duty).
        setOutcome(status);
        clearRide();
        setState(m_online ? Online : Idle);
        sendBeacon();
        return;
    }
    // The server searches again, as after a reject: back to "looking for a driver".
    m_rideId.clear();
    setPartner({});
    m_partnerProfile.reset();
    m_driverFound = false;
    m_driverAtPickup = false;
    m_hasPartnerLocation = false;
    setOutcome(status);
    Q_EMIT lastOutcomeChanged(); // the reason changed even if the outcome did not
    Q_EMIT rideChanged();
    Q_EMIT partnerLocationChanged();
    setState(Searching);
}

void RideController::handleFare(const Envelope &envelope)
{
    if (envelope.type == MessageType::PaymentRequest) {
        const auto p = decode<PaymentRequest>(envelope.payload);
        if (!p.ok() || (!m_rideId.isEmpty() && p->rideId != m_rideId))
            return;
        m_rideId = p->rideId;
        m_fare = p->fare;
        m_rideDistance = p->distanceMeters;
        m_currency = p->currency;
        m_requests.done();
        Q_EMIT fareChanged();
        setState(AwaitingPayment);
        if (!isDriver())
            Q_EMIT attentionRequested(QStringLiteral("payment"));
        return;
    }
    const auto c = decode<RideCompleted>(envelope.payload);
    if (!c.ok() || (!m_rideId.isEmpty() && c->rideId != m_rideId))
        return;
    if (m_state < Matched && m_rideId.isEmpty())
        return; // a ride this device already left
    m_rideId = c->rideId;
    m_fare = c->fare;
    m_rideDistance = c->distanceMeters;
    m_paymentMethod = c->method;
    m_requests.done();
    Q_EMIT fareChanged();
    setState(Completed);
}

void RideController::onReply(const QString &requestId, const Envelope &)
{
    m_requests.handleReply(requestId);
}

void RideController::onError(const QString &requestId, const ProtocolError &error)
{
    if (const auto type = m_requests.handleError(requestId, error))
        handleRefusal(*type, error);
}

void RideController::handleRefusal(MessageType type, const ProtocolError &error)
{
    switch (type) {
    case MessageType::BeaconUpdate:
        if (m_online) {
            setOnline(false);
            setState(Idle);
        }
        break;
    case MessageType::FinderUpdate:
        if (m_state == Searching) {
            clearRide();
            setState(Idle);
        }
        break;
    case MessageType::RideRate:
        m_myRating = 0;
        Q_EMIT myRatingChanged();
        break;
    case MessageType::MatchConfirm:
        if (error.code == ErrorCode::Conflict || error.code == ErrorCode::NotFound
            || (m_state == Proposal && !m_countdown.isRunning()))
            expireProposal();
        break;
    default:
        break;
    }
}

void RideController::onConnectionStateChanged()
{
    m_presence.setConnected(isConnected());
    if (!isConnected())
        return;
    // Whatever was queued goes out now, in order.
    m_requests.setQueuedAction({});
    // What the car recorded while offline first: the server counts a batch only if it is
    // older than the live positions it already has (docs/protocol.md, location_batch).
    sendOfflineTrack();
    // Catch the live position up straight away rather than at the next tick.
    m_locationSender.catchUp();
    sendLocation();
}

void RideController::setPartner(const QString &partnerId)
{
    m_partnerId = partnerId;
    m_presence.setPartner(partnerId);
}

void RideController::clearRide()
{
    m_matchId.clear();
    m_rideId.clear();
    setPartner({});
    m_driverFound = false;
    m_hasTrip = isDriver() ? false : m_hasTrip;
    m_hasPartnerLocation = false;
    m_proposalDistance = 0;
    m_countdown.stop();
    m_fare = 0;
    m_rideDistance = 0;
    m_paymentMethod.clear();
    m_partnerProfile.reset();
    m_tripFare = 0;
    m_tripDistance = 0;
    m_driverAtPickup = false;
    if (m_myRating != 0) {
        m_myRating = 0;
        Q_EMIT myRatingChanged();
    }
    Q_EMIT rideChanged();
    Q_EMIT partnerLocationChanged();
    Q_EMIT fareChanged();
    Q_EMIT routeChanged();
}

void RideController::reset()
{
    m_simulator.stop();
    m_locationSender.stop();
    m_requests.clear();
    setOutcome({});
    clearRide();
    m_hasTrip = false;
    m_hasOwnLocation = false;
    m_presence.clear();
    setOnline(false);
    m_cache.setPath({});
    m_track.setPath({});
    m_estimator.clear();
    m_state = Idle;
    Q_EMIT stateChanged();
    Q_EMIT ownLocationChanged();
    Q_EMIT rideChanged();
}

// --- persistence ---

void RideController::setCacheFile(const QString &path)
{
    m_cache.setPath(path);
    m_track.setPath(path.isEmpty() ? QString()
                                   : QFileInfo(path).dir().filePath(QStringLiteral("track.json")));
    Q_EMIT offlineFixesChanged();
    load();
}

void RideController::load()
{
    const std::optional<RideSnapshot> s = m_cache.load();
    if (!s || s->role != roleName(m_role))
        return;
    m_matchId = s->matchId;
    m_rideId = s->rideId;
    setPartner(s->partnerId);
    m_driverFound = s->driverFound;
    m_hasTrip = s->pickup && s->destination;
    if (m_hasTrip) {
        m_pickup = *s->pickup;
        m_destination = *s->destination;
    }
    if (s->ownLocation) {
        m_ownLocation = *s->ownLocation;
        m_hasOwnLocation = true;
        m_simulator.setPosition(m_ownLocation);
    }
    m_fare = s->fare;
    m_rideDistance = s->distanceMeters;
    m_currency = s->currency;
    setOnline(s->online);
    State state = stateFromName(s->state);
    if (state == Proposal) {
        // A proposal does not outlive a restart: it has expired or been answered.
        m_matchId.clear();
        setPartner({});
        m_hasTrip = false;
        state = m_online ? Online : Idle;
    }
    Q_EMIT rideChanged();
    Q_EMIT fareChanged();
    Q_EMIT ownLocationChanged();
    m_state = Idle;
    setState(state);
}

RideSnapshot RideController::snapshot() const
{
    RideSnapshot s;
    s.role = roleName(m_role);
    s.state = stateName(m_state);
    s.online = m_online;
    s.matchId = m_matchId;
    s.rideId = m_rideId;
    s.partnerId = m_partnerId;
    s.driverFound = m_driverFound;
    if (m_hasTrip) {
        s.pickup = m_pickup;
        s.destination = m_destination;
    }
    if (m_hasOwnLocation)
        s.ownLocation = m_ownLocation;
    s.fare = m_fare;
    s.distanceMeters = m_rideDistance;
    s.currency = m_currency;
    return s;
}

void RideController::save() const
{
    m_cache.save(snapshot());
}

} // namespace NebengJek::Client
