// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/geo.h>
#include <protocol/role.h>

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QTemporaryDir;

namespace NebengJek::Client {
class AppSession;
} // namespace NebengJek::Client

namespace NebengJek::Demo {

// The other side of a ride in demo mode, played by a real client: its own AppSession (the same
// view models the app uses) signed in to the server like any user, with scripted reactions.
// A partner driver goes online, accepts proposals, drives to the pickup and the destination
// (simulated GPS), starts and ends the ride and chats back. A partner passenger requests rides
// from `tripFrom` to `tripTo`, chats, and pays. Delays scale with the pace.
class DemoPartner : public QObject
{
    Q_OBJECT
public:
    DemoPartner(const QString &userId, Protocol::Role role, QObject *parent = nullptr);
    ~DemoPartner() override;

    Client::AppSession *session() const { return m_session.get(); }
    QString userId() const { return m_userId; }

    // 1.0: a believable demo; 0.25: four times faster (screenshots, tests).
    void setPace(double pace);
    // The canned chat lines: "en" or "id".
    void setLanguage(const QString &language) { m_language = language; }
    // Passenger partners: ask for rides by themselves (on by default).
    void setAutoRequest(bool enabled);
    void setTrip(const Protocol::GeoPoint &from, const Protocol::GeoPoint &to);
    // Driver partners: where the car waits for requests.
    void setStartPosition(const Protocol::GeoPoint &position);
    // Driver partners: answer proposals (on by default).
    void setAutoAccept(bool enabled) { m_autoAccept = enabled; }
    // Chat back (on by default).
    void setChatty(bool enabled) { m_chatty = enabled; }

    // Signs in (developer sign-in) and starts playing.
    void start(const QUrl &serverUrl);

private:
    void onSignedIn();
    void onRideStateChanged();
    void onCarArrived();
    void onMessageArrived();
    void later(int ms, std::function<void()> action);
    int scaled(int ms) const;
    QString line(int index) const;

    QString m_userId;
    Protocol::Role m_role;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<Client::AppSession> m_session;
    double m_pace = 1.0;
    QString m_language = QStringLiteral("en");
    bool m_autoRequest = true;
    bool m_autoAccept = true;
    bool m_chatty = true;
    bool m_hasStart = false;
    Protocol::GeoPoint m_start;
    Protocol::GeoPoint m_tripFrom {-6.1767, 106.8306}; // Stasiun Gambir
    Protocol::GeoPoint m_tripTo {-6.2244, 106.8296}; // Kuningan City
    int m_chatLine = 0;
    int m_repliesLeft = 0;
    QTimer m_requestTimer;
};

} // namespace NebengJek::Demo
