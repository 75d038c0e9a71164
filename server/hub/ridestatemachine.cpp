// SPDX-License-Identifier: MIT
#include "ridestatemachine.h"

namespace NebengJek::Server {

namespace {

using S = RideState;
using E = RideEvent;
using Protocol::ErrorCode;
using Protocol::ProtocolError;

// The whole lifecycle. Anything not listed is refused with CONFLICT.
const QList<RideStateMachine::Transition> kTransitions = {
        {S::Searching, E::Propose, S::Proposed},    {S::Searching, E::NoDriver, S::Expired},
        {S::Searching, E::Cancel, S::Cancelled},    {S::Proposed, E::Accept, S::Accepted},
        {S::Proposed, E::Reject, S::Searching},     {S::Proposed, E::Timeout, S::Searching},
        {S::Proposed, E::Cancel, S::Cancelled},     {S::Accepted, E::Start, S::InProgress},
        {S::Accepted, E::Cancel, S::Cancelled},     {S::InProgress, E::Arrive, S::AwaitingPayment},
        {S::AwaitingPayment, E::Pay, S::Completed}, {S::Accepted, E::DriverCancel, S::Searching},
};

struct StateName
{
    RideState state;
    const char *name;
};

constexpr StateName kStateNames[] = {
        {S::Searching, "searching"},
        {S::Proposed, "proposed"},
        {S::Accepted, "accepted"},
        {S::InProgress, "in_progress"},
        {S::AwaitingPayment, "awaiting_payment"},
        {S::Completed, "completed"},
        {S::Cancelled, "cancelled"},
        {S::Expired, "expired"},
};

} // namespace

const QList<RideStateMachine::Transition> &RideStateMachine::transitions()
{
    return kTransitions;
}

RideActor RideStateMachine::actorOf(RideEvent event)
{
    switch (event) {
    case E::Propose:
    case E::NoDriver:
    case E::Timeout:
        return RideActor::System;
    case E::Cancel:
    case E::Pay:
        return RideActor::Passenger;
    case E::Accept:
    case E::Reject:
    case E::Start:
    case E::Arrive:
    case E::DriverCancel:
        return RideActor::Driver;
    }
    return RideActor::System;
}

std::optional<RideState> RideStateMachine::target(RideState from, RideEvent event)
{
    for (const Transition &t : kTransitions) {
        if (t.from == from && t.event == event)
            return t.to;
    }
    return std::nullopt;
}

std::variant<RideState, ProtocolError> RideStateMachine::check(const Ride &ride, RideEvent event,
                                                               const QString &userId)
{
    switch (actorOf(event)) {
    case RideActor::System:
        return ProtocolError::make(
                ErrorCode::Forbidden,
                QStringLiteral("%1 is decided by the server").arg(eventName(event)));
    case RideActor::Passenger:
        if (userId != ride.passengerId) {
            return ProtocolError::make(
                    ErrorCode::Forbidden,
                    ride.isParty(userId)
                            ? QStringLiteral("only the passenger may %1").arg(eventName(event))
                            : QStringLiteral("not a party to this ride"));
        }
        break;
    case RideActor::Driver:
        if (userId == ride.passengerId)
            return ProtocolError::make(
                    ErrorCode::Forbidden,
                    QStringLiteral("only the driver may %1").arg(eventName(event)));
        if (userId != ride.driverId) {
            // A former candidate was a party; its proposal is over, which is a state problem.
            if (ride.pastCandidates.contains(userId))
                return ProtocolError::make(
                        ErrorCode::Conflict,
                        QStringLiteral("this proposal is no longer yours to answer"));
            return ProtocolError::make(ErrorCode::Forbidden,
                                       QStringLiteral("not a party to this ride"));
        }
        break;
    }
    if (const auto to = target(ride.state, event))
        return *to;
    return ProtocolError::make(ErrorCode::Conflict,
                               QStringLiteral("cannot %1: the ride is %2")
                                       .arg(eventName(event), stateName(ride.state)));
}

void RideStateMachine::apply(Ride &ride, RideEvent event)
{
    const auto to = target(ride.state, event);
    Q_ASSERT_X(to, "RideStateMachine::apply", "transition not in the table");
    if (to)
        ride.state = *to;
}

bool RideStateMachine::isTerminal(RideState state)
{
    return state == S::Completed || state == S::Cancelled || state == S::Expired;
}

QString RideStateMachine::stateName(RideState state)
{
    for (const StateName &s : kStateNames) {
        if (s.state == state)
            return QString::fromLatin1(s.name);
    }
    return {};
}

std::optional<RideState> RideStateMachine::stateFromName(QStringView name)
{
    for (const StateName &s : kStateNames) {
        if (name == QLatin1String(s.name))
            return s.state;
    }
    return std::nullopt;
}

QString RideStateMachine::eventName(RideEvent event)
{
    switch (event) {
    case E::Propose:
        return QStringLiteral("propose");
    case E::NoDriver:
        return QStringLiteral("give up (no driver)");
    case E::Accept:
        return QStringLiteral("accept");
    case E::Reject:
        return QStringLiteral("reject");
    case E::Timeout:
        return QStringLiteral("time out");
    case E::Cancel:
        return QStringLiteral("cancel");
    case E::Start:
        return QStringLiteral("start the ride");
    case E::Arrive:
        return QStringLiteral("arrive");
    case E::Pay:
        return QStringLiteral("pay");
    case E::DriverCancel:
        return QStringLiteral("cancel");
    }
    return {};
}

QStringList RideStateMachine::activeStateNames()
{
    QStringList names;
    for (const StateName &s : kStateNames) {
        if (!isTerminal(s.state))
            names.append(QString::fromLatin1(s.name));
    }
    return names;
}

RideRecord Ride::toRecord() const
{
    RideRecord r;
    r.matchId = matchId;
    r.rideId = rideId;
    r.passengerId = passengerId;
    r.driverId = driverId;
    r.state = RideStateMachine::stateName(state);
    r.pickup = pickup;
    r.destination = destination;
    r.pastCandidates = pastCandidates;
    r.proposalExpiresAt = proposalExpiresAt;
    r.distanceMeters = distanceMeters;
    r.fare = fare;
    r.createdAt = createdAt;
    r.updatedAt = updatedAt;
    r.acceptedAt = acceptedAt;
    r.startedAt = startedAt;
    r.arrivedAt = arrivedAt;
    r.completedAt = completedAt;
    r.lastDriverLocation = lastDriverLocation;
    r.version = version;
    return r;
}

std::optional<Ride> Ride::fromRecord(const RideRecord &r)
{
    const auto state = RideStateMachine::stateFromName(r.state);
    if (!state)
        return std::nullopt;
    Ride ride;
    ride.matchId = r.matchId;
    ride.rideId = r.rideId;
    ride.passengerId = r.passengerId;
    ride.driverId = r.driverId;
    ride.state = *state;
    ride.pickup = r.pickup;
    ride.destination = r.destination;
    ride.pastCandidates = r.pastCandidates;
    ride.proposalExpiresAt = r.proposalExpiresAt;
    ride.distanceMeters = r.distanceMeters;
    ride.fare = r.fare;
    ride.createdAt = r.createdAt;
    ride.updatedAt = r.updatedAt;
    ride.acceptedAt = r.acceptedAt;
    ride.startedAt = r.startedAt;
    ride.arrivedAt = r.arrivedAt;
    ride.completedAt = r.completedAt;
    ride.lastDriverLocation = r.lastDriverLocation;
    ride.version = r.version;
    return ride;
}

} // namespace NebengJek::Server
