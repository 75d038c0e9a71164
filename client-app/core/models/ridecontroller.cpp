// SPDX-License-Identifier: MIT
#include "ridecontroller.h"

#include "connection/connectionmanager.h"
#include "logging.h"

#include <protocol/messages/authmessages.h>
#include <protocol/messages/deliverymessages.h>
#include <protocol/messages/ridemessages.h>

#include <QDateTime>

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
    , m_locationSender(
              [this](MessageType type, const QJsonObject &payload) { sendRequest(type, payload); })
{
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

QVariantList RideController::route() const
{
    if (!m_hasTrip)
        return {};
    if (isDriver() && m_state == Proposal && m_hasOwnLocation) {
        // The whole job on offer: to the pickup, then to the destination.
        QList<GeoPoint> points {m_ownLocation};
        points.append(RouteSimulator::streetRoute(m_ownLocation, m_pickup));
        points.append(RouteSimulator::streetRoute(m_pickup, m_destination));
        return RouteSimulator::toVariantList(points);
    }
    if (!isDriver() && m_state == Searching) {
        QList<GeoPoint> points {m_pickup};
        points.append(RouteSimulator::streetRoute(m_pickup, m_destination));
        return RouteSimulator::toVariantList(points);
    }
    if (isDriver()) {
        if (m_simulator.isDriving())
            return RouteSimulator::toVariantList(m_simulator.remainingRoute());
        if (!m_hasOwnLocation || (m_state != Matched && m_state != OnRide))
            return {};
        const GeoPoint target = m_state == Matched ? m_pickup : m_destination;
        QList<GeoPoint> points {m_ownLocation};
        points.append(RouteSimulator::streetRoute(m_ownLocation, target));
        return RouteSimulator::toVariantList(points);
    }
    if (m_state == Matched && m_hasPartnerLocation) {
        QList<GeoPoint> points {m_partnerLocation};
        points.append(RouteSimulator::streetRoute(m_partnerLocation, m_pickup));
        return RouteSimulator::toVariantList(points);
    }
    if (m_state == OnRide) {
        const GeoPoint from = m_hasPartnerLocation ? m_partnerLocation : m_pickup;
        QList<GeoPoint> points {from};
        points.append(RouteSimulator::streetRoute(from, m_destination));
        return RouteSimulator::toVariantList(points);
    }
    return {};
}

double RideController::remainingMeters() const
{
    const QVariantList points = route();
    double total = 0;
    for (int i = 1; i < points.size(); ++i)
        total += distanceMeters(toPoint(points.at(i - 1).toMap()), toPoint(points.at(i).toMap()));
    return total;
}

int RideController::etaSeconds() const
{
    return int(std::ceil(remainingMeters() / RouteSimulator::kDefaultSpeedMps));
}

bool RideController::isConnected() const
{
    return m_connection && m_connection->state() == ConnectionManager::Connected;
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

void RideController::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    Q_EMIT onlineChanged();
}

QString RideController::sendRequest(MessageType type, const QJsonObject &payload,
                                    const QString &action)
{
    if (!m_connection)
        return {};
    // Offline: the connection queues it (on disk) and sends it once connected.
    if (!action.isEmpty())
        setQueuedAction(isConnected() ? QString() : action);
    return m_connection->send(type, payload);
}

void RideController::setQueuedAction(const QString &action)
{
    if (m_queuedAction == action)
        return;
    m_queuedAction = action;
    Q_EMIT queuedActionChanged();
}

void RideController::setPending(const QString &requestId, MessageType type)
{
    const bool wasBusy = busy();
    m_pendingRequest = requestId;
    m_pendingType = type;
    if (wasBusy != busy())
        Q_EMIT busyChanged();
}

void RideController::clearPending()
{
    if (m_pendingRequest.isEmpty())
        return;
    m_pendingRequest.clear();
    Q_EMIT busyChanged();
}

void RideController::setOutcome(const QString &outcome)
{
    if (m_lastOutcome == outcome)
        return;
    m_lastOutcome = outcome;
    Q_EMIT lastOutcomeChanged();
}

void RideController::clearError()
{
    if (m_lastError.isEmpty() && m_lastErrorCode.isEmpty())
        return;
    m_lastError.clear();
    m_lastErrorCode.clear();
    Q_EMIT lastErrorChanged();
}

// --- driver actions ---

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
    track(sendRequest(beacon.kType, beacon.toJson(), QStringLiteral("online")), beacon.kType);
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
    setQueuedAction({}); // nothing of this shift is worth announcing any more
    track(sendRequest(beacon.kType, beacon.toJson()), beacon.kType);
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
    setPending(sendRequest(confirm.kType, confirm.toJson(), QStringLiteral("accept")),
               confirm.kType);
}

void RideController::reject()
{
    if (!isDriver() || m_state != Proposal)
        return;
    clearError();
    MatchConfirm confirm;
    confirm.matchId = m_matchId;
    confirm.accepted = false;
    sendRequest(confirm.kType, confirm.toJson());
    clearPending();
    setOutcome(QStringLiteral("rejected"));
    clearRide();
    setState(m_online ? Online : Idle);
}

void RideController::startRide()
{
    if (!isDriver() || m_state != Matched || busy())
        return;
    clearError();
    RideStart start;
    start.rideId = m_rideId;
    setPending(sendRequest(start.kType, start.toJson(), QStringLiteral("start")), start.kType);
}

void RideController::arrive()
{
    if (!isDriver() || m_state != OnRide || busy())
        return;
    clearError();
    RideArrived arrived;
    arrived.rideId = m_rideId;
    setPending(sendRequest(arrived.kType, arrived.toJson(), QStringLiteral("arrive")),
               arrived.kType);
}

// --- passenger actions ---

bool RideController::requestRide(const QVariantMap &pickup, const QVariantMap &destination)
{
    if (isDriver() || (m_state != Idle && m_state != Completed) || !isValidPoint(pickup)
        || !isValidPoint(destination))
        return false;
    clearError();
    setOutcome({});
    clearRide();
    m_pickup = toPoint(pickup);
    m_destination = toPoint(destination);
    m_hasTrip = true;
    m_ownLocation = m_pickup;
    m_hasOwnLocation = true;
    Q_EMIT ownLocationChanged();
    FinderUpdate finder;
    finder.isActive = true;
    finder.pickup = m_pickup;
    finder.destination = m_destination;
    track(sendRequest(finder.kType, finder.toJson(), QStringLiteral("request")), finder.kType);
    Q_EMIT rideChanged();
    setState(Searching);
    return true;
}

void RideController::cancel()
{
    // Until the passenger is on board: a search, a pending proposal or a driver on the way.
    if (isDriver() || (m_state != Searching && m_state != Matched))
        return;
    clearError();
    FinderUpdate finder;
    finder.isActive = false;
    finder.pickup = m_pickup;
    finder.destination = m_destination;
    // A request that never left is simply dropped with the queue's order: say "cancel".
    track(sendRequest(finder.kType, finder.toJson(), QStringLiteral("cancel")), finder.kType);
    clearPending();
    setOutcome(QStringLiteral("cancelled"));
    clearRide();
    setState(Idle);
}

void RideController::pay(const QString &method)
{
    if (isDriver() || m_state != AwaitingPayment || busy())
        return;
    clearError();
    PaymentProcess payment;
    payment.rideId = m_rideId;
    payment.amount = m_fare;
    payment.method = method;
    setPending(sendRequest(payment.kType, payment.toJson(), QStringLiteral("pay")), payment.kType);
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
    sendLocation();
}

// --- server events ---

void RideController::onMessage(const Envelope &envelope)
{
    m_presence.handle(envelope);
    switch (envelope.type) {
    case MessageType::MatchProposal: {
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
            Q_EMIT rideChanged();
            save();
        }
        break;
    }
    case MessageType::MatchStatus:
        handleMatchStatus(envelope);
        break;
    case MessageType::RidePickup: {
        const auto r = decode<RidePickup>(envelope.payload);
        if (!r.ok() || (m_state != Matched && m_rideId != r->rideId))
            return;
        m_rideId = r->rideId;
        setPartner(isDriver() ? r->passengerId : r->driverId);
        clearPending();
        Q_EMIT rideChanged();
        setState(OnRide);
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
    case MessageType::PaymentRequest: {
        const auto p = decode<PaymentRequest>(envelope.payload);
        if (!p.ok() || (!m_rideId.isEmpty() && p->rideId != m_rideId))
            return;
        m_rideId = p->rideId;
        m_fare = p->fare;
        m_rideDistance = p->distanceMeters;
        m_currency = p->currency;
        clearPending();
        Q_EMIT fareChanged();
        setState(AwaitingPayment);
        if (!isDriver())
            Q_EMIT attentionRequested(QStringLiteral("payment"));
        break;
    }
    case MessageType::RideCompleted: {
        const auto c = decode<RideCompleted>(envelope.payload);
        if (!c.ok() || (!m_rideId.isEmpty() && c->rideId != m_rideId))
            return;
        if (m_state < Matched && m_rideId.isEmpty())
            return; // a ride this device already left
        m_rideId = c->rideId;
        m_fare = c->fare;
        m_rideDistance = c->distanceMeters;
        clearPending();
        Q_EMIT fareChanged();
        setState(Completed);
        break;
    }
    default:
        break;
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
        m_driverFound = false;
        // The partner was just active (requested or accepted). The hub only tells contacts
        // about presence changes and on connect, so a new partner is otherwise unknown.
        m_presence.assumeOnline(m_partnerId);
        clearPending();
        setOutcome({});
        Q_EMIT rideChanged();
        setState(Matched);
        if (!isDriver())
            Q_EMIT attentionRequested(QStringLiteral("matched"));
        return;
    }
    if (!m_matchId.isEmpty() && s->matchId != m_matchId && outcome != MatchOutcome::NoDriver)
        return; // about an older proposal
    if (outcome == MatchOutcome::Cancelled && m_state == Matched) {
        // The passenger cancelled before pickup.
        clearPending();
        setOutcome(s->status);
        clearRide();
        setState(isDriver() ? (m_online ? Online : Idle) : Idle);
        if (isDriver() && m_online)
            sendBeacon();
        return;
    }
    if (isDriver()) {
        if (m_state == Proposal) {
            clearPending();
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
            clearPending();
            setOutcome(s->status);
            clearRide();
            setState(Idle);
        }
    }
}

void RideController::track(const QString &requestId, MessageType type)
{
    if (!requestId.isEmpty())
        m_tracked.insert(requestId, type);
}

void RideController::onReply(const QString &requestId, const Envelope &)
{
    // Accepted. The busy requests (confirm, start, arrive, pay) stay busy until their event
    // (match_status, ride_pickup, ...) arrives.
    m_tracked.remove(requestId);
}

void RideController::onError(const QString &requestId, const ProtocolError &error)
{
    if (requestId.isEmpty())
        return;
    MessageType type;
    if (const auto it = m_tracked.constFind(requestId); it != m_tracked.cend()) {
        type = it.value();
        m_tracked.erase(it);
    } else if (requestId == m_pendingRequest) {
        type = m_pendingType;
        clearPending();
    } else {
        return;
    }
    m_lastErrorCode = errorCodeName(error.code);
    m_lastError = error.message;
    Q_EMIT lastErrorChanged();
    qCInfo(lcClientRide) << messageTypeName(type) << "refused:" << m_lastErrorCode;
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
    setQueuedAction({});
    // Catch the live position up straight away rather than at the next tick.
    m_locationSender.catchUp();
    sendLocation();
}

void RideController::setPartner(const QString &partnerId)
{
    m_partnerId = partnerId;
    m_presence.setPartner(partnerId);
}

void RideController::expireProposal()
{
    clearPending();
    clearRide();
    setOutcome(QStringLiteral("expired"));
    setState(m_online ? Online : Idle);
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
    Q_EMIT rideChanged();
    Q_EMIT partnerLocationChanged();
    Q_EMIT fareChanged();
    Q_EMIT routeChanged();
}

void RideController::reset()
{
    m_simulator.stop();
    m_locationSender.stop();
    m_tracked.clear();
    clearPending();
    clearError();
    setOutcome({});
    setQueuedAction({});
    clearRide();
    m_hasTrip = false;
    m_hasOwnLocation = false;
    m_presence.clear();
    setOnline(false);
    m_cache.setPath({});
    m_state = Idle;
    Q_EMIT stateChanged();
    Q_EMIT ownLocationChanged();
    Q_EMIT rideChanged();
}

// --- location ---

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
    sendLocation();
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

// --- persistence ---

void RideController::setCacheFile(const QString &path)
{
    m_cache.setPath(path);
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
