// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>
#include <protocol/messages/ridefeaturemessages.h>
#include <protocol/protocolerror.h>

#include <QAbstractListModel>
#include <QPointer>

namespace NebengJek::Client {

class ConnectionManager;

// The user's past rides, newest first, from the server (ride.history), a page at a time: the
// history page loads the first page when shown and the next when scrolled to the end. Not
// cached: it is the server's record, and only read while connected.
class TripHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    // An older page exists on the server.
    Q_PROPERTY(bool canLoadMore READ canLoadMore NOTIFY loadingChanged)
    // The last page request failed: "offline" or the server's error code name.
    Q_PROPERTY(QString error READ error NOTIFY loadingChanged)
public:
    enum Roles {
        RideIdRole = Qt::UserRole + 1,
        StateRole, // completed | cancelled
        RoleRole, // the user's role in that ride
        AtRole, // ms since the epoch
        PickupRole, // {"lat","lng"}
        DestinationRole,
        DistanceRole, // metres
        FareRole,
        CurrencyRole,
        PartnerNameRole, // the partner's name, or id when the server knows no name
        PartnerRatingRole, // average, 0: none
        VehicleRole, // "Honda Vario · B 1234 XYZ" for a driver partner
        MyRatingRole, // 0: not rated
    };
    Q_ENUM(Roles)

    static constexpr int kPageSize = 20;

    explicit TripHistoryModel(ConnectionManager *connection, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool loading() const { return !m_requestId.isEmpty(); }
    bool canLoadMore() const { return !m_nextCursor.isEmpty(); }
    QString error() const { return m_error; }

    // The newest page again (replaces what is shown).
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void loadMore();
    void clear();

Q_SIGNALS:
    void countChanged();
    void loadingChanged();

private:
    void request(const QString &before);
    void onReply(const QString &requestId, const Protocol::Envelope &envelope);
    void onError(const QString &requestId, const Protocol::ProtocolError &error);

    QPointer<ConnectionManager> m_connection;
    QList<Protocol::RideHistoryItem> m_items;
    QString m_nextCursor;
    QString m_requestId;
    bool m_replace = false;
    QString m_error;
};

} // namespace NebengJek::Client
