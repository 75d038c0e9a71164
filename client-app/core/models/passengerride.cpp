// SPDX-License-Identifier: MIT
#include "passengerride.h"

#include "riderequests.h"
#include "ridesession.h"

#include <protocol/messages/ridefeaturemessages.h>
#include <protocol/messages/ridemessages.h>

namespace NebengJek::Client {

using namespace Protocol;

PassengerRide::PassengerRide(ConnectionManager *connection, RideSession *session,
                             RideRequests *requests, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_requests(requests)
    , m_estimator(connection)
{ }

bool PassengerRide::requestRide(const GeoPoint &pickup, const GeoPoint &destination)
{
    const RideSession::State state = m_session->state();
    if (m_session->isDriver() || (state != RideSession::Idle && state != RideSession::Completed))
        return false;
    m_requests->clearError();
    m_session->setOutcome({});
    m_session->clearRide();
    m_session->setTrip(pickup, destination);
    FinderUpdate finder;
    finder.isActive = true;
    finder.pickup = pickup;
    finder.destination = destination;
    m_requests->sendTracked(finder.kType, finder.toJson(), QStringLiteral("request"));
    m_session->setState(RideSession::Searching);
    return true;
}

void PassengerRide::cancel()
{
    // Until the passenger is on board: a search, a pending proposal or a driver on the way.
    const RideSession::State state = m_session->state();
    if (m_session->isDriver() || (state != RideSession::Searching && state != RideSession::Matched))
        return;
    m_requests->clearError();
    FinderUpdate finder;
    finder.isActive = false;
    finder.pickup = m_session->pickup();
    finder.destination = m_session->destination();
    // A request that never left is simply dropped with the queue's order: say "cancel".
    m_requests->sendTracked(finder.kType, finder.toJson(), QStringLiteral("cancel"));
    m_session->endAttempt(QStringLiteral("cancelled"));
}

void PassengerRide::cancelWithReason(const QString &reason)
{
    const RideSession::State state = m_session->state();
    if (m_session->isDriver() || (state != RideSession::Searching && state != RideSession::Matched))
        return;
    if (m_session->matchId().isEmpty()) {
        // No match yet: nobody to tell why; stopping the search is enough.
        cancel();
        return;
    }
    m_requests->clearError();
    RideCancel rideCancel;
    rideCancel.matchId = m_session->matchId();
    rideCancel.reason = reason.left(kMaxCancelReasonLength);
    m_requests->sendTracked(rideCancel.kType, rideCancel.toJson(), QStringLiteral("cancel"));
    m_session->endAttempt(QStringLiteral("cancelled"));
}

void PassengerRide::pay(const QString &method)
{
    if (m_session->isDriver() || m_session->state() != RideSession::AwaitingPayment
        || m_requests->busy())
        return;
    m_requests->clearError();
    PaymentProcess payment;
    payment.rideId = m_session->rideId();
    payment.amount = m_session->fare();
    payment.method = method;
    m_requests->sendAwaited(payment.kType, payment.toJson(), QStringLiteral("pay"));
}

void PassengerRide::handleRefusal(MessageType type, const ProtocolError &)
{
    if (type == MessageType::FinderUpdate && m_session->state() == RideSession::Searching) {
        m_session->clearRide();
        m_session->setState(RideSession::Idle);
    }
}

} // namespace NebengJek::Client
