// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>
#include <protocol/protocolerror.h>

#include <QObject>
#include <QPointer>
#include <QVariantMap>

namespace NebengJek::Client {

class ConnectionManager;

// The fare, trip length and times shown before a passenger requests a ride, as the server
// computes them (ride.estimate: the same tariff as the final fare, docs/protocol.md). Only
// asked while connected: an estimate queued for later would be stale when it arrived.
class RideEstimator : public QObject
{
    Q_OBJECT
    // True once the server answered for the current pickup and destination.
    Q_PROPERTY(bool available READ available NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY changed)
    Q_PROPERTY(qint64 fare READ fare NOTIFY changed)
    Q_PROPERTY(QString currency READ currency NOTIFY changed)
    Q_PROPERTY(double distanceMeters READ distanceMeters NOTIFY changed)
    Q_PROPERTY(int durationSeconds READ durationSeconds NOTIFY changed)
    // Until the nearest available driver could be at the pickup; -1: no driver nearby.
    Q_PROPERTY(int pickupEtaSeconds READ pickupEtaSeconds NOTIFY changed)
    // Why there is no estimate: "offline", or the server's error code name.
    Q_PROPERTY(QString error READ error NOTIFY changed)
public:
    explicit RideEstimator(ConnectionManager *connection, QObject *parent = nullptr);

    bool available() const { return m_available; }
    bool loading() const { return !m_requestId.isEmpty(); }
    qint64 fare() const { return m_fare; }
    QString currency() const { return m_currency; }
    double distanceMeters() const { return m_distanceMeters; }
    int durationSeconds() const { return m_durationSeconds; }
    int pickupEtaSeconds() const { return m_pickupEtaSeconds; }
    QString error() const { return m_error; }

    // Asks for the trip {"lat","lng"} -> {"lat","lng"}; a newer call supersedes an older one.
    Q_INVOKABLE void estimate(const QVariantMap &pickup, const QVariantMap &destination);
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void changed();

private:
    void onReply(const QString &requestId, const Protocol::Envelope &envelope);
    void onError(const QString &requestId, const Protocol::ProtocolError &error);

    QPointer<ConnectionManager> m_connection;
    QString m_requestId;
    bool m_available = false;
    qint64 m_fare = 0;
    QString m_currency = QStringLiteral("IDR");
    double m_distanceMeters = 0;
    int m_durationSeconds = 0;
    int m_pickupEtaSeconds = -1;
    QString m_error;
};

} // namespace NebengJek::Client
