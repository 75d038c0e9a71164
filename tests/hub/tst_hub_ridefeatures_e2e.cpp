// SPDX-License-Identifier: MIT
// The ride as riders expect it (issue #13), end to end against the real server process: the
// estimate before the request equals the final fare of a straight drive; the cards show names,
// vehicle, plate and rating; cancel by either side (the passenger is matched again after the
// driver cancels); ratings and history survive a restart; positions recorded during a server
// outage count in the fare; the safety radii; text keys on notifications and errors.
#include "e2eharness.h"

#include <memory>

using namespace NebengJek;
using namespace E2e;

namespace {

// The tolerance docs/protocol.md promises for a straight drive: final fare within 1 % of the
// estimate (sampling a straight line in lat/lng steps is not exactly the great circle).
constexpr double kFareTolerance = 0.01;

const Protocol::GeoPoint kFarFromPickup {-6.2100, 106.8200}; // ~1.2 km from the pickup

const QStringList kDriverClaims {QStringLiteral("--name"),    QStringLiteral("Budi"),
                                 QStringLiteral("--vehicle"), QStringLiteral("Honda Vario"),
                                 QStringLiteral("--plate"),   QStringLiteral("B 1234 XYZ")};
const QStringList kPassengerClaims {QStringLiteral("--name"), QStringLiteral("Sari")};

// `steps` points from just after `from` up to `to` on the straight line between them.
QList<Protocol::GeoPoint> straightPath(const Protocol::GeoPoint &from, const Protocol::GeoPoint &to,
                                       int steps)
{
    QList<Protocol::GeoPoint> path;
    for (int i = 1; i <= steps; ++i) {
        const double f = double(i) / steps;
        path.append({from.lat + (to.lat - from.lat) * f, from.lng + (to.lng - from.lng) * f});
    }
    return path;
}

QJsonObject location(const Protocol::GeoPoint &p)
{
    return point(p);
}

QJsonObject obj(const Envelope &e, const char *key)
{
    return e.payload.value(QLatin1String(key)).toObject();
}

double num(const Envelope &e, const char *key)
{
    return e.payload.value(QLatin1String(key)).toDouble();
}

// The newest notification.new of `kind` the inbox holds (its "notification" object).
QJsonObject notificationOf(const Inbox &inbox, const QString &kind)
{
    const QList<Envelope> all = inbox.ofType(MessageType::NotificationNew);
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        const QJsonObject n = obj(*it, "notification");
        if (n.value(QStringLiteral("kind")).toString() == kind)
            return n;
    }
    return {};
}

bool waitForNotification(const Inbox &inbox, const QString &kind)
{
    return QTest::qWaitFor([&] { return !notificationOf(inbox, kind).isEmpty(); }, kReplyTimeoutMs);
}

// The newest match_status with this status.
std::optional<Envelope> statusOf(const Inbox &inbox, const QString &status)
{
    const QList<Envelope> all = inbox.ofType(MessageType::MatchStatus);
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (str(*it, "status") == status)
            return *it;
    }
    return std::nullopt;
}

bool waitForStatus(const Inbox &inbox, const QString &status)
{
    return QTest::qWaitFor([&] { return statusOf(inbox, status).has_value(); }, kReplyTimeoutMs);
}

QJsonObject request(const Protocol::GeoPoint &pickup, const Protocol::GeoPoint &destination)
{
    return {{QStringLiteral("pickup"), point(pickup)},
            {QStringLiteral("destination"), point(destination)}};
}

} // namespace

class TestHubRideFeaturesEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void estimateEqualsFinalFareWithCardsRadiiAndTexts();
    void cancelByEitherSideAndRematch();
    void ratingAndHistorySurviveRestart();
    void positionsFromAnOutageCountInTheFare();
    void tripMeasuredFromWhereTheRideStarts();

private:
    // Beacon near the pickup, request, accept: the ride id (empty on failure).
    QString acceptedRide(WsClient *driver, WsClient *passenger, Inbox &passengerInbox,
                         QString *matchId = nullptr);
    // From the pickup straight to the destination with live positions, then arrive: the fare.
    qint64 driveAndArrive(WsClient *driver, const QString &rideId);
    void pay(WsClient *passenger, const QString &rideId, qint64 fare);
    // "<prefix>-driver-1" and "<prefix>-passenger-1" connected to the running server, with
    // the card claims (name, vehicle, plate) when `withCards`.
    void connectRiders(const QString &prefix, Inbox *driverInbox, Inbox *passengerInbox,
                       std::unique_ptr<WsClient> *driver, std::unique_ptr<WsClient> *passenger,
                       bool withCards = true);

    ServerHarness m_harness {QStringLiteral(NEBENGJEK_SERVER_BINARY)};
};

void TestHubRideFeaturesEndToEnd::initTestCase()
{
    QVERIFY2(m_harness.isValid(), NEBENGJEK_SERVER_BINARY);
}

void TestHubRideFeaturesEndToEnd::cleanup()
{
    m_harness.stop();
}

QString TestHubRideFeaturesEndToEnd::acceptedRide(WsClient *driver, WsClient *passenger,
                                                  Inbox &passengerInbox, QString *matchId)
{
    const qsizetype before = passengerInbox.ofType(MessageType::MatchStatus).size();
    const QString match = matchPair(driver, passenger);
    if (match.isEmpty())
        return {};
    if (!waitForCount(passengerInbox, MessageType::MatchStatus, int(before) + 1))
        return {};
    if (matchId)
        *matchId = match;
    return str(passengerInbox.ofType(MessageType::MatchStatus).constLast(), "ride_id");
}

qint64 TestHubRideFeaturesEndToEnd::driveAndArrive(WsClient *driver, const QString &rideId)
{
    driver->request(MessageType::LocationUpdate, location(kPickup));
    if (driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}).type
        != MessageType::Ack)
        return -1;
    for (const Protocol::GeoPoint &p : straightPath(kPickup, kDestination, 12))
        driver->request(MessageType::LocationUpdate, location(p));
    const Envelope arrived =
            driver->request(MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    return arrived.type == MessageType::Ack ? qint64(num(arrived, "fare")) : -1;
}

void TestHubRideFeaturesEndToEnd::connectRiders(const QString &prefix, Inbox *driverInbox,
                                                Inbox *passengerInbox,
                                                std::unique_ptr<WsClient> *driver,
                                                std::unique_ptr<WsClient> *passenger,
                                                bool withCards)
{
    *driver = m_harness.connectAs(driverInbox, prefix + QStringLiteral("-driver-1"),
                                  QStringLiteral("driver"),
                                  withCards ? kDriverClaims : QStringList());
    *passenger = m_harness.connectAs(passengerInbox, prefix + QStringLiteral("-passenger-1"),
                                     QStringLiteral("passenger"),
                                     withCards ? kPassengerClaims : QStringList());
}

void TestHubRideFeaturesEndToEnd::pay(WsClient *passenger, const QString &rideId, qint64 fare)
{
    VERIFY_TYPE(passenger->request(MessageType::PaymentProcess,
                                   {{QStringLiteral("ride_id"), rideId},
                                    {QStringLiteral("amount"), double(fare)},
                                    {QStringLiteral("method"), QStringLiteral("cash")}}),
                MessageType::Ack);
}

void TestHubRideFeaturesEndToEnd::estimateEqualsFinalFareWithCardsRadiiAndTexts()
{
    QString error;
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    Inbox driverInbox, passengerInbox;
    std::unique_ptr<WsClient> driver, passenger;
    connectRiders(QStringLiteral("f"), &driverInbox, &passengerInbox, &driver, &passenger);
    QVERIFY(driver && passenger);
    VERIFY_TYPE(driver->request(MessageType::BeaconUpdate,
                                {{QStringLiteral("is_active"), true},
                                 {QStringLiteral("lat"), kNearPickup.lat},
                                 {QStringLiteral("lng"), kNearPickup.lng}}),
                MessageType::Ack);

    // The fare up front, from the server.
    const Envelope estimate =
            passenger->request(MessageType::RideEstimate, request(kPickup, kDestination));
    VERIFY_TYPE(estimate, MessageType::RideEstimate);
    const qint64 estimatedFare = qint64(num(estimate, "fare"));
    QVERIFY(estimatedFare > 5000);
    QVERIFY(num(estimate, "distance_m") > 3000);
    QVERIFY(num(estimate, "duration_s") > 0);
    QVERIFY(estimate.payload.contains(QStringLiteral("pickup_eta_s"))); // a driver is on duty
    // A driver does not ask for estimates.
    QCOMPARE(
            str(driver->request(MessageType::RideEstimate, request(kPickup, kDestination)), "code"),
            QStringLiteral("FORBIDDEN"));

    // The proposal shows the driver the fare, the trip and the passenger.
    const Envelope requested =
            passenger->request(MessageType::FinderUpdate, request(kPickup, kDestination));
    const QString matchId = str(requested, "match_id");
    QVERIFY(waitForCount(driverInbox, MessageType::MatchProposal, 1));
    const Envelope proposal = driverInbox.ofType(MessageType::MatchProposal).constLast();
    QCOMPARE(qint64(num(proposal, "fare")), estimatedFare);
    QCOMPARE(num(proposal, "trip_distance_m"), num(estimate, "distance_m"));
    QCOMPARE(obj(proposal, "passenger").value(QStringLiteral("name")).toString(),
             QStringLiteral("Sari"));

    // Accepted: the passenger's driver card.
    VERIFY_TYPE(driver->request(MessageType::MatchConfirm,
                                {{QStringLiteral("match_id"), matchId},
                                 {QStringLiteral("accepted"), true}}),
                MessageType::Ack);
    QVERIFY(waitForStatus(passengerInbox, QStringLiteral("accepted")));
    const Envelope accepted = *statusOf(passengerInbox, QStringLiteral("accepted"));
    const QString rideId = str(accepted, "ride_id");
    const QJsonObject card = obj(accepted, "driver");
    QCOMPARE(card.value(QStringLiteral("name")).toString(), QStringLiteral("Budi"));
    QCOMPARE(card.value(QStringLiteral("vehicle")).toString(), QStringLiteral("Honda Vario"));
    QCOMPARE(card.value(QStringLiteral("plate")).toString(), QStringLiteral("B 1234 XYZ"));
    QVERIFY(!card.contains(QStringLiteral("rating"))); // nobody rated Budi yet
    // The notification can be shown in the user's language.
    QVERIFY(waitForNotification(passengerInbox, QStringLiteral("match_found")));
    const QJsonObject found = notificationOf(passengerInbox, QStringLiteral("match_found"));
    QCOMPARE(found.value(QStringLiteral("text_key")).toString(),
             QStringLiteral("notification.match_found"));
    QCOMPARE(found.value(QStringLiteral("text_args")).toObject().value(QStringLiteral("plate")),
             QJsonValue(QStringLiteral("B 1234 XYZ")));
    QCOMPARE(found.value(QStringLiteral("title")).toString(), QStringLiteral("Driver found"));

    // Safety: no start 1.2 km from the pickup, with a key for the client's language.
    driver->request(MessageType::LocationUpdate, location(kFarFromPickup));
    const Envelope tooFar =
            driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}});
    QCOMPARE(str(tooFar, "code"), QStringLiteral("TOO_FAR"));
    QCOMPARE(str(tooFar, "text_key"), QStringLiteral("error.too_far_from_pickup"));
    QCOMPARE(obj(tooFar, "text_args").value(QStringLiteral("limit_m")).toInt(), 200);
    QVERIFY(obj(tooFar, "text_args").value(QStringLiteral("distance_m")).toInt() > 1000);
    QCOMPARE(tooFar.payload.value(QStringLiteral("retryable")).toBool(), false);
    // At the pickup: "I'm here" reaches the passenger (durable), then the ride starts.
    driver->request(MessageType::LocationUpdate, location(kPickup));
    VERIFY_TYPE(driver->request(MessageType::RideAtPickup, {{QStringLiteral("ride_id"), rideId}}),
                MessageType::Ack);
    QVERIFY(waitForCount(passengerInbox, MessageType::RideDriverAtPickup, 1));
    QVERIFY(passengerInbox.ofType(MessageType::RideDriverAtPickup).constLast().seq > 0);
    QVERIFY(waitForNotification(passengerInbox, QStringLiteral("driver_at_pickup")));
    VERIFY_TYPE(driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}),
                MessageType::Ack);
    // No arrival at the pickup.
    const Envelope early =
            driver->request(MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    QCOMPARE(str(early, "code"), QStringLiteral("TOO_FAR"));
    QCOMPARE(str(early, "text_key"), QStringLiteral("error.too_far_from_destination"));

    // The straight drive: the final fare is the estimate.
    for (const Protocol::GeoPoint &p : straightPath(kPickup, kDestination, 12))
        driver->request(MessageType::LocationUpdate, location(p));
    const Envelope arrived =
            driver->request(MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    VERIFY_TYPE(arrived, MessageType::Ack);
    const qint64 finalFare = qint64(num(arrived, "fare"));
    QVERIFY2(qAbs(finalFare - estimatedFare) <= kFareTolerance * double(estimatedFare),
             qPrintable(QStringLiteral("estimate %1, final %2").arg(estimatedFare).arg(finalFare)));

    // Cash: the driver is told to collect it.
    pay(passenger.get(), rideId, finalFare);
    QVERIFY(waitForNotification(driverInbox, QStringLiteral("collect_cash")));
    const QJsonObject cash = notificationOf(driverInbox, QStringLiteral("collect_cash"));
    QCOMPARE(cash.value(QStringLiteral("text_key")).toString(),
             QStringLiteral("notification.collect_cash"));
    QCOMPARE(qint64(cash.value(QStringLiteral("text_args"))
                            .toObject()
                            .value(QStringLiteral("fare"))
                            .toDouble()),
             finalFare);
    QVERIFY(waitForCount(driverInbox, MessageType::RideCompleted, 1));
    QCOMPARE(str(driverInbox.ofType(MessageType::RideCompleted).constLast(), "method"),
             QStringLiteral("cash"));
}

void TestHubRideFeaturesEndToEnd::cancelByEitherSideAndRematch()
{
    QString error;
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    Inbox firstInbox, secondInbox, passengerInbox;
    auto first = m_harness.connectAs(&firstInbox, QStringLiteral("c-driver-1"),
                                     QStringLiteral("driver"), kDriverClaims);
    auto second = m_harness.connectAs(&secondInbox, QStringLiteral("c-driver-2"),
                                      QStringLiteral("driver"));
    auto passenger = m_harness.connectAs(&passengerInbox, QStringLiteral("c-passenger-1"),
                                         QStringLiteral("passenger"));
    QVERIFY(first && second && passenger);
    // The second driver is on duty farther away: the first gets the proposal.
    VERIFY_TYPE(second->request(MessageType::BeaconUpdate,
                                {{QStringLiteral("is_active"), true},
                                 {QStringLiteral("lat"), kFarFromPickup.lat},
                                 {QStringLiteral("lng"), kFarFromPickup.lng}}),
                MessageType::Ack);
    QString matchId;
    const QString firstRide = acceptedRide(first.get(), passenger.get(), passengerInbox, &matchId);
    QVERIFY(!firstRide.isEmpty());

    // Only the passenger can cancel before accepting... and a stranger not at all.
    QCOMPARE(str(second->request(MessageType::RideCancel, {{QStringLiteral("match_id"), matchId}}),
                 "code"),
             QStringLiteral("FORBIDDEN"));

    // The driver cancels with a reason: the passenger is told why and matched again.
    const Envelope dropped =
            first->request(MessageType::RideCancel,
                           {{QStringLiteral("match_id"), matchId},
                            {QStringLiteral("reason"), QStringLiteral("Flat tyre")}});
    VERIFY_TYPE(dropped, MessageType::Ack);
    QCOMPARE(str(dropped, "status"), QStringLiteral("searching"));
    QVERIFY(waitForStatus(passengerInbox, QStringLiteral("driver_cancelled")));
    const Envelope told = *statusOf(passengerInbox, QStringLiteral("driver_cancelled"));
    QCOMPARE(str(told, "reason"), QStringLiteral("Flat tyre"));
    QCOMPARE(str(told, "cancelled_by"), QStringLiteral("driver"));
    QCOMPARE(str(told, "ride_id"), firstRide);
    QVERIFY(waitForNotification(passengerInbox, QStringLiteral("driver_cancelled")));
    QCOMPARE(notificationOf(passengerInbox, QStringLiteral("driver_cancelled"))
                     .value(QStringLiteral("text_args"))
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
             QStringLiteral("Flat tyre"));
    // The re-match goes to the second driver (never back to the first).
    QVERIFY(waitForCount(secondInbox, MessageType::MatchProposal, 1));
    QCOMPARE(str(secondInbox.ofType(MessageType::MatchProposal).constLast(), "match_id"), matchId);
    // The first driver's ride is gone: it cannot start it.
    QCOMPARE(str(first->request(MessageType::RideStart, {{QStringLiteral("ride_id"), firstRide}}),
                 "code"),
             QStringLiteral("NOT_FOUND"));
    VERIFY_TYPE(second->request(MessageType::MatchConfirm,
                                {{QStringLiteral("match_id"), matchId},
                                 {QStringLiteral("accepted"), true}}),
                MessageType::Ack);
    QVERIFY(QTest::qWaitFor(
            [&] {
                const auto s = statusOf(passengerInbox, QStringLiteral("accepted"));
                return s && str(*s, "driver_id") == QLatin1String("c-driver-2");
            },
            kReplyTimeoutMs));

    // The passenger cancels before pickup, with a reason: the driver is told.
    const Envelope cancelled =
            passenger->request(MessageType::RideCancel,
                               {{QStringLiteral("match_id"), matchId},
                                {QStringLiteral("reason"), QStringLiteral("Plans changed")}});
    VERIFY_TYPE(cancelled, MessageType::Ack);
    QCOMPARE(str(cancelled, "status"), QStringLiteral("cancelled"));
    QVERIFY(waitForStatus(secondInbox, QStringLiteral("cancelled")));
    const Envelope driverTold = *statusOf(secondInbox, QStringLiteral("cancelled"));
    QCOMPARE(str(driverTold, "reason"), QStringLiteral("Plans changed"));
    QCOMPARE(str(driverTold, "cancelled_by"), QStringLiteral("passenger"));
    QVERIFY(waitForNotification(secondInbox, QStringLiteral("ride_cancelled")));
    // Once it is over, cancelling again is refused with a key the app can show.
    const Envelope again =
            passenger->request(MessageType::RideCancel, {{QStringLiteral("match_id"), matchId}});
    QCOMPARE(str(again, "code"), QStringLiteral("CONFLICT"));
    QCOMPARE(str(again, "text_key"), QStringLiteral("error.cannot_cancel"));
}

void TestHubRideFeaturesEndToEnd::ratingAndHistorySurviveRestart()
{
    QString error;
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    Inbox driverInbox, passengerInbox;
    std::unique_ptr<WsClient> driver, passenger;
    connectRiders(QStringLiteral("r"), &driverInbox, &passengerInbox, &driver, &passenger);
    QVERIFY(driver && passenger);
    const QString rideId = acceptedRide(driver.get(), passenger.get(), passengerInbox);
    QVERIFY(!rideId.isEmpty());
    // Not before the ride is completed.
    const Envelope early = passenger->request(
            MessageType::RideRate,
            {{QStringLiteral("ride_id"), rideId}, {QStringLiteral("rating"), 5}});
    QCOMPARE(str(early, "code"), QStringLiteral("CONFLICT"));
    QCOMPARE(str(early, "text_key"), QStringLiteral("error.not_completed"));
    const qint64 fare = driveAndArrive(driver.get(), rideId);
    QVERIFY(fare > 0);
    pay(passenger.get(), rideId, fare);

    VERIFY_TYPE(passenger->request(MessageType::RideRate,
                                   {{QStringLiteral("ride_id"), rideId},
                                    {QStringLiteral("rating"), 5},
                                    {QStringLiteral("comment"), QStringLiteral("Safe driver")}}),
                MessageType::Ack);
    VERIFY_TYPE(
            driver->request(MessageType::RideRate,
                            {{QStringLiteral("ride_id"), rideId}, {QStringLiteral("rating"), 4}}),
            MessageType::Ack);
    const Envelope twice = passenger->request(
            MessageType::RideRate,
            {{QStringLiteral("ride_id"), rideId}, {QStringLiteral("rating"), 1}});
    QCOMPARE(str(twice, "code"), QStringLiteral("CONFLICT"));
    QCOMPARE(str(twice, "text_key"), QStringLiteral("error.already_rated"));

    // A restart on the same database.
    driver.reset();
    passenger.reset();
    m_harness.stop();
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    connectRiders(QStringLiteral("r"), &driverInbox, &passengerInbox, &driver, &passenger);
    QVERIFY(driver && passenger);

    // History from the server's database, paged.
    const Envelope history =
            passenger->request(MessageType::RideHistory, {{QStringLiteral("limit"), 1}});
    VERIFY_TYPE(history, MessageType::RideHistory);
    const QJsonArray items = history.payload.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject item = items.at(0).toObject();
    QCOMPARE(item.value(QStringLiteral("ride_id")).toString(), rideId);
    QCOMPARE(item.value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
    QCOMPARE(item.value(QStringLiteral("role")).toString(), QStringLiteral("passenger"));
    QCOMPARE(qint64(item.value(QStringLiteral("fare")).toDouble()), fare);
    QCOMPARE(item.value(QStringLiteral("my_rating")).toInt(), 5);
    QCOMPARE(item.value(QStringLiteral("partner"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
             QStringLiteral("Budi"));
    QVERIFY(!history.payload.contains(QStringLiteral("next_cursor"))); // the only ride
    const Envelope driverHistory = driver->request(MessageType::RideHistory, {});
    const QJsonObject driverItem =
            driverHistory.payload.value(QStringLiteral("items")).toArray().at(0).toObject();
    QCOMPARE(driverItem.value(QStringLiteral("role")).toString(), QStringLiteral("driver"));
    QCOMPARE(driverItem.value(QStringLiteral("my_rating")).toInt(), 4);

    // The next match shows the ratings on both cards.
    const qsizetype proposalsBefore = driverInbox.ofType(MessageType::MatchProposal).size();
    QVERIFY(!acceptedRide(driver.get(), passenger.get(), passengerInbox).isEmpty());
    const QJsonObject card = obj(*statusOf(passengerInbox, QStringLiteral("accepted")), "driver");
    QCOMPARE(card.value(QStringLiteral("rating")).toDouble(), 5.0);
    QCOMPARE(card.value(QStringLiteral("rating_count")).toInt(), 1);
    QVERIFY(driverInbox.ofType(MessageType::MatchProposal).size() > proposalsBefore);
    const QJsonObject passengerCard =
            obj(driverInbox.ofType(MessageType::MatchProposal).constLast(), "passenger");
    QCOMPARE(passengerCard.value(QStringLiteral("rating")).toDouble(), 4.0);
}

void TestHubRideFeaturesEndToEnd::positionsFromAnOutageCountInTheFare()
{
    QString error;
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    Inbox driverInbox, passengerInbox;
    std::unique_ptr<WsClient> driver, passenger;
    connectRiders(QStringLiteral("o"), &driverInbox, &passengerInbox, &driver, &passenger, false);
    QVERIFY(driver && passenger);
    const QString rideId = acceptedRide(driver.get(), passenger.get(), passengerInbox);
    QVERIFY(!rideId.isEmpty());
    driver->request(MessageType::LocationUpdate, location(kPickup));
    VERIFY_TYPE(driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}),
                MessageType::Ack);
    // A drive with a detour east while the server is down: only the recorded positions can
    // tell the server about the detour (a straight line from the last position before the
    // outage to the first after it would skip it).
    const Protocol::GeoPoint detour {-6.2125, 106.8400}; // ~1.6 km off the straight line
    // Live positions since the last distance checkpoint die with a kill -9 (docs/hub.md); the
    // chain then resumes from the checkpoint, so the first live stretch runs straight towards
    // the detour and its loss does not blur what this test measures: the recorded stretch.
    QList<Protocol::GeoPoint> path = straightPath(kPickup, detour, 8); // 3 live, 5 recorded
    path += straightPath(detour, {-6.2200, 106.8273}, 5); // recorded, back towards the line
    path += straightPath(path.constLast(), kDestination, 2); // live again
    double driven = 0;
    Protocol::GeoPoint last = kPickup;
    for (const Protocol::GeoPoint &p : std::as_const(path)) {
        driven += Protocol::distanceMeters(last, p);
        last = p;
    }
    for (int i = 0; i < 3; ++i)
        driver->request(MessageType::LocationUpdate, location(path.at(i)));
    driver.reset();
    passenger.reset();
    m_harness.kill(); // kill -9: no checkpoint of the live positions either

    QJsonArray recorded;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 3; i < 13; ++i) {
        recorded.append(QJsonObject {{QStringLiteral("lat"), path.at(i).lat},
                                     {QStringLiteral("lng"), path.at(i).lng},
                                     {QStringLiteral("ts"), double(now - (13 - i) * 1000)}});
    }
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    driver = m_harness.connectAs(&driverInbox, QStringLiteral("o-driver-1"),
                                 QStringLiteral("driver"));
    QVERIFY(driver);
    const QJsonObject batch {{QStringLiteral("ride_id"), rideId},
                             {QStringLiteral("points"), recorded}};
    const Envelope counted = driver->request(MessageType::LocationBatch, batch);
    VERIFY_TYPE(counted, MessageType::Ack);
    QCOMPARE(counted.payload.value(QStringLiteral("accepted")).toInt(), 10);
    // Sent twice (say the ack was lost) without its request id: counted once.
    const Envelope again = driver->request(MessageType::LocationBatch, batch);
    QCOMPARE(again.payload.value(QStringLiteral("ignored")).toInt(), 10);
    QCOMPARE(num(again, "distance_m"), num(counted, "distance_m"));
    // Out of order, or from the future, is refused.
    QCOMPARE(str(driver->request(
                         MessageType::LocationBatch,
                         {{QStringLiteral("ride_id"), rideId},
                          {QStringLiteral("points"), QJsonArray {recorded.at(1), recorded.at(0)}}}),
                 "code"),
             QStringLiteral("VALIDATION_FAILED"));
    QJsonObject future = recorded.at(0).toObject();
    future.insert(QStringLiteral("ts"), double(now + 3600000));
    QCOMPARE(str(driver->request(MessageType::LocationBatch,
                                 {{QStringLiteral("ride_id"), rideId},
                                  {QStringLiteral("points"), QJsonArray {future}}}),
                 "code"),
             QStringLiteral("VALIDATION_FAILED"));

    // Live again for the rest: the fare counts the whole drive, detour included.
    for (int i = 13; i < path.size(); ++i)
        driver->request(MessageType::LocationUpdate, location(path.at(i)));
    const Envelope arrived =
            driver->request(MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    VERIFY_TYPE(arrived, MessageType::Ack);
    const double counted_m = num(arrived, "distance_m");
    QVERIFY2(qAbs(counted_m - driven) <= kFareTolerance * driven,
             qPrintable(QStringLiteral("driven %1 m, counted %2 m").arg(driven).arg(counted_m)));
    QVERIFY(driven > 1.5 * Protocol::distanceMeters(kPickup, kDestination)); // a real detour
}


void TestHubRideFeaturesEndToEnd::tripMeasuredFromWhereTheRideStarts()
{
    // The driver went on duty at the pickup and waited there: no location_update before the
    // start. The first stretch (pickup → first fix) must still count in the fare.
    QString error;
    QVERIFY2(m_harness.start(&error), qPrintable(error));
    Inbox driverInbox, passengerInbox;
    std::unique_ptr<WsClient> driver, passenger;
    connectRiders(QStringLiteral("w"), &driverInbox, &passengerInbox, &driver, &passenger, false);
    QVERIFY(driver && passenger);
    const Envelope estimate =
            passenger->request(MessageType::RideEstimate, request(kPickup, kDestination));
    VERIFY_TYPE(estimate, MessageType::RideEstimate);
    const qint64 estimatedFare = qint64(num(estimate, "fare"));
    QVERIFY(estimatedFare > 5000);
    QVERIFY(!matchPair(driver.get(), passenger.get(), kPickup).isEmpty());
    QVERIFY(waitForStatus(passengerInbox, QStringLiteral("accepted")));
    const QString rideId = str(*statusOf(passengerInbox, QStringLiteral("accepted")), "ride_id");
    QVERIFY(!rideId.isEmpty());
    VERIFY_TYPE(driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}),
                MessageType::Ack);
    // Six fixes: losing the first stretch would lose a sixth of the distance.
    for (const Protocol::GeoPoint &p : straightPath(kPickup, kDestination, 6))
        driver->request(MessageType::LocationUpdate, location(p));
    const Envelope arrived =
            driver->request(MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    VERIFY_TYPE(arrived, MessageType::Ack);
    const qint64 finalFare = qint64(num(arrived, "fare"));
    QVERIFY2(qAbs(finalFare - estimatedFare) <= kFareTolerance * double(estimatedFare),
             qPrintable(QStringLiteral("estimate %1, final %2").arg(estimatedFare).arg(finalFare)));
}

QTEST_GUILESS_MAIN(TestHubRideFeaturesEndToEnd)
#include "tst_hub_ridefeatures_e2e.moc"
