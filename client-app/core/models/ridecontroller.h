// SPDX-License-Identifier: MIT
#pragma once

#include "driverlocationsender.h"
#include "offlinetrack.h"
#include "partnerpresence.h"
#include "proposalcountdown.h"
#include "ridecache.h"
#include "rideestimator.h"
#include "riderequests.h"
#include "routesimulator.h"

#include <protocol/envelope.h>
#include <protocol/geo.h>
#include <protocol/profile.h>
#include <protocol/protocolerror.h>
#include <protocol/role.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantMap>

namespace NebengJek::Client {

class ConnectionManager;

// The ride flow as the app shows it, for either role. Driver: go online, answer a proposal
// before it expires, drive to the pickup, start the ride, arrive, wait for the payment.
// Passenger: request a ride, see the matched driver move, pay. The server is the authority:
// actions send requests, and the state moves when the server's events arrive (so a replay
// after a reconnect lands in the same state). The pieces with their own job live apart:
// PartnerPresence (is the partner online), DriverLocationSender (beacons and live location),
// ProposalCountdown (time left to answer), RouteSimulator (the simulated car), RideCache (the state
// on disk, so a restart resumes), RideRequests (requests in flight, queued action, last refusal),
// RideRoute (the polyline shown for each leg). The class itself is split by job over
// ridecontroller.cpp (state, server events, persistence), ridecontroller_driver.cpp (the driver's
// actions and position) and ridecontroller_passenger.cpp (request, cancel, payment).
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
    enum State {
        Idle, // passenger: no request; driver: off duty
        Online, // driver: available for proposals
        Searching, // passenger: looking for a driver
        Proposal, // driver: a proposal is waiting for an answer
        Matched, // both: driver on the way to the pickup
        OnRide, // both: passenger on board
        AwaitingPayment, // both: arrived, fare requested
        Completed, // both: paid
    };
    Q_ENUM(State)

    explicit RideController(ConnectionManager *connection, QObject *parent = nullptr);

    State state() const { return m_state; }
    bool isDriver() const { return m_role == Protocol::Role::Driver; }
    bool online() const { return m_online; }
    bool busy() const { return m_requests.busy(); }
    bool hasPartner() const { return !m_partnerId.isEmpty() && m_state >= Matched; }
    QString matchId() const { return m_matchId; }
    QString rideId() const { return m_rideId; }
    QString partnerId() const { return m_partnerId; }
    bool partnerOnline() const { return m_presence.partnerOnline(); }
    bool driverFound() const { return m_driverFound; }
    QVariantMap pickup() const;
    QVariantMap destination() const;
    QVariantMap ownLocation() const;
    QVariantMap partnerLocation() const;
    QVariantList route() const;
    double remainingMeters() const;
    int etaSeconds() const;
    double proposalDistanceMeters() const { return m_proposalDistance; }
    int proposalSecondsLeft() const { return m_countdown.secondsLeft(); }
    int proposalTotalSeconds() const { return m_countdown.totalSeconds(); }
    qint64 fare() const { return m_fare; }
    double rideDistanceMeters() const { return m_rideDistance; }
    QString currency() const { return m_currency; }
    QString paymentMethod() const { return m_paymentMethod; }
    QVariantMap partner() const;
    qint64 tripFare() const { return m_tripFare; }
    double tripDistanceMeters() const { return m_tripDistance; }
    RideEstimator *estimator() { return &m_estimator; }
    QString cancelReason() const { return m_cancelReason; }
    QString cancelledBy() const { return m_cancelledBy; }
    bool driverAtPickup() const { return m_driverAtPickup; }
    int myRating() const { return m_myRating; }
    int offlineFixes() const { return m_track.size(); }
    OfflineTrack *offlineTrack() { return &m_track; }
    QString lastErrorKey() const { return m_requests.lastErrorKey(); }
    QVariantMap lastErrorArgs() const { return m_requests.lastErrorArgs(); }
    QString lastOutcome() const { return m_lastOutcome; }
    QString lastErrorCode() const { return m_requests.lastErrorCode(); }
    QString lastError() const { return m_requests.lastError(); }
    QString queuedAction() const { return m_requests.queuedAction(); }
    bool simulateLocation() const { return m_simulate; }
    void setSimulateLocation(bool simulate);
    RouteSimulator *simulator() { return &m_simulator; }
    ProposalCountdown *proposalCountdown() { return &m_countdown; }

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
    Q_INVOKABLE void clearOutcome() { setOutcome({}); }
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
    void onMessage(const Protocol::Envelope &envelope);
    void onReply(const QString &requestId, const Protocol::Envelope &envelope);
    void onError(const QString &requestId, const Protocol::ProtocolError &error);
    void onConnectionStateChanged();
    void handleMatchStatus(const Protocol::Envelope &envelope);
    void handleProposal(const Protocol::Envelope &envelope);
    void handleFare(const Protocol::Envelope &envelope);
    void handleRefusal(Protocol::MessageType type, const Protocol::ProtocolError &error);
    void handleDriverCancelled(const QString &reason);
    void setPartnerProfile(const std::optional<Protocol::Profile> &profile);
    void recordOffline();
    void flushPosition();
    void sendOfflineTrack();
    void expireProposal();
    void setState(State state);
    void setOutcome(const QString &outcome);
    void setPartner(const QString &partnerId);
    void clearRide();
    void sendBeacon();
    void sendLocation();
    void onSimulatedPosition();
    void updateDriving();
    void setOnline(bool online);
    bool isConnected() const;
    // The leg the map shows now (empty: none).
    QList<Protocol::GeoPoint> routePoints() const;
    void load();
    void save() const;
    RideSnapshot snapshot() const;

    QPointer<ConnectionManager> m_connection;
    QString m_userId;
    Protocol::Role m_role = Protocol::Role::Passenger;
    State m_state = Idle;
    bool m_online = false;
    QString m_matchId;
    QString m_rideId;
    QString m_partnerId;
    bool m_driverFound = false;
    Protocol::GeoPoint m_pickup;
    Protocol::GeoPoint m_destination;
    bool m_hasTrip = false; // pickup and destination are set
    Protocol::GeoPoint m_partnerLocation;
    bool m_hasPartnerLocation = false;
    Protocol::GeoPoint m_ownLocation;
    bool m_hasOwnLocation = false;
    double m_proposalDistance = 0;
    qint64 m_fare = 0;
    double m_rideDistance = 0;
    QString m_currency = QStringLiteral("IDR");
    QString m_paymentMethod;
    std::optional<Protocol::Profile> m_partnerProfile;
    qint64 m_tripFare = 0;
    double m_tripDistance = 0;
    QString m_cancelReason;
    QString m_cancelledBy;
    bool m_driverAtPickup = false;
    int m_myRating = 0;
    QString m_lastOutcome;
    bool m_simulate = true;
    PartnerPresence m_presence;
    RideCache m_cache;
    RouteSimulator m_simulator;
    ProposalCountdown m_countdown;
    DriverLocationSender m_locationSender;
    RideRequests m_requests;
    RideEstimator m_estimator;
    OfflineTrack m_track;
};

} // namespace NebengJek::Client
