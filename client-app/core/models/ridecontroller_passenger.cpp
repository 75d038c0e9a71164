// SPDX-License-Identifier: MIT
// RideController, the passenger's side: requesting a ride, cancelling it, paying.
#include "ridecontroller.h"

#include <protocol/messages/ridefeaturemessages.h>
#include <protocol/messages/ridemessages.h>

namespace NebengJek::Client {

using namespace Protocol;

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
    m_requests.sendTracked(finder.kType, finder.toJson(), QStringLiteral("request"));
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
    m_requests.sendTracked(finder.kType, finder.toJson(), QStringLiteral("cancel"));
    m_requests.done();
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
    m_requests.sendAwaited(payment.kType, payment.toJson(), QStringLiteral("pay"));
}

} // namespace NebengJek::Client

namespace NebengJek::Client {

void RideController::cancelRide(const QString &reason)
{
    if (isDriver()) {
        // The driver withdraws after accepting; the passenger is matched again.
        if (m_state != Matched || busy())
            return;
        clearError();
        RideCancel cancel;
        cancel.matchId = m_matchId;
        cancel.reason = reason.left(kMaxCancelReasonLength);
        m_requests.sendAwaited(cancel.kType, cancel.toJson(), QStringLiteral("cancel"));
        return;
    }
    if (m_state != Searching && m_state != Matched)
        return;
    if (m_matchId.isEmpty()) {
        // No match yet: nobody to tell why; stopping the search is enough.
        cancel();
        return;
    }
    clearError();
    RideCancel cancel;
    cancel.matchId = m_matchId;
    cancel.reason = reason.left(kMaxCancelReasonLength);
    m_requests.sendTracked(cancel.kType, cancel.toJson(), QStringLiteral("cancel"));
    m_requests.done();
    setOutcome(QStringLiteral("cancelled"));
    clearRide();
    setState(Idle);
}

void RideController::rate(int stars, const QString &comment)
{
    if (m_state != Completed || m_rideId.isEmpty() || stars < 1 || stars > 5 || m_myRating != 0)
        return;
    clearError();
    RideRate rating;
    rating.rideId = m_rideId;
    rating.rating = stars;
    rating.comment = comment.left(RideRate::kMaxCommentLength);
    m_requests.sendTracked(rating.kType, rating.toJson(), QStringLiteral("rate"));
    m_myRating = stars;
    Q_EMIT myRatingChanged();
}

} // namespace NebengJek::Client
