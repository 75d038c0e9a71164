// SPDX-License-Identifier: MIT
#include "ridecontroller.h"

#include "connection/connectionmanager.h"
#include "rideroute.h"

#include <QDir>
#include <QFileInfo>

namespace NebengJek::Client {

using namespace Protocol;

RideController::RideController(ConnectionManager *connection, QObject *parent)
    : QObject(parent)
    , m_requests(connection)
    , m_session(&m_requests)
    , m_driver(&m_session, &m_requests)
    , m_passenger(connection, &m_session, &m_requests)
{
    connect(&m_requests, &RideRequests::busyChanged, this, &RideController::busyChanged);
    connect(&m_requests, &RideRequests::queuedActionChanged, this,
            &RideController::queuedActionChanged);
    connect(&m_requests, &RideRequests::lastErrorChanged, this, &RideController::lastErrorChanged);
    connect(m_session.countdown(), &ProposalCountdown::secondsLeftChanged, this,
            &RideController::proposalSecondsLeftChanged);
    connect(m_session.presence(), &PartnerPresence::partnerOnlineChanged, this,
            &RideController::partnerOnlineChanged);
    connect(&m_session, &RideSession::stateChanged, this, &RideController::stateChanged);
    connect(&m_session, &RideSession::roleChanged, this, &RideController::roleChanged);
    connect(&m_session, &RideSession::onlineChanged, this, &RideController::onlineChanged);
    connect(&m_session, &RideSession::rideChanged, this, &RideController::rideChanged);
    connect(&m_session, &RideSession::ownLocationChanged, this,
            &RideController::ownLocationChanged);
    connect(&m_session, &RideSession::partnerLocationChanged, this,
            &RideController::partnerLocationChanged);
    connect(&m_session, &RideSession::routeChanged, this, &RideController::routeChanged);
    connect(&m_session, &RideSession::fareChanged, this, &RideController::fareChanged);
    connect(&m_session, &RideSession::lastOutcomeChanged, this,
            &RideController::lastOutcomeChanged);
    connect(&m_session, &RideSession::myRatingChanged, this, &RideController::myRatingChanged);
    connect(&m_session, &RideSession::attentionRequested, this,
            &RideController::attentionRequested);
    connect(&m_driver, &DriverRide::simulateLocationChanged, this,
            &RideController::simulateLocationChanged);
    connect(&m_driver, &DriverRide::offlineFixesChanged, this,
            &RideController::offlineFixesChanged);
    connect(&m_driver, &DriverRide::routeChanged, this, &RideController::routeChanged);
    if (!connection)
        return;
    connect(connection, &ConnectionManager::messageReceived, &m_session,
            &RideSession::handleMessage);
    connect(connection, &ConnectionManager::replyReceived, &m_requests,
            [this](const QString &requestId, const Envelope &) {
                m_requests.handleReply(requestId);
            });
    connect(connection, &ConnectionManager::errorReceived, this, &RideController::onError);
    connect(connection, &ConnectionManager::stateChanged, this,
            &RideController::onConnectionStateChanged);
    connect(connection, &ConnectionManager::authenticated, &m_driver, &DriverRide::onAuthenticated);
}

bool RideController::isValidPoint(const QVariantMap &point)
{
    bool okLat = false;
    bool okLng = false;
    point.value(QStringLiteral("lat")).toDouble(&okLat);
    point.value(QStringLiteral("lng")).toDouble(&okLng);
    return okLat && okLng && RideSession::isValidPosition(toPoint(point));
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
    return m_session.hasTrip() ? fromPoint(m_session.pickup()) : QVariantMap();
}

QVariantMap RideController::destination() const
{
    return m_session.hasTrip() ? fromPoint(m_session.destination()) : QVariantMap();
}

QVariantMap RideController::ownLocation() const
{
    return m_session.hasOwnLocation() ? fromPoint(m_session.ownLocation()) : QVariantMap();
}

QVariantMap RideController::partnerLocation() const
{
    return m_session.hasPartnerLocation() ? fromPoint(m_session.partnerLocation()) : QVariantMap();
}

QList<GeoPoint> RideController::routePoints() const
{
    if (!m_session.hasTrip())
        return {};
    const State s = state();
    const GeoPoint pickup = m_session.pickup();
    const GeoPoint destination = m_session.destination();
    const bool hasOwn = m_session.hasOwnLocation();
    if (isDriver() && s == Proposal && hasOwn)
        return RideRoute::via(m_session.ownLocation(), {pickup, destination}); // the whole job
    if (!isDriver() && s == Searching)
        return RideRoute::via(pickup, {destination});
    if (isDriver()) {
        if (m_driver.isDriving())
            return m_driver.remainingRoute();
        if (!hasOwn || (s != Matched && s != OnRide))
            return {};
        return RideRoute::via(m_session.ownLocation(), {s == Matched ? pickup : destination});
    }
    const bool hasPartner = m_session.hasPartnerLocation();
    if (s == Matched && hasPartner)
        return RideRoute::via(m_session.partnerLocation(), {pickup});
    if (s == OnRide)
        return RideRoute::via(hasPartner ? m_session.partnerLocation() : pickup, {destination});
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

void RideController::setIdentity(const QString &userId, Role role)
{
    m_session.setIdentity(userId, role);
    m_driver.placeCar(userId);
}

void RideController::setCacheFile(const QString &path)
{
    m_session.setCacheFile(path);
    m_driver.setTrackFile(path.isEmpty()
                                  ? QString()
                                  : QFileInfo(path).dir().filePath(QStringLiteral("track.json")));
    if (const auto state = m_session.restore()) {
        // The car continues from where it was before it drives on in the restored state.
        m_driver.syncCarToOwnLocation();
        m_session.enter(*state);
    }
}

void RideController::reset()
{
    m_driver.reset();
    m_requests.clear();
    m_passenger.reset();
    m_session.reset();
}

void RideController::onError(const QString &requestId, const ProtocolError &error)
{
    const auto type = m_requests.handleError(requestId, error);
    if (!type)
        return;
    m_session.handleRefusal(*type, error);
    m_driver.handleRefusal(*type, error);
    m_passenger.handleRefusal(*type, error);
}

void RideController::onConnectionStateChanged()
{
    m_session.setConnected(m_requests.isConnected());
    if (!m_requests.isConnected())
        return;
    // Whatever was queued goes out now, in order.
    m_requests.setQueuedAction({});
    m_driver.onConnected();
}

// --- actions: forwarded to the role's side ---

void RideController::goOnline()
{
    m_driver.goOnline();
}

void RideController::goOffline()
{
    m_driver.goOffline();
}

void RideController::accept()
{
    m_driver.accept();
}

void RideController::reject()
{
    m_driver.reject();
}

void RideController::startRide()
{
    m_driver.startRide();
}

void RideController::arrive()
{
    m_driver.arrive();
}

void RideController::atPickup()
{
    m_driver.atPickup();
}

void RideController::setOwnLocation(double lat, double lng)
{
    m_driver.setOwnLocation(lat, lng);
}

bool RideController::requestRide(const QVariantMap &pickup, const QVariantMap &destination)
{
    if (!isValidPoint(pickup) || !isValidPoint(destination))
        return false;
    return m_passenger.requestRide(toPoint(pickup), toPoint(destination));
}

void RideController::cancel()
{
    m_passenger.cancel();
}

void RideController::cancelRide(const QString &reason)
{
    if (isDriver())
        m_driver.withdraw(reason);
    else
        m_passenger.cancelWithReason(reason);
}

void RideController::pay(const QString &method)
{
    m_passenger.pay(method);
}

void RideController::rate(int stars, const QString &comment)
{
    m_session.rate(stars, comment);
}

void RideController::finish()
{
    m_session.finish();
}

void RideController::clearError()
{
    m_requests.clearError();
}

} // namespace NebengJek::Client
