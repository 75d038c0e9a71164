// SPDX-License-Identifier: MIT
#pragma once

#include "fakeserver.h"

#include "models/routesimulator.h"

#include <protocol/geo.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace NebengJek::Client::Demo {

// The other side of a ride in demo mode, played on the FakeServer: for a driver it is a
// passenger who asks for rides and pays; for a passenger it is a driver who accepts, drives
// to the pickup and to the destination. It chats back, reads messages and keeps the
// notification center busy. Delays scale with pace() (screenshots run it fast).
class DemoBot : public QObject
{
    Q_OBJECT
public:
    static inline const QString kDriverName = QStringLiteral("budi");
    static inline const QString kPassengerName = QStringLiteral("ayu");

    explicit DemoBot(FakeServer *server, QObject *parent = nullptr);

    // 1.0: a believable demo; 0.2: five times faster.
    void setPace(double pace) { m_pace = pace; }
    double pace() const { return m_pace; }
    // Driver users get a proposal this long after going online (negative: never).
    void setProposalDelayMs(int ms) { m_proposalDelayMs = ms; }
    // The bot's canned chat lines and notification texts: "en" or "id".
    void setLanguage(const QString &language) { m_language = language; }
    // A simulated car's speed (m/s at pace 1); demos drive faster than real traffic.
    void setDriveSpeed(double metersPerSecond) { m_driveSpeed = metersPerSecond; }
    // Sample history for the notification center.
    void seedNotifications(const QString &userId);

private:
    struct Ride
    {
        QString userId; // the app's user
        bool userIsDriver = false;
        QString matchId;
        QString rideId;
        Protocol::GeoPoint pickup;
        Protocol::GeoPoint destination;
        Protocol::GeoPoint userLocation;
        bool hasUserLocation = false;
        int chatLine = 0;
        bool completed = false;
        QPointer<RouteSimulator> car; // the bot's car (passenger users)
        QList<QPointer<QTimer>> timers;
    };

    void onRequest(const QString &userId, const Protocol::Envelope &request);
    std::optional<Protocol::Envelope> handle(const QString &userId,
                                             const Protocol::Envelope &request);
    void later(Ride &ride, int ms, std::function<void()> action);
    void cancelTimers(Ride &ride);
    void propose(const QString &userId);
    void matchPassenger(const QString &userId);
    void drive(const QString &userId, const Protocol::GeoPoint &to, std::function<void()> arrived);
    void requestPayment(const QString &userId);
    void complete(const QString &userId);
    void chatLine(const QString &userId);
    QString partnerOf(const Ride &ride) const;
    QString text(const char *key) const;
    void notify(const QString &userId, const QString &kind, const char *titleKey,
                const QString &body);
    static qint64 fareFor(double meters);
    QString km(double meters) const;

    FakeServer *m_server;
    QHash<QString, Ride> m_rides;
    double m_pace = 1.0;
    int m_proposalDelayMs = 4000;
    double m_driveSpeed = 40.0;
    QString m_language = QStringLiteral("en");
    int m_nextId = 1;
};

} // namespace NebengJek::Client::Demo
