// SPDX-License-Identifier: MIT
// Issue #13's messages (messages/ridefeaturemessages.h) and what it added to older ones:
// profiles, estimated fares and cancel reasons on match_proposal / match_status, text keys on
// notifications and errors. Round trips through the whole pipeline and the validation rules.
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {
constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;
const GeoPoint kMonas {-6.1754, 106.8272};
const GeoPoint kBlokM {-6.2443, 106.7982};

Profile budi()
{
    Profile p;
    p.userId = QStringLiteral("d-1");
    p.name = QStringLiteral("Budi");
    p.vehicle = QStringLiteral("Honda Vario");
    p.plate = QStringLiteral("B 1234 XYZ");
    p.rating = 4.8;
    p.ratingCount = 12;
    return p;
}
} // namespace

class TestRideFeatureMessages : public QObject
{
    Q_OBJECT

private slots:
    void estimate();
    void cancelWithReason();
    void rate();
    void historyPage();
    void locationBatch();
    void driverAtPickup();
    void proposalAndStatusCarryCardsAndFare();
    void unnamedProfileLeavesFieldsOut();
    void notificationAndErrorTextKeys();
    void validation_data();
    void validation();
};

void TestRideFeatureMessages::estimate()
{
    const auto request = roundTrip(RideEstimateRequest {kBlokM, kMonas}, kClient);
    QVERIFY2(request.value, qPrintable(request.failure));
    QCOMPARE(request.value->destination, kMonas);
    RideEstimate m;
    m.distanceMeters = 8200.5;
    m.fare = 25501;
    m.durationSeconds = 985;
    const auto noDriver = roundTrip(m, kServer);
    QVERIFY2(noDriver.value, qPrintable(noDriver.failure));
    QCOMPARE(noDriver.value->fare, qint64(25501));
    QVERIFY(!noDriver.value->pickupEtaSeconds);
    m.pickupEtaSeconds = 120;
    QCOMPARE(roundTrip(m, kServer).value->pickupEtaSeconds, std::optional<qint64>(120));
}

void TestRideFeatureMessages::cancelWithReason()
{
    const auto rt =
            roundTrip(RideCancel {QStringLiteral("m-1"), QStringLiteral("Flat tyre")}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->reason, QStringLiteral("Flat tyre"));
    // Without a reason the field is left out.
    const auto bare = roundTrip(RideCancel {QStringLiteral("m-1"), {}}, kClient);
    QCOMPARE(jsonObject(bare.wire).value(QStringLiteral("payload")).toObject(),
             jsonObject(R"({"match_id":"m-1"})"));
}

void TestRideFeatureMessages::rate()
{
    const auto rt =
            roundTrip(RideRate {QStringLiteral("r-1"), 4, QStringLiteral("Friendly")}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->rating, 4);
    QCOMPARE(rt.value->comment, QStringLiteral("Friendly"));
}

void TestRideFeatureMessages::historyPage()
{
    const auto request = roundTrip(RideHistoryRequest {QStringLiteral("1700.m-1"), 5}, kClient);
    QVERIFY2(request.value, qPrintable(request.failure));
    QCOMPARE(request.value->before, QStringLiteral("1700.m-1"));
    QCOMPARE(request.value->limit, 5);
    RideHistoryItem item;
    item.matchId = QStringLiteral("m-1");
    item.rideId = QStringLiteral("r-1");
    item.state = QStringLiteral("cancelled");
    item.role = QStringLiteral("driver");
    item.at = 1700000000000;
    item.pickup = kBlokM;
    item.destination = kMonas;
    item.partner = budi();
    RideHistoryPage page;
    page.items = {item, item};
    const auto rt = roundTrip(page, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->items.size(), 2);
    QCOMPARE(rt.value->items.at(1).partner.plate, QStringLiteral("B 1234 XYZ"));
    QVERIFY(!rt.value->items.at(0).myRating);
    QVERIFY(rt.value->nextCursor.isEmpty());
}

void TestRideFeatureMessages::locationBatch()
{
    LocationBatch m;
    m.rideId = QStringLiteral("r-1");
    m.points = {{kBlokM, 1000}, {kMonas, 2000}};
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->points.size(), 2);
    QCOMPARE(rt.value->points.at(1).location, kMonas);
    QCOMPARE(rt.value->points.at(1).ts, qint64(2000));
}

void TestRideFeatureMessages::driverAtPickup()
{
    QCOMPARE(roundTrip(RideAtPickup {QStringLiteral("r-1")}, kClient).value->rideId,
             QStringLiteral("r-1"));
    const auto rt = roundTrip(RideDriverAtPickup {QStringLiteral("r-1"), QStringLiteral("d-1"),
                                                  QStringLiteral("p-1"), 1700000000000},
                              kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->at, qint64(1700000000000));
}

void TestRideFeatureMessages::proposalAndStatusCarryCardsAndFare()
{
    MatchProposal p;
    p.matchId = QStringLiteral("m-1");
    p.driverId = QStringLiteral("d-1");
    p.passengerId = QStringLiteral("p-1");
    p.pickup = kBlokM;
    p.destination = kMonas;
    p.fare = 25501;
    p.tripDistanceMeters = 8200.5;
    p.driver = budi();
    const auto proposal = roundTrip(p, kServer);
    QVERIFY2(proposal.value, qPrintable(proposal.failure));
    QCOMPARE(proposal.value->fare, std::optional<qint64>(25501));
    QCOMPARE(proposal.value->driver->rating, std::optional<double>(4.8));
    QVERIFY(!proposal.value->passenger);

    MatchStatus s;
    s.matchId = QStringLiteral("m-1");
    s.status = QStringLiteral("driver_cancelled");
    s.driverId = QStringLiteral("d-1");
    s.passengerId = QStringLiteral("p-1");
    s.rideId = QStringLiteral("r-1");
    s.reason = QStringLiteral("Flat tyre");
    s.cancelledBy = QStringLiteral("driver");
    const auto status = roundTrip(s, kServer);
    QVERIFY2(status.value, qPrintable(status.failure));
    QCOMPARE(status.value->outcome(), MatchOutcome::DriverCancelled);
    QCOMPARE(status.value->reason, QStringLiteral("Flat tyre"));
    QCOMPARE(status.value->cancelledBy, QStringLiteral("driver"));

    RideCompleted c {QStringLiteral("r-1"), 25500, 8200.5, 1700001000000, QStringLiteral("cash")};
    QCOMPARE(roundTrip(c, kServer).value->method, QStringLiteral("cash"));
}

void TestRideFeatureMessages::unnamedProfileLeavesFieldsOut()
{
    Profile p;
    p.userId = QStringLiteral("u-1");
    QCOMPARE(p.toJson(), jsonObject(R"({"user_id":"u-1"})"));
}

void TestRideFeatureMessages::notificationAndErrorTextKeys()
{
    NotificationNew n;
    n.notification.id = 1;
    n.notification.kind = QStringLiteral("collect_cash");
    n.notification.title = QStringLiteral("Collect cash");
    n.notification.text = {
            QStringLiteral("notification.collect_cash"),
            {{QStringLiteral("fare"), 6170}, {QStringLiteral("currency"), QStringLiteral("IDR")}}};
    const auto rt = roundTrip(n, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->notification.text.key, QStringLiteral("notification.collect_cash"));
    QCOMPARE(rt.value->notification.text.args.value(QStringLiteral("fare")).toInt(), 6170);

    const ProtocolError tooFar = ProtocolError::make(
            ErrorCode::TooFar, QStringLiteral("too far"),
            {QStringLiteral("error.too_far_from_pickup"), {{QStringLiteral("limit_m"), 200}}});
    const ProtocolError back = ProtocolError::fromPayload(tooFar.toPayload());
    QCOMPARE(back.code, ErrorCode::TooFar);
    QCOMPARE(back.text.key, QStringLiteral("error.too_far_from_pickup"));
    QCOMPARE(tooFar.toPayload().value(QStringLiteral("retryable")).toBool(), false);
    const auto decoded = decode<ErrorMessage>(tooFar.toPayload());
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->error.text.args.value(QStringLiteral("limit_m")).toInt(), 200);
}

void TestRideFeatureMessages::validation_data()
{
    addValidationColumns();
    const QByteArray points =
            R"("pickup":{"lat":-6.2,"lng":106.8},"destination":{"lat":-6.1,"lng":106.9})";

    accepts("estimate", "ride.estimate", kClient, "{" + points + "}");
    rejects("estimate: no destination", "ride.estimate", kClient, R"({"pickup":{"lat":0,"lng":0}})",
            "destination");
    rejects("estimate reply: negative fare", "ride.estimate", kServer,
            R"({"distance_m":1,"fare":-1,"currency":"IDR","duration_s":1})", "fare");
    rejects("estimate reply: other currency", "ride.estimate", kServer,
            R"({"distance_m":1,"fare":1,"currency":"USD","duration_s":1})", "currency");

    accepts("cancel: no reason", "ride.cancel", kClient, R"({"match_id":"m-1"})");
    accepts("cancel: empty reason", "ride.cancel", kClient, R"({"match_id":"m-1","reason":""})");
    rejects("cancel: no match", "ride.cancel", kClient, R"({"reason":"x"})", "match_id");
    rejects("cancel: reason too long", "ride.cancel", kClient,
            R"({"match_id":"m-1","reason":")" + QByteArray(201, 'a') + R"("})", "reason");
    rejects("cancel: control character", "ride.cancel", kClient,
            R"({"match_id":"m-1","reason":"a\u0007"})", "reason");

    accepts("rate: 1", "ride.rate", kClient, R"({"ride_id":"r","rating":1})");
    accepts("rate: 5 with comment", "ride.rate", kClient,
            R"({"ride_id":"r","rating":5,"comment":"ok"})");
    rejects("rate: 0", "ride.rate", kClient, R"({"ride_id":"r","rating":0})", "rating");
    rejects("rate: 6", "ride.rate", kClient, R"({"ride_id":"r","rating":6})", "rating");
    rejects("rate: 4.5", "ride.rate", kClient, R"({"ride_id":"r","rating":4.5})", "rating");
    rejects("rate: comment too long", "ride.rate", kClient,
            R"({"ride_id":"r","rating":5,"comment":")" + QByteArray(501, 'a') + R"("})", "comment");

    accepts("history: defaults", "ride.history", kClient, "{}");
    rejects("history: limit 51", "ride.history", kClient, R"({"limit":51})", "limit");
    rejects("history: cursor with a space", "ride.history", kClient, R"({"before":"a b"})",
            "before");
    rejects("history reply: bad partner", "ride.history", kServer,
            R"({"items":[{"match_id":"m","ride_id":"r","state":"completed","role":"driver","at":1,)"
                    + points + R"(,"distance_m":1,"fare":1,"currency":"IDR","partner":{}}]})",
            "items[0].partner.user_id");

    accepts("batch", "location_batch", kClient,
            R"({"ride_id":"r","points":[{"lat":0,"lng":0,"ts":1},{"lat":0,"lng":0.001,"ts":2}]})");
    rejects("batch: empty", "location_batch", kClient, R"({"ride_id":"r","points":[]})", "points");
    rejects("batch: not increasing", "location_batch", kClient,
            R"({"ride_id":"r","points":[{"lat":0,"lng":0,"ts":2},{"lat":0,"lng":0,"ts":2}]})",
            "points[1].ts");
    rejects("batch: bad latitude", "location_batch", kClient,
            R"({"ride_id":"r","points":[{"lat":95,"lng":0,"ts":2}]})", "points[0].lat");
    rejects("batch: no ts", "location_batch", kClient,
            R"({"ride_id":"r","points":[{"lat":0,"lng":0}]})", "points[0].ts");
    QByteArray many = R"({"ride_id":"r","points":[)";
    for (int i = 1; i <= LocationBatch::kMaxPoints + 1; ++i)
        many += (i > 1 ? "," : "") + QByteArray(R"({"lat":0,"lng":0,"ts":)") + QByteArray::number(i)
                + "}";
    rejects("batch: too many points", "location_batch", kClient, many + "]}", "points");

    rejects("status: unknown cancelled_by", "match_status", kServer,
            R"({"match_id":"m","status":"cancelled","passenger_id":"p","cancelled_by":"system"})",
            "cancelled_by");
    rejects("proposal: driver card without id", "match_proposal", kServer,
            R"({"match_id":"m","driver_id":"d","passenger_id":"p",)" + points
                    + R"(,"distance_m":1,"expires_at":1,"driver":{"name":"Budi"}})",
            "driver.user_id");
    rejects("notification: text arg is an object", "notification.new", kServer,
            R"({"notification":{"id":1,"kind":"k","title":"t","body":"","created_at":1,"read":false,)"
            R"("text_key":"k","text_args":{"a":{}}},"unread_count":1})",
            "notification.text_args.a");
}

void TestRideFeatureMessages::validation()
{
    checkValidationRow();
}

QTEST_GUILESS_MAIN(TestRideFeatureMessages)
#include "tst_ridefeaturemessages.moc"
