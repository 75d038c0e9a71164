// SPDX-License-Identifier: MIT
#include "triphistorymodel.h"

#include "connection/connectionmanager.h"
#include "logging.h"
#include "ridecontroller.h"

namespace NebengJek::Client {

using namespace Protocol;

TripHistoryModel::TripHistoryModel(ConnectionManager *connection, QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
{
    if (!connection)
        return;
    connect(connection, &ConnectionManager::replyReceived, this, &TripHistoryModel::onReply);
    connect(connection, &ConnectionManager::errorReceived, this, &TripHistoryModel::onError);
    connect(connection, &ConnectionManager::stateChanged, this, [this] {
        if (m_connection->state() != ConnectionManager::Connected && loading()) {
            m_requestId.clear(); // no answer will come on this connection
            m_error = QStringLiteral("offline");
            Q_EMIT loadingChanged();
        }
    });
}

int TripHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant TripHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const RideHistoryItem &item = m_items.at(index.row());
    switch (role) {
    case RideIdRole:
        return item.rideId;
    case StateRole:
        return item.state;
    case RoleRole:
        return item.role;
    case AtRole:
        return double(item.at);
    case PickupRole:
        return RideController::fromPoint(item.pickup);
    case DestinationRole:
        return RideController::fromPoint(item.destination);
    case DistanceRole:
        return item.distanceMeters;
    case FareRole:
        return double(item.fare);
    case CurrencyRole:
        return item.currency;
    case PartnerNameRole:
        return item.partner.name.isEmpty() ? item.partner.userId : item.partner.name;
    case PartnerRatingRole:
        return item.partner.rating.value_or(0.0);
    case VehicleRole: {
        QStringList parts;
        if (!item.partner.vehicle.isEmpty())
            parts << item.partner.vehicle;
        if (!item.partner.plate.isEmpty())
            parts << item.partner.plate;
        return parts.join(QStringLiteral(" · "));
    }
    case MyRatingRole:
        return item.myRating.value_or(0);
    default:
        return {};
    }
}

QHash<int, QByteArray> TripHistoryModel::roleNames() const
{
    return {{RideIdRole, "rideId"},
            {StateRole, "rideState"},
            {RoleRole, "myRole"},
            {AtRole, "at"},
            {PickupRole, "pickup"},
            {DestinationRole, "destination"},
            {DistanceRole, "distanceMeters"},
            {FareRole, "fare"},
            {CurrencyRole, "currency"},
            {PartnerNameRole, "partnerName"},
            {PartnerRatingRole, "partnerRating"},
            {VehicleRole, "vehicle"},
            {MyRatingRole, "myRating"}};
}

void TripHistoryModel::refresh()
{
    m_replace = true;
    request({});
}

void TripHistoryModel::loadMore()
{
    if (!canLoadMore() || loading())
        return;
    m_replace = false;
    request(m_nextCursor);
}

void TripHistoryModel::request(const QString &before)
{
    m_error.clear();
    if (!m_connection || m_connection->state() != ConnectionManager::Connected) {
        m_requestId.clear();
        m_error = QStringLiteral("offline");
        Q_EMIT loadingChanged();
        return;
    }
    RideHistoryRequest request;
    request.before = before;
    request.limit = kPageSize;
    m_requestId = m_connection->send(request.kType, request.toJson());
    Q_EMIT loadingChanged();
}

void TripHistoryModel::onReply(const QString &requestId, const Envelope &envelope)
{
    if (requestId.isEmpty() || requestId != m_requestId)
        return;
    m_requestId.clear();
    const auto page = decode<RideHistoryPage>(envelope.payload);
    if (!page.ok()) {
        qCWarning(lcClientRide) << "bad ride.history:" << page.error.message;
        m_error = errorCodeName(page.error.code);
        Q_EMIT loadingChanged();
        return;
    }
    if (m_replace) {
        beginResetModel();
        m_items = page->items;
        endResetModel();
    } else if (!page->items.isEmpty()) {
        beginInsertRows({}, int(m_items.size()), int(m_items.size() + page->items.size()) - 1);
        m_items.append(page->items);
        endInsertRows();
    }
    m_nextCursor = page->nextCursor;
    Q_EMIT countChanged();
    Q_EMIT loadingChanged();
}

void TripHistoryModel::onError(const QString &requestId, const ProtocolError &error)
{
    if (requestId.isEmpty() || requestId != m_requestId)
        return;
    m_requestId.clear();
    m_error = errorCodeName(error.code);
    Q_EMIT loadingChanged();
}

void TripHistoryModel::clear()
{
    beginResetModel();
    m_items.clear();
    endResetModel();
    m_nextCursor.clear();
    m_requestId.clear();
    m_error.clear();
    Q_EMIT countChanged();
    Q_EMIT loadingChanged();
}

} // namespace NebengJek::Client
