// SPDX-License-Identifier: MIT
#include "rideservice.h"

#include "connectionregistry.h"
#include "deliverylog.h"
#include "fare.h"
#include "hubnotice.h"
#include "logging.h"
#include "matcher.h"
#include "notificationcenter.h"
#include "profileservice.h"
#include "ridesafety.h"
#include "unitofwork.h"

#include <storage/riderepository.h>
#include <storage/storage.h>

#include <QUuid>

#include <limits>

namespace NebengJek::Server {

namespace {

using Protocol::ErrorCode;

// Distances accumulated by location updates are written this often at most (and at every
// transition), so a crash loses at most this much of a ride's distance.
constexpr int kDistanceCheckpointMs = 10000;
// A proposal timer whose unit of work failed (storage down) tries again after this long.
constexpr int kRetryAfterStorageFailureMs = 1000;

QString newId(QLatin1String prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString statusName(RideState state)
{
    return RideStateMachine::stateName(state);
}

void appendNumber(QByteArray &out, double value)
{
    out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

// The relayed location_update, written directly: this runs for every driver position during
// every ride, and the fields are known (identifiers need no escaping, they are [A-Za-z0-9_.:@-]).
QByteArray locationFrame(const Protocol::LocationUpdate &m, const QString &rideId,
                         const QString &driverId, qint64 timestamp)
{
    QByteArray out;
    out.reserve(224);
    out += R"({"type":"location_update","payload":{"lat":)";
    appendNumber(out, m.location.lat);
    out += R"(,"lng":)";
    appendNumber(out, m.location.lng);
    if (m.heading) {
        out += R"(,"heading":)";
        appendNumber(out, *m.heading);
    }
    if (m.speed) {
        out += R"(,"speed":)";
        appendNumber(out, *m.speed);
    }
    out += R"(,"ride_id":")";
    out += rideId.toLatin1();
    out += R"(","driver_id":")";
    out += driverId.toLatin1();
    out += R"(","timestamp":)";
    out += QByteArray::number(timestamp);
    out += "}}";
    return out;
}

} // namespace

RideService::RideService(Storage &storage, const HubConfig &config, ConnectionRegistry &connections,
                         DeliveryLog &delivery, NotificationCenter &notifications, Matcher &matcher,
                         ProfileService &profiles, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_config(config)
    , m_connections(connections)
    , m_delivery(delivery)
    , m_notifications(notifications)
    , m_matcher(matcher)
    , m_profiles(profiles)
{
    m_checkpointTimer.setInterval(kDistanceCheckpointMs);
    connect(&m_checkpointTimer, &QTimer::timeout, this, &RideService::checkpointDistances);
    m_checkpointTimer.start();
}

RideService::~RideService() = default;

bool RideService::load()
{
    const auto stored = m_storage.rides().findInStates(RideStateMachine::activeStateNames());
    if (!stored.ok)
        return false;
    for (const RideRecord &record : stored.value) {
        const std::optional<Ride> ride = Ride::fromRecord(record);
        if (!ride) {
            qCWarning(lcRide) << "skipping stored match with unknown state" << record.state;
            continue;
        }
        remember(*ride);
        // A crash between two proposals leaves a match searching: continue it as if its
        // last proposal had just timed out.
        if (ride->state == RideState::Searching)
            QTimer::singleShot(0, this, [this, id = ride->matchId] { proposalTimedOut(id); });
    }
    qCInfo(lcRide) << "loaded" << m_active.size() << "active matches";
    return true;
}

void RideService::reload()
{
    const QStringList held = m_active.keys();
    load();
    for (const QString &id : held)
        refresh(id); // ended meanwhile: leaves memory
}

bool RideService::reloadFromStorage()
{
    for (const Ride &ride : std::as_const(m_active))
        unindex(ride);
    m_active.clear();
    return load();
}

// --- lookups ---------------------------------------------------------------------------

RideService::Lookup RideService::findByMatchId(const QString &matchId)
{
    if (!isShared()) {
        if (auto it = m_active.constFind(matchId); it != m_active.constEnd())
            return {true, *it};
    }
    return fromStored(m_storage.rides().findByMatchId(matchId));
}

RideService::Lookup RideService::findByRideId(const QString &rideId, bool forChange)
{
    if (!isShared()) {
        if (auto it = m_matchByRideId.constFind(rideId); it != m_matchByRideId.constEnd())
            return {true, m_active.value(*it)};
    }
    return fromStored(m_storage.rides().findByRideId(rideId, forChange));
}

RideService::Lookup RideService::lockMatch(const QString &matchId)
{
    if (!isShared()) {
        if (auto it = m_active.constFind(matchId); it != m_active.constEnd())
            return {true, *it};
    }
    return fromStored(m_storage.rides().findByMatchId(matchId, true));
}

RideService::Lookup RideService::fromStored(const StorageResult<std::optional<RideRecord>> &stored)
{
    if (!stored.ok)
        return {};
    if (!stored.value)
        return {true, std::nullopt};
    std::optional<Ride> ride = Ride::fromRecord(*stored.value);
    // In a cluster the database is the truth, except for the distance of a ride in progress:
    // this node's memory is ahead of it when the driver's location updates arrive here.
    if (ride) {
        if (auto it = m_active.constFind(ride->matchId);
            it != m_active.constEnd() && it->distanceDirty && it->version == ride->version) {
            ride->distanceMeters = it->distanceMeters;
            ride->lastDriverLocation = it->lastDriverLocation;
        }
    }
    return {true, ride};
}

void RideService::refresh(const QString &matchId)
{
    const auto stored = m_storage.rides().findByMatchId(matchId);
    if (!stored.ok || !stored.value)
        return;
    const std::optional<Ride> ride = Ride::fromRecord(*stored.value);
    if (!ride)
        return;
    if (auto it = m_active.constFind(matchId);
        it != m_active.constEnd() && it->version > ride->version)
        return; // a notice older than what we hold
    remember(*ride);
}

Outcome RideService::saveFailure()
{
    if (std::exchange(m_lastSaveConflicted, false))
        return Outcome::fail(ErrorCode::Conflict,
                             QStringLiteral("the ride changed meanwhile; load it and retry"));
    return Outcome::storageFailure();
}

QStringList RideService::activePartnersOf(const QString &userId) const
{
    QStringList partners;
    for (const auto *index : {&m_matchByDriver, &m_matchByPassenger}) {
        if (auto it = index->constFind(userId); it != index->constEnd()) {
            const Ride &ride = m_active[*it];
            const QString partner = ride.partnerOf(userId);
            if (!partner.isEmpty() && !partners.contains(partner))
                partners.append(partner);
        }
    }
    return partners;
}

const Ride *RideService::activeRideOf(const QString &userId) const
{
    QString matchId = m_matchByPassenger.value(userId);
    if (matchId.isEmpty())
        matchId = m_matchByDriver.value(userId);
    auto it = m_active.constFind(matchId);
    return it == m_active.constEnd() ? nullptr : &*it;
}

bool RideService::isBusy(const QString &driverId, const QString &exceptMatchId) const
{
    auto it = m_matchByDriver.constFind(driverId);
    return it != m_matchByDriver.constEnd() && *it != exceptMatchId;
}

Outcome
RideService::transitionError(const std::variant<RideState, Protocol::ProtocolError> &check) const
{
    return Outcome::fail(std::get<Protocol::ProtocolError>(check));
}

// --- driver availability and location ---------------------------------------------------

Outcome RideService::beaconUpdate(const Caller &caller, const Protocol::BeaconUpdate &message)
{
    if (message.isActive)
        m_matcher.setAvailable(caller.userId, *message.location);
    else
        m_matcher.setUnavailable(caller.userId);
    m_remoteDriverNode.remove(caller.userId);
    broadcastBeacon(caller.userId, message.isActive, message.location);
    qCDebug(lcRide) << "driver beacon" << (message.isActive ? "on" : "off");
    return Outcome::ack({{QStringLiteral("is_active"), message.isActive},
                         {QStringLiteral("busy"), isBusy(caller.userId, {})}});
}

void RideService::driverWentOffline(const QString &driverId)
{
    m_matcher.setUnavailable(driverId);
    if (m_remoteDriverNode.remove(driverId) == 0)
        broadcastBeacon(driverId, false, std::nullopt);
}

bool RideService::isShared() const
{
    return m_connections.isClustered();
}

void RideService::broadcastBeacon(const QString &driverId, bool available,
                                  const std::optional<Protocol::GeoPoint> &location)
{
    if (!isShared())
        return;
    QJsonObject fields {{QStringLiteral("d"), driverId}, {QStringLiteral("on"), available}};
    if (location) {
        fields.insert(QStringLiteral("lat"), location->lat);
        fields.insert(QStringLiteral("lng"), location->lng);
    }
    m_connections.link().broadcast(HubNotice::make(HubNotice::kBeacon, fields));
}

void RideService::remoteBeacon(const QString &node, const QString &driverId, bool available,
                               const Protocol::GeoPoint &location)
{
    if (m_connections.isConnected(driverId))
        return; // this node holds the driver: its own beacons decide
    if (available) {
        m_matcher.setAvailable(driverId, location);
        m_remoteDriverNode.insert(driverId, node);
    } else {
        m_matcher.setUnavailable(driverId);
        m_remoteDriverNode.remove(driverId);
    }
}

void RideService::nodeLost(const QString &node)
{
    for (auto it = m_remoteDriverNode.begin(); it != m_remoteDriverNode.end();) {
        if (it.value() == node) {
            m_matcher.setUnavailable(it.key());
            it = m_remoteDriverNode.erase(it);
        } else {
            ++it;
        }
    }
}

void RideService::forgetRemoteDrivers()
{
    for (auto it = m_remoteDriverNode.cbegin(); it != m_remoteDriverNode.cend(); ++it)
        m_matcher.setUnavailable(it.key());
    m_remoteDriverNode.clear();
}

void RideService::announceLocalDrivers()
{
    for (const QString &driverId : m_matcher.availableDrivers()) {
        if (!m_remoteDriverNode.contains(driverId))
            broadcastBeacon(driverId, true, m_matcher.locationOf(driverId));
    }
}

void RideService::driverLocation(const Caller &caller, const Protocol::LocationUpdate &message)
{
    m_matcher.updateLocation(caller.userId, message.location);
    const auto match = m_matchByDriver.constFind(caller.userId);
    if (match == m_matchByDriver.constEnd())
        return;
    auto it = m_active.find(*match);
    if (it == m_active.end())
        return;
    Ride &ride = *it;
    if (ride.state != RideState::Accepted && ride.state != RideState::InProgress)
        return;
    if (ride.state == RideState::InProgress && ride.lastDriverLocation) {
        ride.distanceMeters += Protocol::distanceMeters(*ride.lastDriverLocation, message.location);
        ride.distanceDirty = true;
    }
    ride.lastDriverLocation = message.location;
    m_connections.sendToUser(ride.passengerId,
                             locationFrame(message, ride.rideId, caller.userId, caller.now));
}

// --- matching ------------------------------------------------------------------------------

Outcome RideService::finderUpdate(const Caller &caller, UnitOfWork &uow,
                                  const Protocol::FinderUpdate &message)
{
    if (!message.isActive)
        return cancel(caller, uow);
    if (m_matchByPassenger.contains(caller.userId))
        return Outcome::fail(ErrorCode::Conflict,
                             QStringLiteral("you already have an active ride request"));
    if (message.pickup == message.destination)
        return Outcome::invalid(QStringLiteral("destination"),
                                QStringLiteral("destination must differ from pickup"));

    Ride ride;
    ride.matchId = newId(QLatin1String("match-"));
    ride.passengerId = caller.userId;
    ride.pickup = message.pickup;
    ride.destination = message.destination;
    ride.state = RideState::Searching;
    ride.createdAt = caller.now;
    if (!proposeNext(uow, ride, caller.now) || !save(uow, ride, caller.now))
        return saveFailure();
    qCInfo(lcRide) << "ride request" << ride.matchId << "->" << statusName(ride.state);
    return Outcome::ack({{QStringLiteral("match_id"), ride.matchId},
                         {QStringLiteral("status"),
                          ride.state == RideState::Proposed ? QStringLiteral("proposed")
                                                            : QStringLiteral("no_driver")}});
}

Outcome RideService::cancel(const Caller &caller, UnitOfWork &uow)
{
    const QString matchId = m_matchByPassenger.value(caller.userId);
    if (matchId.isEmpty())
        return Outcome::fail(ErrorCode::NotFound,
                             QStringLiteral("no active ride request to cancel"));
    const Lookup found = lockMatch(matchId);
    if (!found.ok)
        return Outcome::storageFailure();
    if (!found.value)
        return Outcome::fail(ErrorCode::NotFound,
                             QStringLiteral("no active ride request to cancel"));
    return cancelByPassenger(caller, uow, *found.value, {});
}

bool RideService::proposeNext(UnitOfWork &uow, Ride &ride, qint64 now)
{
    const auto candidate = m_matcher.nearest(
            ride.pickup, ride.pastCandidates,
            [this, &ride](const QString &driverId) { return isBusy(driverId, ride.matchId); });
    if (!candidate) {
        RideStateMachine::apply(ride, RideEvent::NoDriver);
        ride.driverId.clear();
        ride.proposalExpiresAt = 0;
        Protocol::MatchStatus status;
        status.matchId = ride.matchId;
        status.status = QStringLiteral("no_driver");
        status.passengerId = ride.passengerId;
        qCInfo(lcRide) << "match" << ride.matchId << ": no driver";
        return uow.deliver(ride.passengerId, Protocol::toEnvelope(status))
                && m_notifications.notify(
                        uow, ride.passengerId, QStringLiteral("no_driver"),
                        QStringLiteral("No driver available"),
                        QStringLiteral("Please try again in a moment."),
                        {{QStringLiteral("match_id"), ride.matchId}},
                        Protocol::LocalizedText {QStringLiteral("notification.no_driver"), {}});
    }
    RideStateMachine::apply(ride, RideEvent::Propose);
    ride.driverId = candidate->driverId;
    ride.proposalExpiresAt = now + m_config.proposalTimeoutMs;
    Protocol::MatchProposal proposal;
    proposal.matchId = ride.matchId;
    proposal.driverId = ride.driverId;
    proposal.passengerId = ride.passengerId;
    proposal.pickup = ride.pickup;
    proposal.destination = ride.destination;
    proposal.distanceMeters = candidate->distanceMeters;
    proposal.expiresAt = ride.proposalExpiresAt;
    describeTrip(ride, &proposal.fare, &proposal.tripDistanceMeters, &proposal.driver,
                 &proposal.passenger);
    qCInfo(lcRide) << "match" << ride.matchId << "proposed to a driver"
                   << qRound(candidate->distanceMeters) << "m away";
    return deliverToParties(uow, ride, Protocol::toEnvelope(proposal));
}

Outcome RideService::matchConfirm(const Caller &caller, UnitOfWork &uow,
                                  const Protocol::MatchConfirm &message)
{
    const Lookup found = lockMatch(message.matchId);
    if (!found.ok)
        return Outcome::storageFailure();
    if (!found.value)
        return Outcome::fail(ErrorCode::NotFound, QStringLiteral("no such match"));
    Ride ride = *found.value;
    const RideEvent event = message.accepted ? RideEvent::Accept : RideEvent::Reject;
    const auto check = RideStateMachine::check(ride, event, caller.userId);
    if (std::holds_alternative<Protocol::ProtocolError>(check))
        return transitionError(check);

    RideStateMachine::apply(ride, event);
    ride.proposalExpiresAt = 0;
    if (message.accepted) {
        ride.rideId = newId(QLatin1String("ride-"));
        ride.acceptedAt = caller.now;
        Protocol::MatchStatus status;
        status.matchId = ride.matchId;
        status.status = QStringLiteral("accepted");
        status.driverId = ride.driverId;
        status.passengerId = ride.passengerId;
        status.rideId = ride.rideId;
        describeTrip(ride, &status.fare, &status.tripDistanceMeters, &status.driver,
                     &status.passenger);
        const QJsonObject data {{QStringLiteral("match_id"), ride.matchId},
                                {QStringLiteral("ride_id"), ride.rideId},
                                {QStringLiteral("driver_id"), ride.driverId}};
        const Protocol::Profile card = status.driver.value_or(Protocol::Profile {});
        const Protocol::LocalizedText text {QStringLiteral("notification.match_found"),
                                            {{QStringLiteral("driver_name"), card.name},
                                             {QStringLiteral("vehicle"), card.vehicle},
                                             {QStringLiteral("plate"), card.plate}}};
        if (!save(uow, ride, caller.now)
            || !deliverToParties(uow, ride, Protocol::toEnvelope(status))
            || !m_notifications.notify(uow, ride.passengerId, QStringLiteral("match_found"),
                                       QStringLiteral("Driver found"),
                                       QStringLiteral("Your driver is on the way."), data, text))
            return saveFailure();
        qCInfo(lcRide) << "match" << ride.matchId << "accepted, ride" << ride.rideId;
        return Outcome::ack({{QStringLiteral("match_id"), ride.matchId},
                             {QStringLiteral("ride_id"), ride.rideId},
                             {QStringLiteral("status"), QStringLiteral("accepted")}});
    }

    Protocol::MatchStatus status;
    status.matchId = ride.matchId;
    status.status = QStringLiteral("rejected");
    status.driverId = ride.driverId;
    status.passengerId = ride.passengerId;
    if (!deliverToParties(uow, ride, Protocol::toEnvelope(status)))
        return Outcome::storageFailure();
    ride.pastCandidates.append(caller.userId);
    if (!proposeNext(uow, ride, caller.now) || !save(uow, ride, caller.now))
        return saveFailure();
    qCInfo(lcRide) << "match" << ride.matchId << "rejected ->" << statusName(ride.state);
    return Outcome::ack({{QStringLiteral("match_id"), ride.matchId},
                         {QStringLiteral("status"), QStringLiteral("rejected")}});
}

void RideService::proposalTimedOut(const QString &matchId)
{
    auto it = m_active.constFind(matchId);
    if (it == m_active.constEnd())
        return;
    if (it->state != RideState::Proposed && it->state != RideState::Searching)
        return; // answered meanwhile
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    UnitOfWork uow(m_storage, m_connections, m_delivery);
    bool ok = uow.isActive();
    // In a cluster every node holds this timer; the row lock makes them take turns, and only
    // the first still finds the proposal due. The others see it answered or re-proposed.
    const Lookup found = ok ? lockMatch(matchId) : Lookup {};
    if (ok && found.ok
        && (!found.value
            || (found.value->state != RideState::Proposed
                && found.value->state != RideState::Searching)
            || (found.value->state == RideState::Proposed
                && found.value->proposalExpiresAt > now))) {
        uow.rollback();
        if (found.value)
            remember(*found.value);
        return;
    }
    ok = ok && found.ok;
    Ride ride = ok ? *found.value : *it;
    if (ok && ride.state == RideState::Proposed) {
        RideStateMachine::apply(ride, RideEvent::Timeout);
        Protocol::MatchStatus status;
        status.matchId = ride.matchId;
        status.status = QStringLiteral("expired");
        status.driverId = ride.driverId;
        status.passengerId = ride.passengerId;
        ok = deliverToParties(uow, ride, Protocol::toEnvelope(status));
        ride.pastCandidates.append(ride.driverId);
        qCInfo(lcRide) << "match" << ride.matchId << "proposal timed out";
    }
    ok = ok && proposeNext(uow, ride, now) && save(uow, ride, now) && uow.commit();
    if (!ok && std::exchange(m_lastSaveConflicted, false)) {
        refresh(matchId); // another node moved it on
        return;
    }
    if (!ok) {
        qCWarning(lcRide) << "match" << matchId << "could not move on; retrying";
        QTimer::singleShot(kRetryAfterStorageFailureMs, this,
                           [this, matchId] { proposalTimedOut(matchId); });
        return;
    }
    uow.dispatch();
}

std::optional<Ride> RideService::rideFor(const QString &rideId, RideEvent event,
                                         const QString &userId, Outcome *refusal)
{
    const Lookup found = findByRideId(rideId, true);
    if (!found.ok) {
        *refusal = Outcome::storageFailure();
        return std::nullopt;
    }
    if (!found.value) {
        *refusal = Outcome::fail(ErrorCode::NotFound, QStringLiteral("no such ride"));
        return std::nullopt;
    }
    const auto check = RideStateMachine::check(*found.value, event, userId);
    if (std::holds_alternative<Protocol::ProtocolError>(check)) {
        *refusal = transitionError(check);
        return std::nullopt;
    }
    return found.value;
}

// --- the ride --------------------------------------------------------------------------------

Outcome RideService::rideStart(const Caller &caller, UnitOfWork &uow,
                               const Protocol::RideStart &message)
{
    Outcome refusal;
    std::optional<Ride> found = rideFor(message.rideId, RideEvent::Start, caller.userId, &refusal);
    if (!found)
        return refusal;
    Ride &ride = *found;
    if (const auto tooFar = checkNear(driverPosition(ride), ride.pickup, m_config.startRadiusMeters,
                                      RidePlace::Pickup))
        return Outcome::fail(*tooFar);
    RideStateMachine::apply(ride, RideEvent::Start);
    ride.startedAt = caller.now;
    ride.distanceMeters = 0;
    // The trip is measured from where the driver is at the start (last fix, else the beacon),
    // not from the first fix after it: a driver waiting at the pickup sends no fix until moving.
    ride.lastDriverLocation = driverPosition(ride);
    const Protocol::RidePickup pickup {ride.rideId, ride.driverId, ride.passengerId,
                                       ride.startedAt};
    if (!save(uow, ride, caller.now) || !deliverToParties(uow, ride, Protocol::toEnvelope(pickup))
        || !m_notifications.notify(uow, ride.passengerId, QStringLiteral("ride_started"),
                                   QStringLiteral("Ride started"),
                                   QStringLiteral("Enjoy your ride."),
                                   {{QStringLiteral("ride_id"), ride.rideId}},
                                   {QStringLiteral("notification.ride_started"), {}}))
        return saveFailure();
    qCInfo(lcRide) << "ride" << ride.rideId << "started";
    return Outcome::ack({{QStringLiteral("ride_id"), ride.rideId},
                         {QStringLiteral("status"), statusName(ride.state)}});
}

Outcome RideService::rideArrived(const Caller &caller, UnitOfWork &uow,
                                 const Protocol::RideArrived &message)
{
    Outcome refusal;
    std::optional<Ride> found = rideFor(message.rideId, RideEvent::Arrive, caller.userId, &refusal);
    if (!found)
        return refusal;
    Ride &ride = *found;
    if (const auto tooFar = checkNear(driverPosition(ride), ride.destination,
                                      m_config.arriveRadiusMeters, RidePlace::Destination))
        return Outcome::fail(*tooFar);
    RideStateMachine::apply(ride, RideEvent::Arrive);
    ride.arrivedAt = caller.now;
    // Without any position during the ride (app in background, GPS off) the straight line
    // from pickup to destination is the fairest estimate we have.
    if (ride.distanceMeters <= 0)
        ride.distanceMeters = Protocol::distanceMeters(ride.pickup, ride.destination);
    ride.fare = computeFare(ride.distanceMeters, m_config);
    ride.distanceDirty = false;
    Protocol::PaymentRequest request;
    request.rideId = ride.rideId;
    request.distanceMeters = ride.distanceMeters;
    request.fare = ride.fare;
    if (!save(uow, ride, caller.now) || !deliverToParties(uow, ride, Protocol::toEnvelope(request))
        || !m_notifications.notify(uow, ride.passengerId, QStringLiteral("payment_requested"),
                                   QStringLiteral("Payment requested"),
                                   QStringLiteral("Fare: IDR %1").arg(ride.fare),
                                   {{QStringLiteral("ride_id"), ride.rideId},
                                    {QStringLiteral("fare"), double(ride.fare)}},
                                   {QStringLiteral("notification.payment_requested"),
                                    {{QStringLiteral("fare"), double(ride.fare)},
                                     {QStringLiteral("currency"), QStringLiteral("IDR")}}}))
        return saveFailure();
    qCInfo(lcRide) << "ride" << ride.rideId << "arrived," << qRound(ride.distanceMeters) << "m";
    return Outcome::ack({{QStringLiteral("ride_id"), ride.rideId},
                         {QStringLiteral("status"), statusName(ride.state)},
                         {QStringLiteral("fare"), double(ride.fare)},
                         {QStringLiteral("distance_m"), ride.distanceMeters}});
}

Outcome RideService::paymentProcess(const Caller &caller, UnitOfWork &uow,
                                    const Protocol::PaymentProcess &message)
{
    Outcome refusal;
    std::optional<Ride> found = rideFor(message.rideId, RideEvent::Pay, caller.userId, &refusal);
    if (!found)
        return refusal;
    Ride &ride = *found;
    if (message.amount != ride.fare)
        return Outcome::invalid(
                QStringLiteral("amount"),
                QStringLiteral("amount must equal the requested fare (%1)").arg(ride.fare));
    RideStateMachine::apply(ride, RideEvent::Pay);
    ride.completedAt = caller.now;
    const Protocol::RideCompleted completed {ride.rideId, ride.fare, ride.distanceMeters,
                                             ride.completedAt, message.method};
    const QJsonObject data {{QStringLiteral("ride_id"), ride.rideId},
                            {QStringLiteral("fare"), double(ride.fare)}};
    const QJsonObject money {{QStringLiteral("fare"), double(ride.fare)},
                             {QStringLiteral("currency"), QStringLiteral("IDR")}};
    QJsonObject paid = money;
    paid.insert(QStringLiteral("method"), message.method);
    bool ok = save(uow, ride, caller.now)
            && deliverToParties(uow, ride, Protocol::toEnvelope(completed));
    for (const QString &user : {ride.passengerId, ride.driverId}) {
        ok = ok
                && m_notifications.notify(
                        uow, user, QStringLiteral("ride_completed"),
                        QStringLiteral("Ride completed"),
                        QStringLiteral("Paid IDR %1 by %2").arg(ride.fare).arg(message.method),
                        data, {QStringLiteral("notification.ride_completed"), paid});
    }
    // Cash changes hands in the car: the driver is told to collect it.
    if (message.method == QLatin1String("cash"))
        ok = ok
                && m_notifications.notify(uow, ride.driverId, QStringLiteral("collect_cash"),
                                          QStringLiteral("Collect cash"),
                                          QStringLiteral("Collect IDR %1 in cash from the "
                                                         "passenger.")
                                                  .arg(ride.fare),
                                          data,
                                          {QStringLiteral("notification.collect_cash"), money});
    if (!ok)
        return saveFailure();
    qCInfo(lcRide) << "ride" << ride.rideId << "completed";
    return Outcome::ack({{QStringLiteral("ride_id"), ride.rideId},
                         {QStringLiteral("status"), statusName(ride.state)},
                         {QStringLiteral("fare"), double(ride.fare)}});
}

// --- persistence and memory ---------------------------------------------------------------

bool RideService::deliverToParties(UnitOfWork &uow, const Ride &ride,
                                   const Protocol::Envelope &event)
{
    if (!ride.driverId.isEmpty() && !uow.deliver(ride.driverId, event))
        return false;
    return uow.deliver(ride.passengerId, event);
}

bool RideService::save(UnitOfWork &uow, Ride &ride, qint64 now)
{
    ride.updatedAt = now;
    m_lastSaveConflicted = false;
    switch (m_storage.rides().saveIfVersion(ride.toRecord())) {
    case RideRepository::CasResult::Saved:
        break;
    case RideRepository::CasResult::Conflict:
        qCInfo(lcRide) << "match" << ride.matchId << "changed meanwhile (version" << ride.version
                       << "is stale)";
        m_lastSaveConflicted = true;
        uow.onRollback([this, id = ride.matchId] {
            QTimer::singleShot(0, this, [this, id] { refresh(id); });
        });
        return false;
    case RideRepository::CasResult::Failed:
        return false;
    }
    ++ride.version;
    ride.distanceDirty = false;
    uow.onCommit([this, ride] {
        remember(ride);
        m_connections.broadcastStateNotice(
                HubNotice::make(HubNotice::kRide, {{QStringLiteral("id"), ride.matchId}}));
    });
    return true;
}

void RideService::remember(const Ride &ride)
{
    if (auto old = m_active.constFind(ride.matchId); old != m_active.constEnd())
        unindex(*old);
    if (RideStateMachine::isTerminal(ride.state)) {
        m_active.remove(ride.matchId);
    } else {
        m_active.insert(ride.matchId, ride);
        index(ride);
    }
    armProposalTimer(ride);
}

void RideService::index(const Ride &ride)
{
    m_matchByPassenger.insert(ride.passengerId, ride.matchId);
    if (!ride.driverId.isEmpty())
        m_matchByDriver.insert(ride.driverId, ride.matchId);
    if (!ride.rideId.isEmpty())
        m_matchByRideId.insert(ride.rideId, ride.matchId);
}

void RideService::unindex(const Ride &ride)
{
    // Only remove entries that still point at this match.
    auto drop = [&ride](QHash<QString, QString> &index, const QString &key) {
        auto it = index.find(key);
        if (it != index.end() && *it == ride.matchId)
            index.erase(it);
    };
    drop(m_matchByPassenger, ride.passengerId);
    drop(m_matchByDriver, ride.driverId);
    drop(m_matchByRideId, ride.rideId);
}

void RideService::armProposalTimer(const Ride &ride)
{
    QTimer *timer = m_proposalTimers.value(ride.matchId);
    if (ride.state != RideState::Proposed) {
        if (timer) {
            m_proposalTimers.remove(ride.matchId);
            // We may be inside this very timer's timeout: never delete it synchronously.
            timer->stop();
            timer->deleteLater();
        }
        return;
    }
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, id = ride.matchId] { proposalTimedOut(id); });
        m_proposalTimers.insert(ride.matchId, timer);
    }
    const qint64 remaining = ride.proposalExpiresAt - QDateTime::currentMSecsSinceEpoch();
    timer->start(int(qBound(qint64(0), remaining, qint64(std::numeric_limits<int>::max()))));
}

void RideService::checkpointDistances()
{
    QList<QString> dirty;
    for (auto it = m_active.cbegin(); it != m_active.cend(); ++it) {
        if (it->distanceDirty)
            dirty.append(it.key());
    }
    if (dirty.isEmpty())
        return;
    Transaction transaction(m_storage);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool ok = transaction.isActive();
    for (const QString &id : std::as_const(dirty))
        ok = ok
                && m_storage.rides().saveDistance(id, m_active[id].distanceMeters,
                                                  m_active[id].lastDriverLocation, now);
    if (!ok || !transaction.commit()) {
        qCWarning(lcRide) << "distance checkpoint failed; will retry";
        return;
    }
    for (const QString &id : std::as_const(dirty))
        m_active[id].distanceDirty = false;
}

} // namespace NebengJek::Server
