// SPDX-License-Identifier: MIT
// The ride state machine on its own: the table, who may cause which event, and the errors.
#include <hub/ridestatemachine.h>

#include <QTest>

using namespace NebengJek;
using namespace NebengJek::Server;
using Protocol::ErrorCode;

Q_DECLARE_METATYPE(RideState)
Q_DECLARE_METATYPE(RideEvent)

class TestRideStateMachine : public QObject
{
    Q_OBJECT

private:
    static Ride ride(RideState state)
    {
        Ride r;
        r.matchId = QStringLiteral("m");
        r.passengerId = QStringLiteral("p");
        r.driverId = QStringLiteral("d");
        r.pastCandidates = {QStringLiteral("old")};
        r.state = state;
        return r;
    }
    static const QList<RideState> &allStates()
    {
        static const QList<RideState> all = {RideState::Searching,       RideState::Proposed,
                                             RideState::Accepted,        RideState::InProgress,
                                             RideState::AwaitingPayment, RideState::Completed,
                                             RideState::Cancelled,       RideState::Expired};
        return all;
    }
    static const QList<RideEvent> &allEvents()
    {
        static const QList<RideEvent> all = {
                RideEvent::Propose, RideEvent::NoDriver,    RideEvent::Accept, RideEvent::Reject,
                RideEvent::Timeout, RideEvent::Cancel,      RideEvent::Start,  RideEvent::Arrive,
                RideEvent::Pay,     RideEvent::DriverCancel};
        return all;
    }

private slots:
    void happyPath()
    {
        Ride r = ride(RideState::Searching);
        const QList<std::pair<RideEvent, RideState>> steps = {
                {RideEvent::Propose, RideState::Proposed},
                {RideEvent::Accept, RideState::Accepted},
                {RideEvent::Start, RideState::InProgress},
                {RideEvent::Arrive, RideState::AwaitingPayment},
                {RideEvent::Pay, RideState::Completed},
        };
        for (const auto &[event, expected] : steps) {
            if (RideStateMachine::actorOf(event) != RideActor::System) {
                const QString who = RideStateMachine::actorOf(event) == RideActor::Driver
                        ? QStringLiteral("d")
                        : QStringLiteral("p");
                const auto check = RideStateMachine::check(r, event, who);
                QVERIFY(std::holds_alternative<RideState>(check));
                QCOMPARE(std::get<RideState>(check), expected);
            }
            RideStateMachine::apply(r, event);
            QCOMPARE(r.state, expected);
        }
        QVERIFY(RideStateMachine::isTerminal(r.state));
    }

    void everyPairIsDecided()
    {
        // The table of docs/hub.md, written out independently: every (state, event) has exactly
        // the documented target or none, so an empty or altered table fails here.
        using S = RideState;
        using E = RideEvent;
        const QList<RideStateMachine::Transition> documented = {
                {S::Searching, E::Propose, S::Proposed},
                {S::Searching, E::NoDriver, S::Expired},
                {S::Searching, E::Cancel, S::Cancelled},
                {S::Proposed, E::Accept, S::Accepted},
                {S::Proposed, E::Reject, S::Searching},
                {S::Proposed, E::Timeout, S::Searching},
                {S::Proposed, E::Cancel, S::Cancelled},
                {S::Accepted, E::Start, S::InProgress},
                {S::Accepted, E::Cancel, S::Cancelled},
                {S::InProgress, E::Arrive, S::AwaitingPayment},
                {S::AwaitingPayment, E::Pay, S::Completed},
                {S::Accepted, E::DriverCancel, S::Searching},
        };
        QCOMPARE(RideStateMachine::transitions().size(), documented.size());
        qsizetype decided = 0;
        for (RideState s : allStates()) {
            bool wayOut = false;
            for (RideEvent e : allEvents()) {
                int matches = 0;
                std::optional<RideState> expected;
                for (const auto &t : RideStateMachine::transitions())
                    matches += (t.from == s && t.event == e) ? 1 : 0;
                for (const auto &t : documented) {
                    if (t.from == s && t.event == e)
                        expected = t.to;
                }
                QVERIFY2(matches <= 1,
                         qPrintable(RideStateMachine::stateName(s) + QLatin1Char('/')
                                    + RideStateMachine::eventName(e)));
                QCOMPARE(RideStateMachine::target(s, e), expected);
                decided += expected ? 1 : 0;
                wayOut = wayOut || expected.has_value();
            }
            // Terminal states have no way out; every other state has one.
            QCOMPARE(wayOut, !RideStateMachine::isTerminal(s));
        }
        QCOMPARE(decided, documented.size());
    }

    void wrongStateIsConflict()
    {
        const auto check = RideStateMachine::check(ride(RideState::Accepted), RideEvent::Arrive,
                                                   QStringLiteral("d"));
        QVERIFY(std::holds_alternative<Protocol::ProtocolError>(check));
        QCOMPARE(std::get<Protocol::ProtocolError>(check).code, ErrorCode::Conflict);
        const auto paid = RideStateMachine::check(ride(RideState::Completed), RideEvent::Pay,
                                                  QStringLiteral("p"));
        QCOMPARE(std::get<Protocol::ProtocolError>(paid).code, ErrorCode::Conflict);
        const auto late = RideStateMachine::check(ride(RideState::InProgress), RideEvent::Cancel,
                                                  QStringLiteral("p"));
        QCOMPARE(std::get<Protocol::ProtocolError>(late).code, ErrorCode::Conflict);
    }

    void partiesAndRoles_data()
    {
        QTest::addColumn<RideState>("state");
        QTest::addColumn<RideEvent>("event");
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("code"); // -1: allowed
        QTest::newRow("driver accepts") << RideState::Proposed << RideEvent::Accept << "d" << -1;
        QTest::newRow("passenger accepts")
                << RideState::Proposed << RideEvent::Accept << "p" << int(ErrorCode::Forbidden);
        QTest::newRow("stranger accepts")
                << RideState::Proposed << RideEvent::Accept << "x" << int(ErrorCode::Forbidden);
        QTest::newRow("former candidate accepts")
                << RideState::Proposed << RideEvent::Accept << "old" << int(ErrorCode::Conflict);
        QTest::newRow("driver cancels")
                << RideState::Accepted << RideEvent::Cancel << "d" << int(ErrorCode::Forbidden);
        QTest::newRow("stranger pays")
                << RideState::AwaitingPayment << RideEvent::Pay << "x" << int(ErrorCode::Forbidden);
        QTest::newRow("driver pays")
                << RideState::AwaitingPayment << RideEvent::Pay << "d" << int(ErrorCode::Forbidden);
        QTest::newRow("passenger starts")
                << RideState::Accepted << RideEvent::Start << "p" << int(ErrorCode::Forbidden);
        QTest::newRow("nobody causes a timeout")
                << RideState::Proposed << RideEvent::Timeout << "d" << int(ErrorCode::Forbidden);
        QTest::newRow("passenger cancels a proposal")
                << RideState::Proposed << RideEvent::Cancel << "p" << -1;
    }
    void partiesAndRoles()
    {
        QFETCH(RideState, state);
        QFETCH(RideEvent, event);
        QFETCH(QString, user);
        QFETCH(int, code);
        const auto check = RideStateMachine::check(ride(state), event, user);
        if (code < 0) {
            QVERIFY(std::holds_alternative<RideState>(check));
        } else {
            QVERIFY(std::holds_alternative<Protocol::ProtocolError>(check));
            QCOMPARE(int(std::get<Protocol::ProtocolError>(check).code), code);
        }
    }

    void namesRoundTrip()
    {
        for (RideState s : allStates()) {
            const QString name = RideStateMachine::stateName(s);
            QVERIFY(!name.isEmpty());
            QCOMPARE(RideStateMachine::stateFromName(name), std::optional<RideState>(s));
        }
        QVERIFY(!RideStateMachine::stateFromName(u"flying"));
        QCOMPARE(RideStateMachine::activeStateNames().size(), 5);
    }

    void recordRoundTrip()
    {
        Ride r = ride(RideState::InProgress);
        r.rideId = QStringLiteral("ride-1");
        r.pickup = {1, 2};
        r.destination = {3, 4};
        r.distanceMeters = 1500;
        r.fare = 8750;
        r.startedAt = 42;
        const auto back = Ride::fromRecord(r.toRecord());
        QVERIFY(back);
        QCOMPARE(back->state, r.state);
        QCOMPARE(back->rideId, r.rideId);
        QCOMPARE(back->pastCandidates, r.pastCandidates);
        QCOMPARE(back->distanceMeters, r.distanceMeters);
        QCOMPARE(back->startedAt, r.startedAt);
    }
};

QTEST_GUILESS_MAIN(TestRideStateMachine)
#include "tst_ridestatemachine.moc"
