// SPDX-License-Identifier: MIT
#include "rideestimator.h"

#include "connection/connectionmanager.h"
#include "logging.h"
#include "ridecontroller.h"

#include <protocol/messages/ridefeaturemessages.h>

namespace NebengJek::Client {

using namespace Protocol;

RideEstimator::RideEstimator(ConnectionManager *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    if (!connection)
        return;
    connect(connection, &ConnectionManager::replyReceived, this, &RideEstimator::onReply);
    connect(connection, &ConnectionManager::errorReceived, this, &RideEstimator::onError);
    connect(connection, &ConnectionManager::stateChanged, this, [this] {
        // A request in flight when the connection dropped gets no answer.
        if (m_connection->state() != ConnectionManager::Connected && !m_requestId.isEmpty()) {
            m_requestId.clear();
            m_error = QStringLiteral("offline");
            Q_EMIT changed();
        }
    });
}

void RideEstimator::estimate(const QVariantMap &pickup, const QVariantMap &destination)
{
    m_available = false;
    m_requestId.clear();
    m_error.clear();
    if (!RideController::isValidPoint(pickup) || !RideController::isValidPoint(destination)) {
        Q_EMIT changed();
        return;
    }
    if (!m_connection || m_connection->state() != ConnectionManager::Connected) {
        m_error = QStringLiteral("offline");
        Q_EMIT changed();
        return;
    }
    RideEstimateRequest request;
    request.pickup = RideController::toPoint(pickup);
    request.destination = RideController::toPoint(destination);
    m_requestId = m_connection->send(request.kType, request.toJson());
    Q_EMIT changed();
}

void RideEstimator::clear()
{
    m_requestId.clear();
    m_available = false;
    m_error.clear();
    Q_EMIT changed();
}

void RideEstimator::onReply(const QString &requestId, const Envelope &envelope)
{
    if (requestId.isEmpty() || requestId != m_requestId)
        return;
    m_requestId.clear();
    const auto e = decode<RideEstimate>(envelope.payload);
    if (!e.ok()) {
        qCWarning(lcClientRide) << "bad ride.estimate:" << e.error.message;
        m_error = errorCodeName(e.error.code);
        Q_EMIT changed();
        return;
    }
    m_available = true;
    m_fare = e->fare;
    m_currency = e->currency;
    m_distanceMeters = e->distanceMeters;
    m_durationSeconds = int(e->durationSeconds);
    m_pickupEtaSeconds = e->pickupEtaSeconds ? int(*e->pickupEtaSeconds) : -1;
    Q_EMIT changed();
}

void RideEstimator::onError(const QString &requestId, const ProtocolError &error)
{
    if (requestId.isEmpty() || requestId != m_requestId)
        return;
    m_requestId.clear();
    m_error = errorCodeName(error.code);
    Q_EMIT changed();
}

} // namespace NebengJek::Client
