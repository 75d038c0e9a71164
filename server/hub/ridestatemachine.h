// SPDX-License-Identifier: MIT
#pragma once

#include "ride.h"

#include <protocol/protocolerror.h>

#include <QList>

#include <variant>

namespace NebengJek::Server {

enum class RideEvent {
    Propose, // system: a candidate driver was found
    NoDriver, // system: no candidate left
    Accept, // driver: match_confirm accepted
    Reject, // driver: match_confirm rejected
    Timeout, // system: the candidate did not answer in time
    Cancel, // passenger: finder_update is_active=false
    Start, // driver: ride_start
    Arrive, // driver: ride_arrived
    Pay, // passenger: payment_process
    DriverCancel, // driver: ride.cancel after accepting; the request looks for another driver
};

// Who may cause an event. Driver means the ride's current driver (the candidate while
// Proposed, the assigned driver afterwards).
enum class RideActor { System, Passenger, Driver };

// The ride lifecycle as an explicit table: every transition the hub makes goes through
// check()/apply(), so a message in the wrong state is refused the same way everywhere.
class RideStateMachine
{
public:
    struct Transition
    {
        RideState from;
        RideEvent event;
        RideState to;
    };

    static const QList<Transition> &transitions();
    static RideActor actorOf(RideEvent event);
    static std::optional<RideState> target(RideState from, RideEvent event);

    // Whether `userId` may cause `event` on `ride` now: the target state, or the error to
    // answer (FORBIDDEN: not a party or not the party this event belongs to; CONFLICT: not
    // valid in the current state, or a former candidate answering a proposal that moved on).
    static std::variant<RideState, Protocol::ProtocolError> check(const Ride &ride, RideEvent event,
                                                                  const QString &userId);
    // Applies a transition already known to be valid (system events, or after check()).
    static void apply(Ride &ride, RideEvent event);

    static bool isTerminal(RideState state);
    // States in which the driver and passenger are bound to each other (busy, location relay).
    static bool isActive(RideState state) { return !isTerminal(state); }
    static QString stateName(RideState state);
    static std::optional<RideState> stateFromName(QStringView name);
    static QString eventName(RideEvent event);
    static QStringList activeStateNames();
};

} // namespace NebengJek::Server
