// SPDX-License-Identifier: MIT
#pragma once

#include "driverride.h"
#include "passengerride.h"
#include "riderequests.h"
#include "ridesession.h"

#include <protocol/geo.h>
#include <protocol/protocolerror.h>
#include <protocol/role.h>

#include <QObject>
#include <QVariantMap>

namespace NebengJek::Client {

class ConnectionManager;

// The ride as QML sees it (the `ride` object), for either role: a facade that only turns
// the pieces' state into properties and forwards the actions. Driver: go online, answer a
// proposal before it expires, drive to the pickup, start the ride, arrive, wait for the
// payment. Passenger: request a ride, see the matched driver move, pay. The jobs:
// RideSession (the shared state, the server events that move it, the ride cache), DriverRide
// (the driver's actions and the car's position), PassengerRide (estimate, request, cancel,
// pay), RideRequests (requests in flight, queued action, last refusal), and their own pieces
// (PartnerPresence, ProposalCountdown, RideCache; RouteSimulator, DriverLocationSender,
// OfflineTrack; RideEstimator). RideRoute draws the leg the map shows.
class RideController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool isDriver READ isDriver NOTIFY roleChanged)
    Q_PROPERTY(bool online READ online NOTIFY onlineChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool hasPartner READ hasPartner NOTIFY rideChanged)
    Q_PROPERTY(QString matchId READ matchId NOTIFY rideChanged)
    Q_PROPERTY(QString rideId READ rideId NOTIFY rideChanged)
    Q_PROPERTY(QString partnerId READ partnerId NOTIFY rideChanged)
    Q_PROPERTY(bool partnerOnline READ partnerOnline NOTIFY partnerOnlineChanged)
    Q_PROPERTY(bool driverFound READ driverFound NOTIFY rideChanged)
    Q_PROPERTY(QVariantMap pickup READ pickup NOTIFY rideChanged)
    Q_PROPERTY(QVariantMap destination READ destination NOTIFY rideChanged)
    Q_PROPERTY(QVariantMap ownLocation READ ownLocation NOTIFY ownLocationChanged)
    Q_PROPERTY(QVariantMap partnerLocation READ partnerLocation NOTIFY partnerLocationChanged)
    Q_PROPERTY(QVariantList route READ route NOTIFY routeChanged)
    Q_PROPERTY(double remainingMeters READ remainingMeters NOTIFY routeChanged)
    Q_PROPERTY(int etaSeconds READ etaSeconds NOTIFY routeChanged)
    Q_PROPERTY(double proposalDistanceMeters READ proposalDistanceMeters NOTIFY rideChanged)
    Q_PROPERTY(int proposalSecondsLeft READ proposalSecondsLeft NOTIFY proposalSecondsLeftChanged)
    Q_PROPERTY(int proposalTotalSeconds READ proposalTotalSeconds NOTIFY rideChanged)
    Q_PROPERTY(qint64 fare READ fare NOTIFY fareChanged)
    Q_PROPERTY(double rideDistanceMeters READ rideDistanceMeters NOTIFY fareChanged)
    Q_PROPERTY(QString currency READ currency NOTIFY fareChanged)
    // How the passenger paid ("cash", "wallet", "card"; empty until completed): a driver paid
    // in cash is told to collect it.
    Q_PROPERTY(QString paymentMethod READ paymentMethod NOTIFY fareChanged)
    // The other party's card: {"name", "vehicle", "plate", "rating" (absent until rated),
    // "ratingCount"}; {} when the server sent none.
    Q_PROPERTY(QVariantMap partner READ partner NOTIFY rideChanged)
    // The trip on offer or agreed (server estimate): fare and length; 0 when unknown.
    Q_PROPERTY(qint64 tripFare READ tripFare NOTIFY rideChanged)
    Q_PROPERTY(double tripDistanceMeters READ tripDistanceMeters NOTIFY rideChanged)
    // The fare estimate before a request (passenger).
    Q_PROPERTY(NebengJek::Client::RideEstimator *estimator READ estimator CONSTANT)
    // Why the last ride was cancelled and by whom ("passenger" | "driver"), when the server said.
    Q_PROPERTY(QString cancelReason READ cancelReason NOTIFY lastOutcomeChanged)
    Q_PROPERTY(QString cancelledBy READ cancelledBy NOTIFY lastOutcomeChanged)
    // The driver said they are waiting at the pickup (ride.driver_at_pickup).
    Q_PROPERTY(bool driverAtPickup READ driverAtPickup NOTIFY rideChanged)
    // The stars this user gave the completed ride (0: not rated yet).
    Q_PROPERTY(int myRating READ myRating NOTIFY myRatingChanged)
    // Positions recorded while disconnected that have not gone to the server yet.
    Q_PROPERTY(int offlineFixes READ offlineFixes NOTIFY offlineFixesChanged)
    // How the last match attempt ended when it did not become a ride: "no_driver", "expired",
    // "rejected", "cancelled"; empty otherwise. The app turns it into a sentence.
    Q_PROPERTY(QString lastOutcome READ lastOutcome NOTIFY lastOutcomeChanged)
    // The last refused request: an error code name ("CONFLICT") and the server's message.
    Q_PROPERTY(QString lastErrorCode READ lastErrorCode NOTIFY lastErrorChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // The refusal as a key + arguments (ServerTexts.qml turns them into a sentence).
    Q_PROPERTY(QString lastErrorKey READ lastErrorKey NOTIFY lastErrorChanged)
    Q_PROPERTY(QVariantMap lastErrorArgs READ lastErrorArgs NOTIFY lastErrorChanged)
    // A ride action taken while disconnected that has not gone out yet ("request", "cancel",
    // "accept", "start", "arrive", "pay", "online"); empty once it is sent (or none is
    // waiting). The app says it will be sent when online instead of pretending it happened.
    Q_PROPERTY(QString queuedAction READ queuedAction NOTIFY queuedActionChanged)
    // Desktop: move along a simulated route instead of reading a GPS.
    Q_PROPERTY(bool simulateLocation READ simulateLocation WRITE setSimulateLocation NOTIFY
                       simulateLocationChanged)
public:
    // RideSession::State, for QML.
    enum State {
        Idle = RideSession::Idle, // passenger: no request; driver: off duty
        Online = RideSession::Online, // driver: available for proposals
        Searching = RideSession::Searching, // passenger: looking for a driver
        Proposal = RideSession::Proposal, // driver: a proposal is waiting for an answer
        Matched = RideSession::Matched, // both: driver on the way to the pickup
        OnRide = RideSession::OnRide, // both: passenger on board
        AwaitingPayment = RideSession::AwaitingPayment, // both: arrived, fare requested
        Completed = RideSession::Completed, // both: paid
    };
    Q_ENUM(State)

    explicit RideController(ConnectionManager *connection, QObject *parent = nullptr);

    State state() const { return State(m_session.state()); }
    bool isDriver() const { return m_session.isDriver(); }
    bool online() const { return m_session.online(); }
    bool busy() const { return m_requests.busy(); }
    bool hasPartner() const { return m_session.hasPartner(); }
    QString matchId() const { return m_session.matchId(); }
    QString rideId() const { return m_session.rideId(); }
    QString partnerId() const { return m_session.partnerId(); }
    bool partnerOnline() const { return m_session.presence()->partnerOnline(); }
    bool driverFound() const { return m_session.driverFound(); }
    QVariantMap pickup() const;
    QVariantMap destination() const;
    QVariantMap ownLocation() const;
    QVariantMap partnerLocation() const;
    QVariantList route() const;
    double remainingMeters() const;
    int etaSeconds() const;
    double proposalDistanceMeters() const { return m_session.proposalDistanceMeters(); }
    int proposalSecondsLeft() const { return m_session.countdown()->secondsLeft(); }
    int proposalTotalSeconds() const { return m_session.countdown()->totalSeconds(); }
    qint64 fare() const { return m_session.fare(); }
    double rideDistanceMeters() const { return m_session.rideDistanceMeters(); }
    QString currency() const { return m_session.currency(); }
    QString paymentMethod() const { return m_session.paymentMethod(); }
    QVariantMap partner() const { return m_session.partnerCard(); }
    qint64 tripFare() const { return m_session.tripFare(); }
    double tripDistanceMeters() const { return m_session.tripDistanceMeters(); }
    RideEstimator *estimator() { return m_passenger.estimator(); }
    QString cancelReason() const { return m_session.cancelReason(); }
    QString cancelledBy() const { return m_session.cancelledBy(); }
    bool driverAtPickup() const { return m_session.driverAtPickup(); }
    int myRating() const { return m_session.myRating(); }
    int offlineFixes() const { return m_driver.offlineFixes(); }
    OfflineTrack *offlineTrack() { return m_driver.offlineTrack(); }
    QString lastErrorKey() const { return m_requests.lastErrorKey(); }
    QVariantMap lastErrorArgs() const { return m_requests.lastErrorArgs(); }
    QString lastOutcome() const { return m_session.lastOutcome(); }
    QString lastErrorCode() const { return m_requests.lastErrorCode(); }
    QString lastError() const { return m_requests.lastError(); }
    QString queuedAction() const { return m_requests.queuedAction(); }
    bool simulateLocation() const { return m_driver.simulateLocation(); }
    void setSimulateLocation(bool simulate) { m_driver.setSimulateLocation(simulate); }
    RouteSimulator *simulator() { return m_driver.simulator(); }
    ProposalCountdown *proposalCountdown() { return m_session.countdown(); }

    void setIdentity(const QString &userId, Protocol::Role role);
    // Where the ride cache lives (per user); empty: no persistence. Loads what is there.
    void setCacheFile(const QString &path);
    void reset();

    // Driver
    Q_INVOKABLE void goOnline();
    Q_INVOKABLE void goOffline();
    Q_INVOKABLE void accept();
    Q_INVOKABLE void reject();
    Q_INVOKABLE void startRide();
    Q_INVOKABLE void arrive();
    // "I'm at the pickup": the passenger is alerted (the server checks the distance).
    Q_INVOKABLE void atPickup();
    // Passenger. Points are {"lat": .., "lng": ..}; false if one is not a valid position.
    Q_INVOKABLE bool requestRide(const QVariantMap &pickup, const QVariantMap &destination);
    Q_INVOKABLE void cancel();
    // Both: cancel with a reason (may be empty). The passenger until pickup; the driver after
    // accepting (the passenger is then matched again).
    Q_INVOKABLE void cancelRide(const QString &reason);
    // Both, once completed: 1..5 stars and an optional comment.
    Q_INVOKABLE void rate(int stars, const QString &comment = {});
    Q_INVOKABLE void pay(const QString &method = QStringLiteral("cash"));
    // Both: leave the completed screen (a driver goes back to available if still online).
    Q_INVOKABLE void finish();
    Q_INVOKABLE void clearError();
    Q_INVOKABLE void clearOutcome() { m_session.setOutcome({}); }
    // A position fix from a real positioning source (turns the simulation off).
    Q_INVOKABLE void setOwnLocation(double lat, double lng);

    static bool isValidPoint(const QVariantMap &point);
    static Protocol::GeoPoint toPoint(const QVariantMap &point);
    static QVariantMap fromPoint(const Protocol::GeoPoint &point);

Q_SIGNALS:
    void stateChanged();
    void roleChanged();
    void onlineChanged();
    void busyChanged();
    void rideChanged();
    void partnerOnlineChanged();
    void ownLocationChanged();
    void partnerLocationChanged();
    void routeChanged();
    void proposalSecondsLeftChanged();
    void fareChanged();
    void lastOutcomeChanged();
    void lastErrorChanged();
    void queuedActionChanged();
    void simulateLocationChanged();
    void myRatingChanged();
    void offlineFixesChanged();
    // Something the user should notice even when looking elsewhere (proposal, driver found,
    // payment requested): the app may raise the window or play a sound.
    void attentionRequested(const QString &reason);

private:
    void onError(const QString &requestId, const Protocol::ProtocolError &error);
    void onConnectionStateChanged();
    // The leg the map shows now (empty: none).
    QList<Protocol::GeoPoint> routePoints() const;

    RideRequests m_requests;
    RideSession m_session;
    DriverRide m_driver;
    PassengerRide m_passenger;
};

} // namespace NebengJek::Client
