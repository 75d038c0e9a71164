// SPDX-License-Identifier: MIT
// The ride lifecycle through Hub::handle with a recording outbox: every message checked at
// both ends.
#include "hubtestsupport.h"

#include <hub/fare.h>

using namespace NebengJek;
using namespace NebengJek::Tests;
using Protocol::MessageType;
using Protocol::Role;

// Generous for a loaded 2-core machine; the proposal timeout itself is 300 ms.
constexpr int kTimeoutMs = 10000;

const Protocol::GeoPoint kBandungStation {-6.9147, 107.6022};

// The positive marker for "no proposal timer fired": a request in another city (so no driver of
// the test is involved) proposed after the moment in question. Proposal timers have one length
// and fire in the order they were started, so once the marker's passenger hears its proposal
// expired, a timer started before would have fired too.
class ProposalMarker
{
public:
    explicit ProposalMarker(HubHarness &h)
        : m_h(h)
        , m_driver(h.connect(QStringLiteral("marker-driver"), Role::Driver))
        , m_passenger(h.connect(QStringLiteral("marker-passenger"), Role::Passenger))
    {
        m_ok = h.request(m_driver, MessageType::BeaconUpdate, beacon(kFarAway.lat, kFarAway.lng))
                        .type
                == MessageType::Ack;
        h.drop(m_driver);
        h.drop(m_passenger);
    }
    // True if the marker's proposal is out (its timer runs).
    bool start()
    {
        const Envelope reply = m_h.request(m_passenger, MessageType::FinderUpdate,
                                           finder(toJson(kFarAway), toJson(kBandungStation)));
        return m_ok && str(reply, "status") == QLatin1String("proposed");
    }
    bool arrived() const { return m_h.count(m_passenger, MessageType::MatchStatus) >= 1; }

private:
    HubHarness &m_h;
    Client m_driver;
    Client m_passenger;
    bool m_ok = false;
};

class TestHubRide : public QObject
{
    Q_OBJECT

private slots:
    void fullRide();
    void proposalTimeoutProposesNextDriver();
    void rejectionProposesNextThenNoDriver();
    void nearestDriverWithinRadius();
    void busyDriverIsNotProposed();
    void concurrentConfirms();
    void passengerCancels();
    void fareWithoutLocationsUsesStraightLine();
    void locationRelayIsCompactAndCorrect();
    void rideSurvivesRestart();
    void rideDistanceAfterCrash();
    void proposalSurvivesRestart();
    void driverOfflineIsNotMatched();
};

static qint64 seqOf(const Envelope &e)
{
    return e.seq;
}

void TestHubRide::fullRide()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("driver-1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("passenger-1"), Role::Passenger);
    h.drop(driver);
    h.drop(passenger);

    // Driver goes on duty.
    Envelope reply =
            h.request(driver, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("is_active")).toBool(), true);
    QCOMPARE(h.hub().availableDriverCount(), 1);

    // Passenger asks for a ride: both get the same proposal, durable (seq 1 for each).
    reply = h.request(passenger, MessageType::FinderUpdate,
                      finder(toJson(kPickup), toJson(kDestination)));
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(str(reply, "status"), QStringLiteral("proposed"));
    const QString matchId = str(reply, "match_id");
    QVERIFY(!matchId.isEmpty());
    const Envelope driverProposal = h.takeOne(driver, MessageType::MatchProposal);
    const Envelope passengerProposal = h.takeOne(passenger, MessageType::MatchProposal);
    QCOMPARE(seqOf(driverProposal), qint64(1));
    QCOMPARE(seqOf(passengerProposal), qint64(1));
    const auto proposal = Protocol::decode<Protocol::MatchProposal>(driverProposal.payload);
    QVERIFY2(proposal.ok(), qPrintable(proposal.error.message));
    QCOMPARE(proposal->matchId, matchId);
    QCOMPARE(proposal->driverId, driver.userId);
    QCOMPARE(proposal->passengerId, passenger.userId);
    QCOMPARE(proposal->pickup, kPickup);
    QCOMPARE(proposal->destination, kDestination);
    QVERIFY(qAbs(proposal->distanceMeters - Protocol::distanceMeters(kPickup, kNearPickup)) < 0.01);
    QVERIFY(proposal->expiresAt > QDateTime::currentMSecsSinceEpoch() - 1000);
    QCOMPARE(passengerProposal.payload, driverProposal.payload);

    // Driver accepts: both get match_status accepted with the ride id.
    reply = h.request(driver, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}});
    EXPECT_TYPE(reply, MessageType::Ack);
    const QString rideId = str(reply, "ride_id");
    QVERIFY(!rideId.isEmpty());
    for (const Client &c : {driver, passenger}) {
        const Envelope status = h.takeOne(c, MessageType::MatchStatus);
        QCOMPARE(seqOf(status), qint64(2));
        QCOMPARE(str(status, "status"), QStringLiteral("accepted"));
        QCOMPARE(str(status, "ride_id"), rideId);
        QCOMPARE(str(status, "match_id"), matchId);
        QCOMPARE(str(status, "driver_id"), driver.userId);
        QCOMPARE(str(status, "passenger_id"), passenger.userId);
    }
    const Envelope found = h.takeOne(passenger, MessageType::NotificationNew);
    QCOMPARE(found.payload.value(QStringLiteral("notification"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
             QStringLiteral("match_found"));
    QCOMPARE(found.payload.value(QStringLiteral("unread_count")).toInt(), 1);
    QCOMPARE(h.hub().activeRideCount(), 1);

    // On the way to the pickup: positions are relayed, no distance is counted yet.
    h.post(driver, MessageType::LocationUpdate, location(kNearPickup));
    Envelope relayed = h.takeOne(passenger, MessageType::LocationUpdate);
    QCOMPARE(str(relayed, "ride_id"), rideId);
    QCOMPARE(str(relayed, "driver_id"), driver.userId);
    QVERIFY(relayed.payload.value(QStringLiteral("timestamp")).toDouble() > 0);
    QCOMPARE(relayed.seq, qint64(0)); // ephemeral
    QVERIFY(h.outbox().peek(driver.connection).isEmpty()); // no id, no ack
    h.post(driver, MessageType::LocationUpdate, location(kPickup));
    h.take(passenger, MessageType::LocationUpdate);

    // Pickup.
    reply = h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(str(reply, "status"), QStringLiteral("in_progress"));
    for (const Client &c : {driver, passenger}) {
        const Envelope pickup = h.takeOne(c, MessageType::RidePickup);
        QCOMPARE(seqOf(pickup), qint64(3));
        QCOMPARE(str(pickup, "ride_id"), rideId);
        QCOMPARE(str(pickup, "driver_id"), driver.userId);
        QCOMPARE(str(pickup, "passenger_id"), passenger.userId);
        QVERIFY(pickup.payload.value(QStringLiteral("started_at")).toDouble() > 0);
    }
    QCOMPARE(h.takeOne(passenger, MessageType::NotificationNew)
                     .payload.value(QStringLiteral("notification"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
             QStringLiteral("ride_started"));

    // The drive: three segments from the pickup; each position relayed to the passenger.
    const QList<Protocol::GeoPoint> path = {{-6.2050, 106.8200}, {-6.2150, 106.8250}, kDestination};
    double expectedDistance = 0;
    Protocol::GeoPoint last = kPickup;
    for (const Protocol::GeoPoint &p : path) {
        // With an id the driver gets an ack; without, nothing.
        const Envelope ack = h.request(driver, MessageType::LocationUpdate,
                                       {{QStringLiteral("lat"), p.lat},
                                        {QStringLiteral("lng"), p.lng},
                                        {QStringLiteral("heading"), 90.5},
                                        {QStringLiteral("speed"), 8.25}});
        EXPECT_TYPE(ack, MessageType::Ack);
        expectedDistance += Protocol::distanceMeters(last, p);
        last = p;
        relayed = h.takeOne(passenger, MessageType::LocationUpdate);
        QCOMPARE(relayed.payload.value(QStringLiteral("lat")).toDouble(), p.lat);
        QCOMPARE(relayed.payload.value(QStringLiteral("lng")).toDouble(), p.lng);
        QCOMPARE(relayed.payload.value(QStringLiteral("heading")).toDouble(), 90.5);
        QCOMPARE(relayed.payload.value(QStringLiteral("speed")).toDouble(), 8.25);
    }
    QVERIFY(h.outbox().peek(driver.connection).isEmpty());

    // Arrival: the fare follows the distance actually driven.
    reply = h.request(driver, MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    EXPECT_TYPE(reply, MessageType::Ack);
    const qint64 expectedFare = h.config().fareBase
            + qRound64(double(h.config().farePerKm) * expectedDistance / 1000.0);
    QCOMPARE(qint64(reply.payload.value(QStringLiteral("fare")).toDouble()), expectedFare);
    QVERIFY(expectedFare > h.config().fareBase);
    for (const Client &c : {driver, passenger}) {
        const Envelope request = h.takeOne(c, MessageType::PaymentRequest);
        QCOMPARE(seqOf(request), qint64(4));
        const auto decoded = Protocol::decode<Protocol::PaymentRequest>(request.payload);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->rideId, rideId);
        QCOMPARE(decoded->fare, expectedFare);
        QVERIFY(qAbs(decoded->distanceMeters - expectedDistance) < 0.01);
        QCOMPARE(decoded->currency, QStringLiteral("IDR"));
    }
    h.takeOne(passenger, MessageType::NotificationNew);

    // The passenger pays: the wrong amount is refused, the right one completes the ride.
    reply = h.request(passenger, MessageType::PaymentProcess,
                      {{QStringLiteral("ride_id"), rideId},
                       {QStringLiteral("amount"), double(expectedFare - 1)}});
    EXPECT_ERROR(reply, "VALIDATION_FAILED");
    QCOMPARE(reply.payload.value(QStringLiteral("field")).toString(), QStringLiteral("amount"));
    QVERIFY(h.take(driver, MessageType::RideCompleted).isEmpty());
    reply = h.request(passenger, MessageType::PaymentProcess,
                      {{QStringLiteral("ride_id"), rideId},
                       {QStringLiteral("amount"), double(expectedFare)},
                       {QStringLiteral("method"), QStringLiteral("wallet")}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(str(reply, "status"), QStringLiteral("completed"));
    for (const Client &c : {driver, passenger}) {
        const Envelope completed = h.takeOne(c, MessageType::RideCompleted);
        QCOMPARE(seqOf(completed), qint64(5));
        const auto decoded = Protocol::decode<Protocol::RideCompleted>(completed.payload);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->rideId, rideId);
        QCOMPARE(decoded->fare, expectedFare);
        QVERIFY(decoded->completedAt > 0);
        QCOMPARE(h.takeOne(c, MessageType::NotificationNew)
                         .payload.value(QStringLiteral("notification"))
                         .toObject()
                         .value(QStringLiteral("kind"))
                         .toString(),
                 QStringLiteral("ride_completed"));
    }
    // Nothing else was sent to either side.
    QCOMPARE(h.types(driver), QList<MessageType> {});
    QCOMPARE(h.types(passenger), QList<MessageType> {});
    QCOMPARE(h.hub().activeRideCount(), 0);

    // The ride is over: a late location update is not relayed, a second payment conflicts.
    h.post(driver, MessageType::LocationUpdate, location(kPickup));
    QVERIFY(h.take(passenger, MessageType::LocationUpdate).isEmpty());
    reply = h.request(passenger, MessageType::PaymentProcess,
                      {{QStringLiteral("ride_id"), rideId},
                       {QStringLiteral("amount"), double(expectedFare)}});
    EXPECT_ERROR(reply, "CONFLICT");

    // The driver is free again and gets the next request.
    const Client passenger2 = h.connect(QStringLiteral("passenger-2"), Role::Passenger);
    reply = h.request(passenger2, MessageType::FinderUpdate,
                      finder(toJson(kPickup), toJson(kDestination)));
    QCOMPARE(str(reply, "status"), QStringLiteral("proposed"));
    QCOMPARE(str(h.takeOne(driver, MessageType::MatchProposal), "passenger_id"), passenger2.userId);
}

void TestHubRide::proposalTimeoutProposesNextDriver()
{
    // Long enough that the second driver surely answers in time on a loaded machine.
    Server::HubConfig config = HubHarness::fastConfig();
    config.proposalTimeoutMs = 1500;
    HubHarness h(config);
    const Client near = h.connect(QStringLiteral("driver-near"), Role::Driver);
    const Client far = h.connect(QStringLiteral("driver-far"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("passenger-1"), Role::Passenger);
    h.request(near, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    h.request(far, MessageType::BeaconUpdate,
              beacon(kFartherFromPickup.lat, kFartherFromPickup.lng));
    for (const Client &c : {near, far, passenger})
        h.drop(c);

    const Envelope reply = h.request(passenger, MessageType::FinderUpdate,
                                     finder(toJson(kPickup), toJson(kDestination)));
    const QString matchId = str(reply, "match_id");
    QCOMPARE(str(h.takeOne(near, MessageType::MatchProposal), "driver_id"), near.userId);
    QCOMPARE(str(h.takeOne(passenger, MessageType::MatchProposal), "driver_id"), near.userId);
    QVERIFY(h.take(far, MessageType::MatchProposal).isEmpty());

    // No answer within proposalTimeoutMs counts as a rejection: the next nearest is asked.
    QTRY_VERIFY_WITH_TIMEOUT(!h.outbox().peek(far.connection).isEmpty(), kTimeoutMs);
    const Envelope expired = h.takeOne(near, MessageType::MatchStatus);
    QCOMPARE(str(expired, "status"), QStringLiteral("expired"));
    QCOMPARE(str(expired, "match_id"), matchId);
    const Envelope second = h.takeOne(far, MessageType::MatchProposal);
    QCOMPARE(str(second, "match_id"), matchId);
    QCOMPARE(str(second, "driver_id"), far.userId);
    const QList<Envelope> passengerSees = h.outbox().take(passenger.connection);
    QCOMPARE(passengerSees.size(), 2);
    EXPECT_TYPE(passengerSees.at(0), MessageType::MatchStatus);
    QCOMPARE(str(passengerSees.at(0), "status"), QStringLiteral("expired"));
    EXPECT_TYPE(passengerSees.at(1), MessageType::MatchProposal);
    QCOMPARE(str(passengerSees.at(1), "driver_id"), far.userId);
    QVERIFY(passengerSees.at(1).seq > passengerSees.at(0).seq);

    // The first driver answering late is told the proposal moved on.
    Envelope late =
            h.request(near, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}});
    EXPECT_ERROR(late, "CONFLICT");

    // The second accepts in time.
    const Envelope accepted =
            h.request(far, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}});
    EXPECT_TYPE(accepted, MessageType::Ack);
    QCOMPARE(str(h.takeOne(passenger, MessageType::MatchStatus), "driver_id"), far.userId);
    // And no timer fires afterwards.
    ProposalMarker marker(h);
    QVERIFY(marker.start());
    QTRY_VERIFY_WITH_TIMEOUT(marker.arrived(), kTimeoutMs);
    QVERIFY(h.take(far, MessageType::MatchStatus).size() == 1);
    QVERIFY(h.take(passenger, MessageType::MatchProposal).isEmpty());
}

void TestHubRide::rejectionProposesNextThenNoDriver()
{
    HubHarness h;
    const Client d1 = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client d2 = h.connect(QStringLiteral("d2"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.request(d1, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    h.request(d2, MessageType::BeaconUpdate,
              beacon(kFartherFromPickup.lat, kFartherFromPickup.lng));
    for (const Client &c : {d1, d2, passenger})
        h.drop(c);
    const QString matchId = str(h.request(passenger, MessageType::FinderUpdate,
                                          finder(toJson(kPickup), toJson(kDestination))),
                                "match_id");
    h.takeOne(d1, MessageType::MatchProposal);

    Envelope reply =
            h.request(d1, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), false}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(str(reply, "status"), QStringLiteral("rejected"));
    QCOMPARE(str(h.takeOne(d1, MessageType::MatchStatus), "status"), QStringLiteral("rejected"));
    QCOMPARE(str(h.takeOne(d2, MessageType::MatchProposal), "match_id"), matchId);

    reply = h.request(d2, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), false}});
    EXPECT_TYPE(reply, MessageType::Ack);
    // Both drivers declined: nobody left (d1 is not asked again).
    QVERIFY(h.take(d1, MessageType::MatchProposal).isEmpty());
    const QList<Envelope> statuses = h.take(passenger, MessageType::MatchStatus);
    QCOMPARE(statuses.size(), 3);
    QCOMPARE(str(statuses.at(0), "status"), QStringLiteral("rejected"));
    QCOMPARE(str(statuses.at(1), "status"), QStringLiteral("rejected"));
    QCOMPARE(str(statuses.at(2), "status"), QStringLiteral("no_driver"));
    QCOMPARE(str(statuses.at(2), "match_id"), matchId);
    QCOMPARE(h.hub().activeRideCount(), 0);

    // The passenger may ask again; d1 is eligible for a new request.
    reply = h.request(passenger, MessageType::FinderUpdate,
                      finder(toJson(kPickup), toJson(kDestination)));
    QCOMPARE(str(reply, "status"), QStringLiteral("proposed"));
    QVERIFY(str(reply, "match_id") != matchId);
    QCOMPARE(h.take(d1, MessageType::MatchProposal).size(), 1);
}

void TestHubRide::nearestDriverWithinRadius()
{
    HubHarness h;
    const Client far = h.connect(QStringLiteral("d-bandung"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.request(far, MessageType::BeaconUpdate, beacon(kFarAway.lat, kFarAway.lng));
    h.drop(passenger);
    Envelope reply = h.request(passenger, MessageType::FinderUpdate,
                               finder(toJson(kPickup), toJson(kDestination)));
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(str(reply, "status"), QStringLiteral("no_driver"));
    const Envelope status = h.takeOne(passenger, MessageType::MatchStatus);
    QCOMPARE(str(status, "status"), QStringLiteral("no_driver"));
    QCOMPARE(status.seq, qint64(1));
    QVERIFY(h.take(far, MessageType::MatchProposal).isEmpty());

    // Off duty drivers are not proposed either.
    const Client offDuty = h.connect(QStringLiteral("d-off"), Role::Driver);
    h.request(offDuty, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    h.request(offDuty, MessageType::BeaconUpdate, {{QStringLiteral("is_active"), false}});
    reply = h.request(passenger, MessageType::FinderUpdate,
                      finder(toJson(kPickup), toJson(kDestination)));
    QCOMPARE(str(reply, "status"), QStringLiteral("no_driver"));
}

void TestHubRide::busyDriverIsNotProposed()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client p1 = h.connect(QStringLiteral("p1"), Role::Passenger);
    const Client p2 = h.connect(QStringLiteral("p2"), Role::Passenger);
    h.request(driver, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    // A pending proposal already makes the driver busy.
    QCOMPARE(str(h.request(p1, MessageType::FinderUpdate,
                           finder(toJson(kPickup), toJson(kDestination))),
                 "status"),
             QStringLiteral("proposed"));
    QCOMPARE(str(h.request(p2, MessageType::FinderUpdate,
                           finder(toJson(kPickup), toJson(kDestination))),
                 "status"),
             QStringLiteral("no_driver"));
    QCOMPARE(h.take(driver, MessageType::MatchProposal).size(), 1);
}

void TestHubRide::concurrentConfirms()
{
    HubHarness h;
    // The driver has the app open on two devices; both answer the same proposal.
    const Client phone = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client tablet = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.request(phone, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    const QString matchId = str(h.request(passenger, MessageType::FinderUpdate,
                                          finder(toJson(kPickup), toJson(kDestination))),
                                "match_id");
    // Both devices got the proposal (same seq).
    QCOMPARE(h.takeOne(phone, MessageType::MatchProposal).seq,
             h.takeOne(tablet, MessageType::MatchProposal).seq);

    const QJsonObject accept {{QStringLiteral("match_id"), matchId},
                              {QStringLiteral("accepted"), true}};
    h.post(phone, MessageType::MatchConfirm, accept, QStringLiteral("phone-1"));
    h.post(tablet, MessageType::MatchConfirm, accept, QStringLiteral("tablet-1"));
    const Envelope first = h.takeReply(phone, QStringLiteral("phone-1"));
    const Envelope second = h.takeReply(tablet, QStringLiteral("tablet-1"));
    EXPECT_TYPE(first, MessageType::Ack);
    EXPECT_ERROR(second, "CONFLICT");
    // Exactly one acceptance, one ride.
    QCOMPARE(h.take(passenger, MessageType::MatchStatus).size(), 1);
    QCOMPARE(h.take(phone, MessageType::MatchStatus).size(), 1);
    QCOMPARE(h.take(tablet, MessageType::MatchStatus).size(), 1);
    QCOMPARE(h.hub().activeRideCount(), 1);

    // A reject racing the accept loses too, and the phone's retry of its own request gets
    // its original answer, not a conflict.
    const Envelope reject =
            h.request(tablet, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), false}});
    EXPECT_ERROR(reject, "CONFLICT");
    const Envelope retry =
            h.request(phone, MessageType::MatchConfirm, accept, QStringLiteral("phone-1"));
    QCOMPARE(retry.toJson(), first.toJson());
    QVERIFY(h.take(passenger, MessageType::MatchStatus).isEmpty());
}

void TestHubRide::passengerCancels()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const QJsonObject cancel {{QStringLiteral("is_active"), false}};

    // While proposed.
    h.request(driver, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    const QString matchId = str(h.request(passenger, MessageType::FinderUpdate,
                                          finder(toJson(kPickup), toJson(kDestination))),
                                "match_id");
    h.drop(driver);
    h.drop(passenger);
    Envelope reply = h.request(passenger, MessageType::FinderUpdate, cancel);
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(str(reply, "status"), QStringLiteral("cancelled"));
    QCOMPARE(str(h.takeOne(driver, MessageType::MatchStatus), "status"),
             QStringLiteral("cancelled"));
    QCOMPARE(str(h.takeOne(passenger, MessageType::MatchStatus), "status"),
             QStringLiteral("cancelled"));
    // The proposed driver is also told in the notification center.
    QCOMPARE(h.takeOne(driver, MessageType::NotificationNew)
                     .payload.value(QStringLiteral("notification"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
             QStringLiteral("ride_cancelled"));
    reply = h.request(driver, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}});
    EXPECT_ERROR(reply, "CONFLICT");
    // Nothing left to cancel.
    EXPECT_ERROR(h.request(passenger, MessageType::FinderUpdate, cancel), "NOT_FOUND");
    // The proposal timer does not fire for a cancelled match.
    ProposalMarker marker(h);
    QVERIFY(marker.start());
    QTRY_VERIFY_WITH_TIMEOUT(marker.arrived(), kTimeoutMs);
    QVERIFY(h.outbox().peek(driver.connection).isEmpty());

    // After acceptance, before pickup: still possible.
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    QVERIFY(!ride.rideId.isEmpty());
    reply = h.request(passenger, MessageType::FinderUpdate, cancel);
    EXPECT_TYPE(reply, MessageType::Ack);
    const Envelope cancelled = h.takeOne(driver, MessageType::MatchStatus);
    QCOMPARE(str(cancelled, "status"), QStringLiteral("cancelled"));
    QCOMPARE(str(cancelled, "ride_id"), ride.rideId);
    EXPECT_ERROR(
            h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), ride.rideId}}),
            "CONFLICT");

    // On board: too late.
    const AcceptedRide ride2 = acceptRide(h, driver, passenger);
    EXPECT_TYPE(
            h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), ride2.rideId}}),
            MessageType::Ack);
    EXPECT_ERROR(h.request(passenger, MessageType::FinderUpdate, cancel), "CONFLICT");
}

void TestHubRide::fareWithoutLocationsUsesStraightLine()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), ride.rideId}});
    const Envelope reply =
            h.request(driver, MessageType::RideArrived, {{QStringLiteral("ride_id"), ride.rideId}});
    const double straight = Protocol::distanceMeters(kPickup, kDestination);
    QCOMPARE(qint64(reply.payload.value(QStringLiteral("fare")).toDouble()),
             Server::computeFare(straight, h.config()));
    QVERIFY(qAbs(reply.payload.value(QStringLiteral("distance_m")).toDouble() - straight) < 0.01);
    // The formula: 5000 + 2500 per km.
    Server::HubConfig config;
    QCOMPARE(Server::computeFare(0, config), qint64(5000));
    QCOMPARE(Server::computeFare(4000, config), qint64(15000));
    QCOMPARE(Server::computeFare(1234, config), qint64(5000 + 3085));
}

void TestHubRide::locationRelayIsCompactAndCorrect()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const Client passengerTablet = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    h.drop(passengerTablet);
    h.post(driver, MessageType::LocationUpdate,
           {{QStringLiteral("lat"), -6.123456789}, {QStringLiteral("lng"), 106.987654321}});
    // Every device of the passenger gets the very same bytes.
    const QList<QByteArray> a = h.outbox().rawFrames(passenger.connection);
    const QList<QByteArray> b = h.outbox().rawFrames(passengerTablet.connection);
    QCOMPARE(a.size(), 1);
    QCOMPARE(a, b);
    QVERIFY(a.constFirst().isSharedWith(b.constFirst()));
    const auto parsed = Protocol::parseEnvelope(a.constFirst(), Protocol::Direction::FromServer);
    QVERIFY(parsed.ok());
    const auto decoded = Protocol::decode<Protocol::LocationUpdate>(parsed.envelope->payload);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->location.lat, -6.123456789);
    QCOMPARE(decoded->location.lng, 106.987654321);
    QCOMPARE(decoded->rideId, ride.rideId);
    QCOMPARE(decoded->driverId, driver.userId);
    QVERIFY(!decoded->heading);
    // The same content the generic serializer would produce.
    Protocol::LocationUpdate expected = *decoded;
    QCOMPARE(QJsonDocument::fromJson(a.constFirst())
                     .object()
                     .value(QStringLiteral("payload"))
                     .toObject(),
             expected.toJson());
}

void TestHubRide::rideSurvivesRestart()
{
    HubHarness h;
    Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    h.post(driver, MessageType::LocationUpdate, location(kPickup));
    h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), ride.rideId}});
    const Protocol::GeoPoint halfway {-6.2125, 106.8233};
    h.post(driver, MessageType::LocationUpdate, location(halfway));
    const double driven = Protocol::distanceMeters(kPickup, halfway);

    h.restart(); // the in-memory distance is checkpointed when the hub shuts down
    QCOMPARE(h.hub().activeRideCount(), 1);
    driver = h.connect(QStringLiteral("d1"), Role::Driver);
    passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(driver);
    h.drop(passenger);
    // Relay works right away; the first position after a restart starts a new segment.
    h.post(driver, MessageType::LocationUpdate, location(halfway));
    QCOMPARE(h.take(passenger, MessageType::LocationUpdate).size(), 1);
    h.post(driver, MessageType::LocationUpdate, location(kDestination));
    const double total = driven + Protocol::distanceMeters(halfway, kDestination);
    const Envelope reply =
            h.request(driver, MessageType::RideArrived, {{QStringLiteral("ride_id"), ride.rideId}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QVERIFY(qAbs(reply.payload.value(QStringLiteral("distance_m")).toDouble() - total) < 0.01);
    // Sequence numbers continue after the restart (the log is in storage).
    QCOMPARE(h.takeOne(passenger, MessageType::PaymentRequest).seq, qint64(4));
}

// docs/hub.md, "Fare": on kill -9 the distance accumulated in memory since the last write is
// not lost but shortened: the chain continues from the last written position (here the ride
// start), so the detour driven before the crash counts as one straight segment.
void TestHubRide::rideDistanceAfterCrash()
{
    HubHarness h;
    Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    QVERIFY(!ride.rideId.isEmpty());
    h.post(driver, MessageType::LocationUpdate, location(kPickup));
    EXPECT_TYPE(
            h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), ride.rideId}}),
            MessageType::Ack);
    const Protocol::GeoPoint detour {-6.2000, 106.8400}; // ~2.6 km east, off the straight line
    const Protocol::GeoPoint halfway {-6.2125, 106.8233};
    h.post(driver, MessageType::LocationUpdate, location(detour));
    h.post(driver, MessageType::LocationUpdate, location(halfway));
    const double path =
            Protocol::distanceMeters(kPickup, detour) + Protocol::distanceMeters(detour, halfway);
    const double straight = Protocol::distanceMeters(kPickup, halfway);
    QVERIFY(path > straight + 1000); // the detour is worth telling apart

    h.crashAndRestart(); // no distance checkpoint: the detour was only in memory
    QCOMPARE(h.hub().activeRideCount(), 1);
    driver = h.connect(QStringLiteral("d1"), Role::Driver);
    passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(driver);
    h.drop(passenger);
    h.post(driver, MessageType::LocationUpdate, location(halfway));
    QCOMPARE(h.take(passenger, MessageType::LocationUpdate).size(), 1);
    h.post(driver, MessageType::LocationUpdate, location(kDestination));
    const Envelope reply =
            h.request(driver, MessageType::RideArrived, {{QStringLiteral("ride_id"), ride.rideId}});
    EXPECT_TYPE(reply, MessageType::Ack);
    const double expected = straight + Protocol::distanceMeters(halfway, kDestination);
    const double charged = reply.payload.value(QStringLiteral("distance_m")).toDouble();
    QVERIFY2(qAbs(charged - expected) < 0.01,
             qPrintable(QStringLiteral("charged %1 m, expected %2 m").arg(charged).arg(expected)));
    QCOMPARE(qint64(reply.payload.value(QStringLiteral("fare")).toDouble()),
             Server::computeFare(expected, h.config()));
}

void TestHubRide::proposalSurvivesRestart()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.request(driver, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    const QString matchId = str(h.request(passenger, MessageType::FinderUpdate,
                                          finder(toJson(kPickup), toJson(kDestination))),
                                "match_id");
    h.restart();
    QCOMPARE(h.hub().activeRideCount(), 1);
    // The timer was re-armed from the stored deadline: with no driver on duty after the
    // restart, the match ends with no_driver, stored for the passenger.
    QTRY_COMPARE_WITH_TIMEOUT(h.hub().activeRideCount(), 0, kTimeoutMs);
    passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(passenger);
    const Envelope done =
            h.request(passenger, MessageType::Resume, {{QStringLiteral("last_seq"), 1}});
    EXPECT_TYPE(done, MessageType::ResumeDone);
    const QList<Envelope> statuses = h.take(passenger, MessageType::MatchStatus);
    QCOMPARE(statuses.size(), 2);
    QCOMPARE(str(statuses.at(0), "status"), QStringLiteral("expired"));
    QCOMPARE(str(statuses.at(1), "status"), QStringLiteral("no_driver"));
    QCOMPARE(str(statuses.at(1), "match_id"), matchId);
}

void TestHubRide::driverOfflineIsNotMatched()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.request(driver, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    h.disconnect(driver);
    // Within the grace period the driver still counts (a reconnect is on its way)...
    QCOMPARE(h.hub().availableDriverCount(), 1);
    // ...after it, they are off duty.
    QTRY_COMPARE_WITH_TIMEOUT(h.hub().availableDriverCount(), 0, kTimeoutMs);
    QCOMPARE(str(h.request(passenger, MessageType::FinderUpdate,
                           finder(toJson(kPickup), toJson(kDestination))),
                 "status"),
             QStringLiteral("no_driver"));
}

QTEST_GUILESS_MAIN(TestHubRide)
#include "tst_hub_ride.moc"
