// SPDX-License-Identifier: MIT
#include "ridesession.h"

#include "logging.h"
#include "riderequests.h"

#include <protocol/matchoutcome.h>
#include <protocol/messages/deliverymessages.h>
#include <protocol/messages/ridefeaturemessages.h>
#include <protocol/messages/ridemessages.h>

#include <cmath>

namespace NebengJek::Client {

using namespace Protocol;

namespace {
// The cache keeps the state by name ("on_ride") so the file survives enum changes.
QString stateName(RideSession::State s)
{
    switch (s) {
    case RideSession::Idle:
        return QStringLiteral("idle");
    case RideSession::Online:
        return QStringLiteral("online");
    case RideSession::Searching:
        return QStringLiteral("searching");
    case RideSession::Proposal:
        return QStringLiteral("proposal");
    case RideSession::Matched:
        return QStringLiteral("matched");
    case RideSession::OnRide:
        return QStringLiteral("on_ride");
    case RideSession::AwaitingPayment:
        return QStringLiteral("awaiting_payment");
    case RideSession::Completed:
        return QStringLiteral("completed");
    }
    return QStringLiteral("idle");
}

RideSession::State stateFromName(const QString &name)
{
    for (int s = RideSession::Idle; s <= RideSession::Completed; ++s) {
        if (stateName(RideSession::State(s)) == name)
            return RideSession::State(s);
    }
    return RideSession::Idle;
}
} // namespace

RideSession::RideSession(RideRequests *requests, QObject *parent)
    : QObject(parent)
    , m_requests(requests)
{ }

bool RideSession::isValidPosition(const GeoPoint &point)
{
    return std::isfinite(point.lat) && std::isfinite(point.lng) && point.lat >= -90
            && point.lat <= 90 && point.lng >= -180 && point.lng <= 180;
}

void RideSession::setIdentity(const QString &userId, Role role)
{
    const bool changed = role != m_role;
    m_userId = userId;
    m_role = role;
    if (changed)
        Q_EMIT roleChanged();
}

void RideSession::setState(State state)
{
    if (m_state == state)
        return;
    qCDebug(lcClientRide) << "ride state" << stateName(m_state) << "->" << stateName(state);
    m_state = state;
    if (m_state != Proposal)
        m_countdown.stop();
    Q_EMIT stateChanged();
    Q_EMIT rideChanged(); // hasPartner depends on the state
    // The route depends on the state (to the pickup, then to the destination): without this
    // a passenger saw "Remaining 0 m" (the driver at the pickup) right after the start.
    Q_EMIT routeChanged();
    save();
}

RideSession::State RideSession::restingState() const
{
    return isDriver() && m_online ? Online : Idle;
}

void RideSession::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    Q_EMIT onlineChanged();
}

QVariantMap RideSession::partnerCard() const
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

void RideSession::setPartnerProfile(const std::optional<Profile> &profile)
{
    // Only about the partner we have: a profile for someone else is not theirs.
    if (profile && profile->userId == m_partnerId)
        m_partnerProfile = profile;
}

void RideSession::setPartner(const QString &partnerId)
{
    m_partnerId = partnerId;
    m_presence.setPartner(partnerId);
}

void RideSession::setTrip(const GeoPoint &pickup, const GeoPoint &destination)
{
    m_pickup = pickup;
    m_destination = destination;
    m_hasTrip = true;
    setOwnLocation(pickup);
    Q_EMIT rideChanged();
}

void RideSession::setOwnLocation(const GeoPoint &location)
{
    if (m_hasOwnLocation && m_ownLocation == location)
        return;
    m_ownLocation = location;
    m_hasOwnLocation = true;
    Q_EMIT ownLocationChanged();
    Q_EMIT routeChanged();
}

void RideSession::setMyRating(int stars)
{
    if (m_myRating == stars)
        return;
    m_myRating = stars;
    Q_EMIT myRatingChanged();
}

void RideSession::setOutcome(const QString &outcome)
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

void RideSession::endAttempt(const QString &outcome)
{
    m_requests->done();
    setOutcome(outcome);
    clearRide();
    setState(restingState());
}

void RideSession::clearRide()
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
    setMyRating(0);
    Q_EMIT rideChanged();
    Q_EMIT partnerLocationChanged();
    Q_EMIT fareChanged();
    Q_EMIT routeChanged();
}

void RideSession::reset()
{
    setOutcome({});
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

void RideSession::rate(int stars, const QString &comment)
{
    if (m_state != Completed || m_rideId.isEmpty() || stars < 1 || stars > 5 || m_myRating != 0)
        return;
    m_requests->clearError();
    RideRate rating;
    rating.rideId = m_rideId;
    rating.rating = stars;
    rating.comment = comment.left(RideRate::kMaxCommentLength);
    m_requests->sendTracked(rating.kType, rating.toJson(), QStringLiteral("rate"));
    setMyRating(stars);
}

void RideSession::finish()
{
    if (m_state != Completed)
        return;
    clearRide();
    setState(restingState());
    if (m_state == Online)
        Q_EMIT availableAgain(); // tell the matcher where we are now
}

// --- server events ---

void RideSession::handleMessage(const Envelope &envelope)
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
        m_requests->done();
        Q_EMIT rideChanged();
        setState(OnRide);
        Q_EMIT rideStarted();
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

void RideSession::handleProposal(const Envelope &envelope)
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

void RideSession::handleMatchStatus(const Envelope &envelope)
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
        m_requests->done();
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
        endAttempt(s->status);
        if (isDriver() && m_online)
            Q_EMIT availableAgain();
        return;
    }
    if (isDriver()) {
        if (m_state == Proposal)
            endAttempt(s->status);
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
            endAttempt(s->status);
        }
    }
}

void RideSession::handleDriverCancelled(const QString &status)
{
    if (m_state != Matched)
        return;
    if (isDriver()) {
        // We withdrew: available again (or off duty).
        endAttempt(status);
        Q_EMIT availableAgain();
        return;
    }
    // The server searches again, as after a reject: back to "looking for a driver".
    m_requests->done();
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

void RideSession::handleFare(const Envelope &envelope)
{
    if (envelope.type == MessageType::PaymentRequest) {
        const auto p = decode<PaymentRequest>(envelope.payload);
        if (!p.ok() || (!m_rideId.isEmpty() && p->rideId != m_rideId))
            return;
        m_rideId = p->rideId;
        m_fare = p->fare;
        m_rideDistance = p->distanceMeters;
        m_currency = p->currency;
        m_requests->done();
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
    m_requests->done();
    Q_EMIT fareChanged();
    setState(Completed);
}

void RideSession::handleRefusal(MessageType type, const ProtocolError &)
{
    if (type == MessageType::RideRate)
        setMyRating(0); // not counted: the user may rate again
}

// --- persistence ---

std::optional<RideSession::State> RideSession::restore()
{
    const std::optional<RideSnapshot> s = m_cache.load();
    if (!s || s->role != roleName(m_role))
        return std::nullopt;
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
    }
    m_fare = s->fare;
    m_rideDistance = s->distanceMeters;
    m_currency = s->currency;
    m_partnerProfile.reset();
    setPartnerProfile(s->partnerProfile);
    setOnline(s->online);
    State state = stateFromName(s->state);
    if (state == Proposal) {
        // A proposal does not outlive a restart: it has expired or been answered.
        m_matchId.clear();
        setPartner({});
        m_partnerProfile.reset();
        m_hasTrip = false;
        state = restingState();
    }
    Q_EMIT rideChanged();
    Q_EMIT fareChanged();
    Q_EMIT ownLocationChanged();
    return state;
}

void RideSession::enter(State state)
{
    m_state = Idle;
    setState(state);
}

RideSnapshot RideSession::snapshot() const
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
    s.partnerProfile = m_partnerProfile;
    return s;
}

void RideSession::save() const
{
    m_cache.save(snapshot());
}

} // namespace NebengJek::Client
