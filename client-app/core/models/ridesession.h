// SPDX-License-Identifier: MIT
#pragma once

#include "partnerpresence.h"
#include "proposalcountdown.h"
#include "ridecache.h"

#include <protocol/envelope.h>
#include <protocol/geo.h>
#include <protocol/messagetype.h>
#include <protocol/profile.h>
#include <protocol/protocolerror.h>
#include <protocol/role.h>

#include <QObject>
#include <QVariantMap>

#include <optional>

namespace NebengJek::Client {

class RideRequests;

// One user's ride as both roles share it: the state, the trip, the partner (id, card, live
// position, presence), the fare, the outcome of the last attempt; the server events that move
// it; and the snapshot in the ride cache, so a restart resumes. The server is the authority:
// the actions (DriverRide, PassengerRide; rating and leaving a completed ride, which both roles
// do, are here) send requests, and the state moves here when the server's events arrive, so a
// replay after a reconnect lands in the same state.
class RideSession : public QObject
{
    Q_OBJECT
public:
    // RideController::State mirrors it for QML; the comments are there.
    enum State { Idle, Online, Searching, Proposal, Matched, OnRide, AwaitingPayment, Completed };
    Q_ENUM(State)

    explicit RideSession(RideRequests *requests, QObject *parent = nullptr);

    // Finite and within the WGS 84 ranges.
    static bool isValidPosition(const Protocol::GeoPoint &point);

    Protocol::Role role() const { return m_role; }
    bool isDriver() const { return m_role == Protocol::Role::Driver; }
    void setIdentity(const QString &userId, Protocol::Role role);

    State state() const { return m_state; }
    void setState(State state);
    // The state a driver goes back to when a ride or proposal ends: available or off duty.
    State restingState() const;
    bool online() const { return m_online; }
    void setOnline(bool online);

    QString matchId() const { return m_matchId; }
    QString rideId() const { return m_rideId; }
    QString partnerId() const { return m_partnerId; }
    bool hasPartner() const { return !m_partnerId.isEmpty() && m_state >= Matched; }
    bool driverFound() const { return m_driverFound; }
    // {"name", "vehicle", "plate", "rating" (absent until rated), "ratingCount"}; {} if none.
    QVariantMap partnerCard() const;
    const PartnerPresence *presence() const { return &m_presence; }
    ProposalCountdown *countdown() { return &m_countdown; }
    const ProposalCountdown *countdown() const { return &m_countdown; }
    double proposalDistanceMeters() const { return m_proposalDistance; }

    bool hasTrip() const { return m_hasTrip; }
    Protocol::GeoPoint pickup() const { return m_pickup; }
    Protocol::GeoPoint destination() const { return m_destination; }
    // The passenger's request: the trip, with the own position at the pickup.
    void setTrip(const Protocol::GeoPoint &pickup, const Protocol::GeoPoint &destination);
    bool hasOwnLocation() const { return m_hasOwnLocation; }
    Protocol::GeoPoint ownLocation() const { return m_ownLocation; }
    void setOwnLocation(const Protocol::GeoPoint &location);
    bool hasPartnerLocation() const { return m_hasPartnerLocation; }
    Protocol::GeoPoint partnerLocation() const { return m_partnerLocation; }

    qint64 fare() const { return m_fare; }
    double rideDistanceMeters() const { return m_rideDistance; }
    QString currency() const { return m_currency; }
    QString paymentMethod() const { return m_paymentMethod; }
    qint64 tripFare() const { return m_tripFare; }
    double tripDistanceMeters() const { return m_tripDistance; }
    QString cancelReason() const { return m_cancelReason; }
    QString cancelledBy() const { return m_cancelledBy; }
    bool driverAtPickup() const { return m_driverAtPickup; }
    int myRating() const { return m_myRating; }
    void setMyRating(int stars);
    QString lastOutcome() const { return m_lastOutcome; }
    // Empty clears the cancel reason too.
    void setOutcome(const QString &outcome);

    // The ride is over for this device (an outcome, a refusal, finish()): back to no ride.
    void clearRide();
    // The attempt ended with `outcome`; a driver rests (available or off duty).
    void endAttempt(const QString &outcome);
    void reset();

    // Both roles, once completed: 1..5 stars and an optional comment.
    void rate(int stars, const QString &comment);
    // Both: leave the completed ride (a driver goes back to available if still online).
    void finish();

    void handleMessage(const Protocol::Envelope &envelope);
    void handleRefusal(Protocol::MessageType type, const Protocol::ProtocolError &error);
    void setConnected(bool connected) { m_presence.setConnected(connected); }

    // Where the ride cache lives (per user); empty: no persistence.
    void setCacheFile(const QString &path) { m_cache.setPath(path); }
    // Loads what the cache holds for this role, all but the state, and returns the state to
    // enter (with enter()) once the caller has placed what depends on the restored position.
    std::optional<State> restore();
    void enter(State state);
    void save() const;

Q_SIGNALS:
    void stateChanged();
    void roleChanged();
    void onlineChanged();
    void rideChanged();
    void ownLocationChanged();
    void partnerLocationChanged();
    void routeChanged();
    void fareChanged();
    void lastOutcomeChanged();
    void myRatingChanged();
    void attentionRequested(const QString &reason);
    // A driver is available again after a ride or proposal ended: tell the matcher where.
    void availableAgain();
    // The passenger is on board: a driver sends where the ride starts at once.
    void rideStarted();

private:
    void handleMatchStatus(const Protocol::Envelope &envelope);
    void handleProposal(const Protocol::Envelope &envelope);
    void handleFare(const Protocol::Envelope &envelope);
    void handleDriverCancelled(const QString &status);
    void setPartner(const QString &partnerId);
    void setPartnerProfile(const std::optional<Protocol::Profile> &profile);
    RideSnapshot snapshot() const;

    RideRequests *m_requests;
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
    PartnerPresence m_presence;
    ProposalCountdown m_countdown;
    RideCache m_cache;
};

} // namespace NebengJek::Client
