// SPDX-License-Identifier: MIT
// Ride lifecycle messages (messages/ridemessages.h): round trips through the whole pipeline and
// every validation rule, including the Go seeds' spellings (is_active/accepted,
// latitude/longitude).
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {
constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;
const GeoPoint kMonas {-6.1754, 106.8272};
const GeoPoint kBlokM {-6.2443, 106.7982};
} // namespace

class TestRideMessages : public QObject
{
    Q_OBJECT

private slots:
    void beaconUpdate();
    void beaconUpdateOffDuty();
    void finderUpdate();
    void finderUpdateCancel();
    void matchProposal();
    void matchConfirm();
    void matchStatus_data();
    void matchStatus();
    void locationUpdateFromDriver();
    void locationUpdateToPassenger();
    void rideStart();
    void ridePickup();
    void rideArrived();
    void paymentRequest();
    void paymentProcess();
    void rideCompleted();
    void validation_data();
    void validation();
};

void TestRideMessages::beaconUpdate()
{
    BeaconUpdate m;
    m.isActive = true;
    m.location = kMonas;
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->isActive, true);
    QCOMPARE(rt.value->location, std::optional<GeoPoint>(kMonas));
}

void TestRideMessages::beaconUpdateOffDuty()
{
    BeaconUpdate m;
    m.isActive = false;
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->isActive, false);
    QVERIFY(!rt.value->location.has_value());
    QCOMPARE(jsonObject(rt.wire).value(QStringLiteral("payload")).toObject(),
             jsonObject(R"({"is_active":false})"));
}

void TestRideMessages::finderUpdate()
{
    FinderUpdate m;
    m.pickup = kBlokM;
    m.destination = kMonas;
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->isActive, true);
    QCOMPARE(rt.value->pickup, kBlokM);
    QCOMPARE(rt.value->destination, kMonas);
}

void TestRideMessages::finderUpdateCancel()
{
    FinderUpdate m;
    m.isActive = false;
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->isActive, false);
}

void TestRideMessages::matchProposal()
{
    MatchProposal m;
    m.matchId = QStringLiteral("m-1");
    m.driverId = QStringLiteral("u-driver");
    m.passengerId = QStringLiteral("u-passenger");
    m.pickup = kBlokM;
    m.destination = kMonas;
    m.distanceMeters = 850.25;
    m.expiresAt = 1700000015000;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->matchId, m.matchId);
    QCOMPARE(rt.value->driverId, m.driverId);
    QCOMPARE(rt.value->passengerId, m.passengerId);
    QCOMPARE(rt.value->pickup, m.pickup);
    QCOMPARE(rt.value->destination, m.destination);
    QCOMPARE(rt.value->distanceMeters, m.distanceMeters);
    QCOMPARE(rt.value->expiresAt, m.expiresAt);
}

void TestRideMessages::matchConfirm()
{
    for (bool accepted : {true, false}) {
        MatchConfirm m;
        m.matchId = QStringLiteral("m-1");
        m.accepted = accepted;
        const auto rt = roundTrip(m, kClient);
        QVERIFY2(rt.value, qPrintable(rt.failure));
        QCOMPARE(rt.value->matchId, m.matchId);
        QCOMPARE(rt.value->accepted, accepted);
    }
}

void TestRideMessages::matchStatus_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("driverId");
    QTest::addColumn<QString>("rideId");
    QTest::newRow("accepted") << QStringLiteral("accepted") << QStringLiteral("u-1")
                              << QStringLiteral("r-1");
    QTest::newRow("rejected") << QStringLiteral("rejected") << QStringLiteral("u-1") << QString();
    QTest::newRow("expired") << QStringLiteral("expired") << QStringLiteral("u-1") << QString();
    // No driver was found: there is no driver id to send.
    QTest::newRow("no_driver") << QStringLiteral("no_driver") << QString() << QString();
    QTest::newRow("cancelled") << QStringLiteral("cancelled") << QString() << QString();
}

void TestRideMessages::matchStatus()
{
    QFETCH(QString, status);
    QFETCH(QString, driverId);
    QFETCH(QString, rideId);
    MatchStatus m;
    m.matchId = QStringLiteral("m-1");
    m.status = status;
    m.driverId = driverId;
    m.passengerId = QStringLiteral("u-2");
    m.rideId = rideId;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->matchId, m.matchId);
    QCOMPARE(rt.value->status, status);
    QCOMPARE(rt.value->driverId, driverId);
    QCOMPARE(rt.value->passengerId, m.passengerId);
    QCOMPARE(rt.value->rideId, rideId);
}

void TestRideMessages::locationUpdateFromDriver()
{
    LocationUpdate m;
    m.location = kBlokM;
    m.heading = 359.5;
    m.speed = 12.25;
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->location, kBlokM);
    QCOMPARE(rt.value->heading, m.heading);
    QCOMPARE(rt.value->speed, m.speed);
    QVERIFY(rt.value->rideId.isEmpty());
    QVERIFY(rt.value->driverId.isEmpty());
    QCOMPARE(rt.value->timestamp, qint64(0));

    LocationUpdate bare;
    bare.location = kMonas;
    const auto rtBare = roundTrip(bare, kClient);
    QVERIFY2(rtBare.value, qPrintable(rtBare.failure));
    QVERIFY(!rtBare.value->heading.has_value());
    QVERIFY(!rtBare.value->speed.has_value());

    // What a client claims about ride, driver and time is dropped, never trusted.
    const ParsedEnvelope parsed = parseEnvelope(
            R"({"type":"location_update","payload":{"lat":-6.2,"lng":106.8,"ride_id":"r-9",)"
            R"("driver_id":"someone-else","timestamp":"2024-01-15T10:30:00Z"}})",
            kClient);
    QVERIFY(parsed.ok());
    const auto fromClient = decode<LocationUpdate>(parsed.envelope->payload);
    QVERIFY(fromClient.ok());
    QVERIFY(fromClient->rideId.isEmpty());
    QVERIFY(fromClient->driverId.isEmpty());
    QCOMPARE(fromClient->timestamp, qint64(0));
    QCOMPARE(fromClient->location.lat, -6.2);
}

void TestRideMessages::locationUpdateToPassenger()
{
    LocationUpdate m;
    m.location = kBlokM;
    m.heading = 0;
    m.speed = 0;
    m.rideId = QStringLiteral("r-1");
    m.driverId = QStringLiteral("u-1");
    m.timestamp = 1700000100000;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->location, kBlokM);
    QCOMPARE(rt.value->heading, std::optional<double>(0));
    QCOMPARE(rt.value->speed, std::optional<double>(0));
    QCOMPARE(rt.value->rideId, m.rideId);
    QCOMPARE(rt.value->driverId, m.driverId);
    QCOMPARE(rt.value->timestamp, m.timestamp);
}

void TestRideMessages::rideStart()
{
    const auto rt = roundTrip(RideStart {QStringLiteral("r-1")}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->rideId, QStringLiteral("r-1"));
}

void TestRideMessages::ridePickup()
{
    RidePickup m;
    m.rideId = QStringLiteral("r-1");
    m.driverId = QStringLiteral("u-1");
    m.passengerId = QStringLiteral("u-2");
    m.startedAt = 1700000200000;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->rideId, m.rideId);
    QCOMPARE(rt.value->driverId, m.driverId);
    QCOMPARE(rt.value->passengerId, m.passengerId);
    QCOMPARE(rt.value->startedAt, m.startedAt);
}

void TestRideMessages::rideArrived()
{
    const auto rt = roundTrip(RideArrived {QStringLiteral("r-1")}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->rideId, QStringLiteral("r-1"));
}

void TestRideMessages::paymentRequest()
{
    PaymentRequest m;
    m.rideId = QStringLiteral("r-1");
    m.distanceMeters = 8200.5;
    m.fare = 25500;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->rideId, m.rideId);
    QCOMPARE(rt.value->distanceMeters, m.distanceMeters);
    QCOMPARE(rt.value->fare, m.fare);
    QCOMPARE(rt.value->currency, QStringLiteral("IDR"));
}

void TestRideMessages::paymentProcess()
{
    for (const char *method : {"cash", "wallet", "card"}) {
        PaymentProcess m;
        m.rideId = QStringLiteral("r-1");
        m.amount = 25500;
        m.method = QString::fromLatin1(method);
        const auto rt = roundTrip(m, kClient);
        QVERIFY2(rt.value, qPrintable(rt.failure));
        QCOMPARE(rt.value->rideId, m.rideId);
        QCOMPARE(rt.value->amount, m.amount);
        QCOMPARE(rt.value->method, m.method);
    }
}

void TestRideMessages::rideCompleted()
{
    RideCompleted m;
    m.rideId = QStringLiteral("r-1");
    m.fare = 25500;
    m.distanceMeters = 8200.5;
    m.completedAt = 1700001000000;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->rideId, m.rideId);
    QCOMPARE(rt.value->fare, m.fare);
    QCOMPARE(rt.value->distanceMeters, m.distanceMeters);
    QCOMPARE(rt.value->completedAt, m.completedAt);
}

void TestRideMessages::validation_data()
{
    addValidationColumns();
    const char *pt = R"("pickup":{"lat":-6.2,"lng":106.8},"destination":{"lat":-6.1,"lng":106.9})";
    const QByteArray proposalTail =
            R"(,"pickup":{"lat":0,"lng":0},"destination":{"lat":1,"lng":1},"distance_m":10,"expires_at":1})";

    // beacon_update
    accepts("beacon: on", "beacon_update", kClient, R"({"is_active":true,"lat":-6.2,"lng":106.8})");
    accepts("beacon: off, no position", "beacon_update", kClient, R"({"is_active":false})");
    accepts("beacon: off, position ignored", "beacon_update", kClient,
            R"({"is_active":false,"lat":999})");
    accepts("beacon: Go alias available", "beacon_update", kClient, R"({"available":false})");
    accepts("beacon: camelCase isActive", "beacon_update", kClient,
            R"({"isActive":true,"latitude":-6.2,"longitude":106.8})");
    accepts("beacon: lon", "beacon_update", kClient, R"({"is_active":true,"lat":0,"lon":0})");
    rejects("beacon: is_active missing", "beacon_update", kClient, R"({"lat":0,"lng":0})",
            "is_active");
    rejects("beacon: is_active as string", "beacon_update", kClient, R"({"is_active":"true"})",
            "is_active");
    rejects("beacon: is_active as 1", "beacon_update", kClient, R"({"is_active":1})", "is_active");
    rejects("beacon: on without position", "beacon_update", kClient, R"({"is_active":true})",
            "lat");
    rejects("beacon: lat 91", "beacon_update", kClient, R"({"is_active":true,"lat":91,"lng":0})",
            "lat");
    rejects("beacon: lat -90.01", "beacon_update", kClient,
            R"({"is_active":true,"lat":-90.01,"lng":0})", "lat");
    rejects("beacon: lng 180.5", "beacon_update", kClient,
            R"({"is_active":true,"lat":0,"lng":180.5})", "lng");
    rejects("beacon: latitude 1000", "beacon_update", kClient,
            R"({"is_active":true,"latitude":1000,"longitude":0})", "lat");
    rejects("beacon: lat null", "beacon_update", kClient,
            R"({"is_active":true,"lat":null,"lng":0})", "lat");

    // finder_update
    accepts("finder: search", "finder_update", kClient, QByteArray("{") + pt + "}");
    accepts("finder: explicit active", "finder_update", kClient,
            QByteArray(R"({"is_active":true,)") + pt + "}");
    accepts("finder: cancel without points", "finder_update", kClient, R"({"is_active":false})");
    accepts("finder: latitude/longitude points", "finder_update", kClient,
            R"({"pickup":{"latitude":-6.2,"longitude":106.8},"destination":{"lat":-6.1,"lon":106.9}})");
    rejects("finder: pickup missing", "finder_update", kClient,
            R"({"destination":{"lat":0,"lng":0}})", "pickup");
    rejects("finder: destination missing", "finder_update", kClient,
            R"({"pickup":{"lat":0,"lng":0}})", "destination");
    rejects("finder: pickup as array", "finder_update", kClient,
            R"({"pickup":[0,0],"destination":{"lat":0,"lng":0}})", "pickup");
    rejects("finder: pickup lat out of range", "finder_update", kClient,
            R"({"pickup":{"lat":-95,"lng":0},"destination":{"lat":0,"lng":0}})", "pickup.lat");
    rejects("finder: destination lng out of range", "finder_update", kClient,
            R"({"pickup":{"lat":0,"lng":0},"destination":{"lat":0,"lng":-200}})",
            "destination.lng");
    rejects("finder: is_active as string", "finder_update", kClient,
            QByteArray(R"({"is_active":"no",)") + pt + "}", "is_active");

    // match_proposal (server)
    accepts("proposal", "match_proposal", kServer,
            R"({"match_id":"m","driver_id":"d","passenger_id":"p")" + proposalTail);
    rejects("proposal: driver_id missing", "match_proposal", kServer,
            R"({"match_id":"m","passenger_id":"p")" + proposalTail, "driver_id");
    rejects("proposal: negative distance", "match_proposal", kServer,
            R"({"match_id":"m","driver_id":"d","passenger_id":"p","pickup":{"lat":0,"lng":0},)"
            R"("destination":{"lat":1,"lng":1},"distance_m":-1,"expires_at":1})",
            "distance_m");
    rejects("proposal: distance beyond the Earth", "match_proposal", kServer,
            R"({"match_id":"m","driver_id":"d","passenger_id":"p","pickup":{"lat":0,"lng":0},)"
            R"("destination":{"lat":1,"lng":1},"distance_m":50000001,"expires_at":1})",
            "distance_m");
    rejects("proposal: expires_at in year 10000", "match_proposal", kServer,
            R"({"match_id":"m","driver_id":"d","passenger_id":"p","pickup":{"lat":0,"lng":0},)"
            R"("destination":{"lat":1,"lng":1},"distance_m":1,"expires_at":253402300800000})",
            "expires_at");

    // match_confirm
    accepts("confirm: accept", "match_confirm", kClient, R"({"match_id":"m-1","accepted":true})");
    accepts("confirm: reject", "match_confirm", kClient, R"({"match_id":"m-1","accepted":false})");
    accepts("confirm: camelCase", "match_confirm", kClient, R"({"matchId":"m-1","accepted":true})");
    accepts("confirm: alias accept", "match_confirm", kClient,
            R"({"match_id":"m-1","accept":true})");
    rejects("confirm: match_id missing", "match_confirm", kClient, R"({"accepted":true})",
            "match_id");
    rejects("confirm: match_id empty", "match_confirm", kClient,
            R"({"match_id":"","accepted":true})", "match_id");
    rejects("confirm: match_id with space", "match_confirm", kClient,
            R"({"match_id":"m 1","accepted":true})", "match_id");
    rejects("confirm: match_id number", "match_confirm", kClient,
            R"({"match_id":1,"accepted":true})", "match_id");
    rejects("confirm: accepted missing", "match_confirm", kClient, R"({"match_id":"m-1"})",
            "accepted");
    rejects("confirm: accepted as \"yes\"", "match_confirm", kClient,
            R"({"match_id":"m-1","accepted":"yes"})", "accepted");

    // match_status (server)
    accepts("status: no_driver without driver", "match_status", kServer,
            R"({"match_id":"m","status":"no_driver","passenger_id":"p"})");
    accepts("status: null driver", "match_status", kServer,
            R"({"match_id":"m","status":"cancelled","driver_id":null,"passenger_id":"p"})");
    rejects("status: unknown status", "match_status", kServer,
            R"({"match_id":"m","status":"lost","passenger_id":"p"})", "status");
    rejects("status: empty driver id", "match_status", kServer,
            R"({"match_id":"m","status":"accepted","driver_id":"","passenger_id":"p"})",
            "driver_id");
    rejects("status: passenger missing", "match_status", kServer,
            R"({"match_id":"m","status":"accepted"})", "passenger_id");

    // location_update
    accepts("location: driver", "location_update", kClient, R"({"lat":-6.2,"lng":106.8})");
    accepts("location: Go latitude/longitude", "location_update", kClient,
            R"({"latitude":-6.2088,"longitude":106.8456})");
    accepts("location: heading 0 and 360", "location_update", kClient,
            R"({"lat":0,"lng":0,"heading":360,"speed":0})");
    accepts("location: null extras", "location_update", kClient,
            R"({"lat":0,"lng":0,"heading":null,"speed":null})");
    // A client's ride_id, driver_id and timestamp are ignored, whatever their form.
    accepts("location: client RFC 3339 timestamp", "location_update", kClient,
            R"({"lat":-6.2,"lng":106.8,"timestamp":"2024-01-15T10:30:00Z"})");
    accepts("location: client RFC 3339 timestamp with offset", "location_update", kClient,
            R"({"lat":-6.2,"lng":106.8,"timestamp":"2024-01-15T17:30:00.123+07:00"})");
    accepts("location: client negative timestamp", "location_update", kClient,
            R"({"lat":0,"lng":0,"timestamp":-5})");
    accepts("location: client bad ride and driver ids", "location_update", kClient,
            R"({"lat":0,"lng":0,"ride_id":"r 1","driver_id":{"x":1},"rideId":7,"driverId":""})");
    accepts("location: server copy", "location_update", kServer,
            R"({"lat":0,"lng":0,"ride_id":"r-1","driver_id":"u-1","timestamp":1700000000000})");
    rejects("location: lat missing", "location_update", kClient, R"({"lng":0})", "lat");
    rejects("location: lng missing", "location_update", kClient, R"({"lat":0})", "lng");
    rejects("location: lat as string", "location_update", kClient, R"({"lat":"-6.2","lng":106.8})",
            "lat");
    rejects("location: lat 90.0001", "location_update", kClient, R"({"lat":90.0001,"lng":0})",
            "lat");
    rejects("location: lng -180.0001", "location_update", kClient, R"({"lat":0,"lng":-180.0001})",
            "lng");
    rejects("location: heading 361", "location_update", kClient,
            R"({"lat":0,"lng":0,"heading":361})", "heading");
    rejects("location: heading -1", "location_update", kClient, R"({"lat":0,"lng":0,"heading":-1})",
            "heading");
    rejects("location: speed 101 m/s", "location_update", kClient,
            R"({"lat":0,"lng":0,"speed":101})", "speed");
    rejects("location: speed negative", "location_update", kClient,
            R"({"lat":0,"lng":0,"speed":-0.1})", "speed");
    rejects("location: bad ride id", "location_update", kServer,
            R"({"lat":0,"lng":0,"ride_id":"r 1"})", "ride_id");
    rejects("location: negative timestamp", "location_update", kServer,
            R"({"lat":0,"lng":0,"timestamp":-5})", "timestamp");
    rejects("location: huge within token limit", "location_update", kClient,
            R"({"lat":99999999999999999999,"lng":0})", "lat");

    // ride_start / ride_arrived
    accepts("start", "ride_start", kClient, R"({"ride_id":"r-1"})");
    accepts("start: camelCase", "ride_start", kClient, R"({"rideId":"r-1"})");
    accepts("start: 128-char id", "ride_start", kClient,
            QByteArray(R"({"ride_id":")") + QByteArray(128, 'r') + R"("})");
    rejects("start: 129-char id", "ride_start", kClient,
            QByteArray(R"({"ride_id":")") + QByteArray(129, 'r') + R"("})", "ride_id");
    rejects("start: missing", "ride_start", kClient, "{}", "ride_id");
    rejects("start: slash", "ride_start", kClient, R"({"ride_id":"r/1"})", "ride_id");
    rejects("start: number", "ride_start", kClient, R"({"ride_id":17})", "ride_id");
    accepts("arrived", "ride_arrived", kClient, R"({"ride_id":"r-1"})");
    rejects("arrived: missing", "ride_arrived", kClient, R"({"id":"r-1"})", "ride_id");
    rejects("arrived: unicode", "ride_arrived", kClient, R"({"ride_id":"r\u00e9"})", "ride_id");

    // ride_pickup (server)
    accepts("pickup", "ride_pickup", kServer,
            R"({"ride_id":"r","driver_id":"d","passenger_id":"p","started_at":0})");
    rejects("pickup: started_at missing", "ride_pickup", kServer,
            R"({"ride_id":"r","driver_id":"d","passenger_id":"p"})", "started_at");
    rejects("pickup: started_at fraction", "ride_pickup", kServer,
            R"({"ride_id":"r","driver_id":"d","passenger_id":"p","started_at":1.5})", "started_at");

    // payment_request (server)
    accepts("request", "payment_request", kServer,
            R"({"ride_id":"r","distance_m":0,"fare":0,"currency":"IDR"})");
    rejects("request: other currency", "payment_request", kServer,
            R"({"ride_id":"r","distance_m":0,"fare":0,"currency":"USD"})", "currency");
    rejects("request: currency missing", "payment_request", kServer,
            R"({"ride_id":"r","distance_m":0,"fare":0})", "currency");
    rejects("request: fraction fare", "payment_request", kServer,
            R"({"ride_id":"r","distance_m":0,"fare":100.5,"currency":"IDR"})", "fare");

    // payment_process
    accepts("pay: cash", "payment_process", kClient,
            R"({"ride_id":"r","amount":25500,"method":"cash"})");
    accepts("pay: method defaults to cash", "payment_process", kClient,
            R"({"ride_id":"r","amount":25500})");
    accepts("pay: null method", "payment_process", kClient,
            R"({"ride_id":"r","amount":0,"method":null})");
    accepts("pay: max amount", "payment_process", kClient, R"({"ride_id":"r","amount":100000000})");
    rejects("pay: amount over max", "payment_process", kClient,
            R"({"ride_id":"r","amount":100000001})", "amount");
    rejects("pay: negative amount", "payment_process", kClient, R"({"ride_id":"r","amount":-1})",
            "amount");
    rejects("pay: fractional amount", "payment_process", kClient,
            R"({"ride_id":"r","amount":25500.5})", "amount");
    rejects("pay: amount as string", "payment_process", kClient,
            R"({"ride_id":"r","amount":"25500"})", "amount");
    rejects("pay: amount missing", "payment_process", kClient, R"({"ride_id":"r"})", "amount");
    rejects("pay: unknown method", "payment_process", kClient,
            R"({"ride_id":"r","amount":1,"method":"bitcoin"})", "method");
    rejects("pay: method with space", "payment_process", kClient,
            R"({"ride_id":"r","amount":1,"method":"credit card"})", "method");
    rejects("pay: method number", "payment_process", kClient,
            R"({"ride_id":"r","amount":1,"method":1})", "method");

    // ride_completed (server)
    accepts("completed", "ride_completed", kServer,
            R"({"ride_id":"r","fare":25500,"distance_m":8200.5,"completed_at":1700001000000})");
    rejects("completed: completed_at missing", "ride_completed", kServer,
            R"({"ride_id":"r","fare":25500,"distance_m":8200.5})", "completed_at");
    rejects("completed: fare over max", "ride_completed", kServer,
            R"({"ride_id":"r","fare":100000001,"distance_m":1,"completed_at":1})", "fare");
}

void TestRideMessages::validation()
{
    checkValidationRow();
}

QTEST_GUILESS_MAIN(TestRideMessages)
#include "tst_ridemessages.moc"
