// SPDX-License-Identifier: MIT
#pragma once

#include "hubconfig.h"
#include "outcome.h"
#include "ride.h"
#include "ridestatemachine.h"

#include <protocol/messages/ridefeaturemessages.h>
#include <protocol/messages/ridemessages.h>
#include <storage/records.h>

#include <QHash>
#include <QObject>
#include <QTimer>

namespace NebengJek::Server {

class ConnectionRegistry;
class DeliveryLog;
class Matcher;
class NotificationCenter;
class ProfileService;
class Storage;
class UnitOfWork;

// Matching and the ride lifecycle: beacon/finder updates, proposals with a timeout, the
// confirm race, start/arrive/pay, and the driver location relay. Active rides live in memory
// (loaded from storage on start); every transition is written through a UnitOfWork.
class RideService : public QObject
{
    Q_OBJECT
public:
    RideService(Storage &storage, const HubConfig &config, ConnectionRegistry &connections,
                DeliveryLog &delivery, NotificationCenter &notifications, Matcher &matcher,
                ProfileService &profiles, QObject *parent = nullptr);
    ~RideService() override;

    // Loads the active rides after a restart and re-arms their proposal timers.
    bool load();
    // Reloads every active ride (the cluster link was down: notices may have been missed).
    void reload();

    Outcome beaconUpdate(const Caller &caller, const Protocol::BeaconUpdate &message);
    Outcome finderUpdate(const Caller &caller, UnitOfWork &uow,
                         const Protocol::FinderUpdate &message);
    Outcome matchConfirm(const Caller &caller, UnitOfWork &uow,
                         const Protocol::MatchConfirm &message);
    Outcome rideStart(const Caller &caller, UnitOfWork &uow, const Protocol::RideStart &message);
    Outcome rideArrived(const Caller &caller, UnitOfWork &uow,
                        const Protocol::RideArrived &message);
    Outcome paymentProcess(const Caller &caller, UnitOfWork &uow,
                           const Protocol::PaymentProcess &message);
    // Issue #13 (rideservicefeatures.cpp): the fare up front, cancel with a reason by either
    // side, the driver waiting at the pickup, positions recorded offline.
    Outcome estimate(const Caller &caller, const Protocol::RideEstimateRequest &request);
    Outcome rideCancel(const Caller &caller, UnitOfWork &uow, const Protocol::RideCancel &message);
    Outcome atPickup(const Caller &caller, UnitOfWork &uow, const Protocol::RideAtPickup &message);
    Outcome locationBatch(const Caller &caller, UnitOfWork &uow,
                          const Protocol::LocationBatch &message);

    // The hot path: no storage, one serialization, one hash lookup to find the ride.
    void driverLocation(const Caller &caller, const Protocol::LocationUpdate &message);
    // Presence decided the driver is gone: no more proposals for them.
    void driverWentOffline(const QString &driverId);

    // The match by id: in memory while active, else from storage (always from storage in a
    // cluster, where another node may have changed it).
    StorageResult<std::optional<Ride>> findByMatchId(const QString &matchId);
    // Another node changed the ride: reload it from storage into memory.
    void refresh(const QString &matchId);
    // Driver availability decided on another node (cluster), and that node's end.
    void remoteBeacon(const QString &node, const QString &driverId, bool available,
                      const Protocol::GeoPoint &location);
    void nodeLost(const QString &node);
    // The link was down: drop drivers other nodes announced (they announce them again).
    void forgetRemoteDrivers();
    // Tells the other nodes about this node's available drivers (a node joined or relinked).
    void announceLocalDrivers();
    // Partners of the user's active matches/rides (presence).
    QStringList activePartnersOf(const QString &userId) const;
    const Ride *activeRideOf(const QString &userId) const;
    int activeRideCount() const { return int(m_active.size()); }

    // Writes the in-memory distance of rides in progress (periodically and on shutdown).
    void checkpointDistances();

private:
    using Lookup = StorageResult<std::optional<Ride>>;
    // `forChange`: read for a transition (locked and fresh in a cluster).
    Lookup findByRideId(const QString &rideId, bool forChange = false);
    // The match for a transition: memory on a single node; in a cluster the stored row,
    // locked until the unit of work ends, so concurrent transitions on other nodes take turns.
    Lookup lockMatch(const QString &matchId);
    Lookup fromStored(const StorageResult<std::optional<RideRecord>> &stored);
    bool isShared() const;
    // The answer after save() failed: CONFLICT when another node changed the ride first.
    Outcome saveFailure();
    void broadcastBeacon(const QString &driverId, bool available,
                         const std::optional<Protocol::GeoPoint> &location);
    Outcome cancel(const Caller &caller, UnitOfWork &uow);
    // The passenger ends the request (until pickup); `ride` is locked and checked.
    Outcome cancelByPassenger(const Caller &caller, UnitOfWork &uow, Ride ride,
                              const QString &reason);
    // The accepted driver hands the ride back; the request looks for another driver.
    Outcome cancelByDriver(const Caller &caller, UnitOfWork &uow, Ride ride, const QString &reason);
    // Where the server last saw the ride's driver: the ride's chain, else the beacon.
    std::optional<Protocol::GeoPoint> driverPosition(const Ride &ride) const;
    // The estimated trip and both parties' cards, as match_proposal and match_status show them.
    void describeTrip(const Ride &ride, std::optional<qint64> *fare,
                      std::optional<double> *tripDistance, std::optional<Protocol::Profile> *driver,
                      std::optional<Protocol::Profile> *passenger);
    // From Searching to Proposed (nearest eligible driver) or Expired (no_driver).
    bool proposeNext(UnitOfWork &uow, Ride &ride, qint64 now);
    // Persists the ride in the unit of work; memory follows on commit.
    bool save(UnitOfWork &uow, Ride &ride, qint64 now);
    bool deliverToParties(UnitOfWork &uow, const Ride &ride, const Protocol::Envelope &event);
    void remember(const Ride &ride);
    void index(const Ride &ride);
    void unindex(const Ride &ride);
    void armProposalTimer(const Ride &ride);
    void proposalTimedOut(const QString &matchId);
    bool isBusy(const QString &driverId, const QString &exceptMatchId) const;
    Outcome transitionError(const std::variant<RideState, Protocol::ProtocolError> &check) const;
    // Loads a ride and checks that `userId` may cause `event` in its current state. On refusal
    // (unknown ride, storage failure, not a party, wrong state) *refusal holds the answer.
    std::optional<Ride> rideFor(const QString &rideId, RideEvent event, const QString &userId,
                                Outcome *refusal);

    Storage &m_storage;
    const HubConfig &m_config;
    ConnectionRegistry &m_connections;
    DeliveryLog &m_delivery;
    NotificationCenter &m_notifications;
    Matcher &m_matcher;
    ProfileService &m_profiles;

    QHash<QString, Ride> m_active; // match id -> non-terminal ride
    QHash<QString, QString> m_matchByRideId;
    QHash<QString, QString> m_matchByDriver; // candidate or assigned driver
    QHash<QString, QString> m_matchByPassenger;
    QHash<QString, QTimer *> m_proposalTimers;
    QHash<QString, QString> m_remoteDriverNode; // driver made available by another node
    bool m_lastSaveConflicted = false;
    QTimer m_checkpointTimer;
};

} // namespace NebengJek::Server
