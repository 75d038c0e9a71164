// SPDX-License-Identifier: MIT
#include "riderequests.h"

#include "connection/connectionmanager.h"
#include "logging.h"

#include <protocol/errorcode.h>

namespace NebengJek::Client {

using namespace Protocol;

RideRequests::RideRequests(ConnectionManager *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

bool RideRequests::isConnected() const
{
    return m_connection && m_connection->state() == ConnectionManager::Connected;
}

QString RideRequests::send(MessageType type, const QJsonObject &payload, const QString &action)
{
    if (!m_connection)
        return {};
    if (!action.isEmpty())
        setQueuedAction(isConnected() ? QString() : action);
    return m_connection->send(type, payload);
}

void RideRequests::sendAwaited(MessageType type, const QJsonObject &payload, const QString &action)
{
    const bool wasBusy = busy();
    m_pendingRequest = send(type, payload, action);
    m_pendingType = type;
    if (wasBusy != busy())
        Q_EMIT busyChanged();
}

void RideRequests::sendTracked(MessageType type, const QJsonObject &payload, const QString &action)
{
    const QString id = send(type, payload, action);
    if (!id.isEmpty())
        m_tracked.insert(id, type);
}

void RideRequests::done()
{
    if (m_pendingRequest.isEmpty())
        return;
    m_pendingRequest.clear();
    Q_EMIT busyChanged();
}

void RideRequests::setQueuedAction(const QString &action)
{
    if (m_queuedAction == action)
        return;
    m_queuedAction = action;
    Q_EMIT queuedActionChanged();
}

void RideRequests::clearError()
{
    if (m_lastError.isEmpty() && m_lastErrorCode.isEmpty())
        return;
    m_lastError.clear();
    m_lastErrorCode.clear();
    m_lastErrorText = {};
    Q_EMIT lastErrorChanged();
}

void RideRequests::clear()
{
    m_tracked.clear();
    done();
    clearError();
    setQueuedAction({});
}

void RideRequests::handleReply(const QString &requestId)
{
    // Accepted. The awaited requests (confirm, start, arrive, pay) stay busy until their event
    // (match_status, ride_pickup, ...) arrives.
    m_tracked.remove(requestId);
}

std::optional<MessageType> RideRequests::handleError(const QString &requestId,
                                                     const ProtocolError &error)
{
    if (requestId.isEmpty())
        return std::nullopt;
    MessageType type;
    if (const auto it = m_tracked.constFind(requestId); it != m_tracked.cend()) {
        type = it.value();
        m_tracked.erase(it);
    } else if (requestId == m_pendingRequest) {
        type = m_pendingType;
        done();
    } else {
        return std::nullopt;
    }
    m_lastErrorCode = errorCodeName(error.code);
    m_lastError = error.message;
    m_lastErrorText = error.text;
    Q_EMIT lastErrorChanged();
    qCInfo(lcClientRide) << messageTypeName(type) << "refused:" << m_lastErrorCode;
    return type;
}

} // namespace NebengJek::Client
