// SPDX-License-Identifier: MIT
// The rider features end to end (issue #13): the real nebengjek-server (--dev, SQLite in a
// temporary directory, the default safety radii) and real AppSessions (the app core without a
// window). The fare estimate before the request equals the final fare of a straight drive
// within 1 % (docs/app.md); cancel by the driver (the passenger is matched again, with the
// reason) and by the passenger; ratings persisted across a server restart and shown on the
// next match; trip history after a restart; positions recorded during a server outage counted
// in the fare; the partner's card after an app restart (from the ride cache). Each case uses its
// own users.
#include "apptestsupport.h"
#include "serverprocess.h"

#include "connection/connectionmanager.h"
#include "models/appsession.h"
#include "models/ridecontroller.h"
#include "models/rideestimator.h"
#include "models/rideroute.h"
#include "models/triphistorymodel.h"
#include "storage/offlinequeue.h"

#include <protocol/geo.h>

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace NebengJek;
using Client::AppSession;
using Client::ConnectionManager;
using Client::RideController;
using Protocol::GeoPoint;
using Test::kWaitMs;

namespace {

constexpr int kReconnectTimeoutMs = 90000;
// The documented tolerance between estimate and final fare on a straight drive (docs/app.md).
constexpr double kFareTolerance = 0.01;

// A straight drive due south, ~3 km, and a point ~1.5 km east of its middle (a detour).
const GeoPoint kPickup {-6.2000, 106.8166};
const GeoPoint kDestination {-6.2270, 106.8166};
const GeoPoint kDetour {-6.2135, 106.8300};

QVariantMap point(const GeoPoint &p)
{
    return RideController::fromPoint(p);
}

GeoPoint between(const GeoPoint &a, const GeoPoint &b, double t)
{
    return {a.lat + (b.lat - a.lat) * t, a.lng + (b.lng - a.lng) * t};
}

bool near(const QVariantMap &location, const GeoPoint &p)
{
    return !location.isEmpty()
            && Protocol::distanceMeters(RideController::toPoint(location), p) < 1.0;
}

} // namespace

class TestAppRideEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void estimateEqualsFinalFareOnAStraightDrive();
    void cancelByDriverRematchesThenPassengerCancels();
    void ratingAndHistorySurviveAServerRestart();
    void positionsRecordedDuringAnOutageAreCharged();
    void partnerCardSurvivesAnAppRestart();

private:
    std::unique_ptr<AppSession> signIn(const QString &userId, const QString &role,
                                       const QString &name = {});
    // The driver waits at `at`, the passenger requests pickup -> destination: both matched.
    bool match(AppSession &driver, AppSession &passenger, const GeoPoint &at);
    // Drives in `steps` live positions to `target`; returns once the passenger saw the last.
    bool drive(AppSession &driver, AppSession &passenger, const GeoPoint &target, int steps);
    // Arrival at the destination and payment in cash: both completed.
    bool finishRide(AppSession &driver, AppSession &passenger);
    bool allAcknowledged(AppSession &session);

    QTemporaryDir m_dir;
    std::unique_ptr<Test::ServerProcess> m_server;
};

void TestAppRideEndToEnd::initTestCase()
{
    Test::isolateFromDesktop();
    const QString binary = QStringLiteral(NEBENGJEK_SERVER_BINARY);
    QVERIFY2(QFile::exists(binary), qPrintable(binary));
    QVERIFY(m_dir.isValid());
    // The proposal must not time out on a slow machine; presence settles fast.
    m_server = std::make_unique<Test::ServerProcess>(
            binary, m_dir.filePath(QStringLiteral("server")),
            QStringList {QStringLiteral("--proposal-timeout"), QStringLiteral("60s"),
                         QStringLiteral("--presence-grace"), QStringLiteral("1s")});
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestAppRideEndToEnd::cleanupTestCase()
{
    m_server.reset();
}

std::unique_ptr<AppSession> TestAppRideEndToEnd::signIn(const QString &userId, const QString &role,
                                                        const QString &name)
{
    auto session = std::make_unique<AppSession>(m_dir.filePath(userId));
    if (!name.isEmpty()) {
        QVariantMap profile {{QStringLiteral("name"), name}};
        if (role == QLatin1String("driver")) {
            profile.insert(QStringLiteral("vehicle"), QStringLiteral("Honda Vario"));
            profile.insert(QStringLiteral("plate"), QStringLiteral("B 1234 XYZ"));
        }
        session->setDevProfile(profile);
    }
    session->devSignIn(m_server->url(), userId, role);
    if (!Test::waitUntilReady(*session))
        qWarning("%s did not sign in: %s", qPrintable(userId), qPrintable(session->errorString()));
    return session;
}

bool TestAppRideEndToEnd::match(AppSession &driver, AppSession &passenger, const GeoPoint &at)
{
    RideController *d = driver.ride();
    RideController *p = passenger.ride();
    d->setOwnLocation(at.lat, at.lng); // a real position source: no simulated car
    d->goOnline();
    // The passenger's estimate names a driver near the pickup once the beacon is in (asked
    // again every 200 ms: the beacon travels on the driver's connection).
    bool available = false;
    for (int attempt = 0; attempt < 50 && !available; ++attempt) {
        if (attempt > 0)
            QTest::qWait(200);
        p->estimator()->estimate(point(kPickup), point(kDestination));
        if (!QTest::qWaitFor([p] { return !p->estimator()->loading(); }, kWaitMs))
            return false;
        available = p->estimator()->available() && p->estimator()->pickupEtaSeconds() >= 0;
    }
    if (!available || !p->requestRide(point(kPickup), point(kDestination)))
        return false;
    if (!QTest::qWaitFor([d] { return d->state() == RideController::Proposal; }, kWaitMs))
        return false;
    d->accept();
    return QTest::qWaitFor(
            [d, p] {
                return d->state() == RideController::Matched
                        && p->state() == RideController::Matched;
            },
            kWaitMs);
}

bool TestAppRideEndToEnd::drive(AppSession &driver, AppSession &passenger, const GeoPoint &target,
                                int steps)
{
    RideController *d = driver.ride();
    const GeoPoint from = RideController::toPoint(d->ownLocation());
    for (int i = 1; i <= steps; ++i) {
        const GeoPoint at = between(from, target, double(i) / steps);
        d->setOwnLocation(at.lat, at.lng);
    }
    // The server relayed the last one: it has counted it.
    return QTest::qWaitFor([&] { return near(passenger.ride()->partnerLocation(), target); },
                           kWaitMs);
}

bool TestAppRideEndToEnd::finishRide(AppSession &driver, AppSession &passenger)
{
    RideController *d = driver.ride();
    RideController *p = passenger.ride();
    d->arrive();
    if (!QTest::qWaitFor([p] { return p->state() == RideController::AwaitingPayment; }, kWaitMs))
        return false;
    p->pay(QStringLiteral("cash"));
    return QTest::qWaitFor(
            [d, p] {
                return d->state() == RideController::Completed
                        && p->state() == RideController::Completed;
            },
            kWaitMs);
}

bool TestAppRideEndToEnd::allAcknowledged(AppSession &session)
{
    return QTest::qWaitFor(
            [&session] { return session.connection()->offlineQueue()->pendingCount() == 0; },
            kWaitMs);
}

void TestAppRideEndToEnd::estimateEqualsFinalFareOnAStraightDrive()
{
    auto driver =
            signIn(QStringLiteral("fare-driver"), QStringLiteral("driver"), QStringLiteral("Budi"));
    auto passenger = signIn(QStringLiteral("fare-passenger"), QStringLiteral("passenger"),
                            QStringLiteral("Sari"));
    RideController *d = driver->ride();
    RideController *p = passenger->ride();

    QVERIFY(match(*driver, *passenger, kPickup));
    const qint64 estimate = p->estimator()->fare();
    const double estimatedMeters = p->estimator()->distanceMeters();
    QVERIFY(estimate >= 5000);
    QVERIFY(estimatedMeters > 2900 && estimatedMeters < 3100);
    QVERIFY(p->estimator()->durationSeconds() > 0);
    // The app's remaining time runs at the server's speed: the same length, the same time.
    QCOMPARE(Client::RideRoute::etaSeconds(estimatedMeters), p->estimator()->durationSeconds());
    // The driver's proposal and both cards carry the same estimate and the parties' profiles.
    QCOMPARE(d->tripFare(), estimate);
    QCOMPARE(p->tripFare(), estimate);
    QCOMPARE(d->partner().value(QStringLiteral("name")).toString(), QStringLiteral("Sari"));
    QCOMPARE(p->partner().value(QStringLiteral("name")).toString(), QStringLiteral("Budi"));
    QCOMPARE(p->partner().value(QStringLiteral("plate")).toString(), QStringLiteral("B 1234 XYZ"));

    // "I'm here": the passenger is alerted.
    d->atPickup();
    QTRY_VERIFY_WITH_TIMEOUT(p->driverAtPickup(), kWaitMs);
    d->startRide();
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::OnRide, kWaitMs);
    QVERIFY(drive(*driver, *passenger, kDestination, 12));
    QVERIFY(finishRide(*driver, *passenger));
    const double off = std::abs(double(p->fare() - estimate)) / double(estimate);
    QVERIFY2(off <= kFareTolerance,
             qPrintable(QStringLiteral("estimate %1, fare %2").arg(estimate).arg(p->fare())));
    // Paid in cash: the driver is told to collect it.
    QCOMPARE(d->paymentMethod(), QStringLiteral("cash"));
    d->finish();
    d->goOffline();
    p->finish();
}

void TestAppRideEndToEnd::cancelByDriverRematchesThenPassengerCancels()
{
    auto first = signIn(QStringLiteral("cancel-driver-1"), QStringLiteral("driver"));
    auto passenger = signIn(QStringLiteral("cancel-passenger"), QStringLiteral("passenger"));
    RideController *p = passenger->ride();
    QVERIFY(match(*first, *passenger, kPickup));
    const QString matchId = p->matchId();

    // A second driver comes on duty a little further away.
    auto second = signIn(QStringLiteral("cancel-driver-2"), QStringLiteral("driver"));
    second->ride()->setOwnLocation(kPickup.lat + 0.002, kPickup.lng);
    second->ride()->goOnline();
    QVERIFY(allAcknowledged(*second));

    // The first driver withdraws, with a reason: they are available again, the passenger is
    // searching again and told why, and the other driver gets the proposal.
    const QString reason = QStringLiteral("Problem with my vehicle");
    first->ride()->cancelRide(reason);
    QTRY_COMPARE_WITH_TIMEOUT(first->ride()->state(), RideController::Online, kWaitMs);
    QCOMPARE(first->ride()->lastOutcome(), QStringLiteral("driver_cancelled"));
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::Searching, kWaitMs);
    QCOMPARE(p->lastOutcome(), QStringLiteral("driver_cancelled"));
    QCOMPARE(p->cancelReason(), reason);
    QTRY_COMPARE_WITH_TIMEOUT(second->ride()->state(), RideController::Proposal, kWaitMs);
    second->ride()->accept();
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::Matched, kWaitMs);
    QCOMPARE(p->partnerId(), QStringLiteral("cancel-driver-2"));
    QCOMPARE(p->matchId(), matchId);
    // The driver who withdrew was not asked again.
    QCOMPARE(first->ride()->state(), RideController::Online);

    // Now the passenger cancels before the pickup: the driver sees why.
    const QString why = QStringLiteral("My plans changed");
    p->cancelRide(why);
    QCOMPARE(p->state(), RideController::Idle);
    QTRY_COMPARE_WITH_TIMEOUT(second->ride()->state(), RideController::Online, kWaitMs);
    QCOMPARE(second->ride()->lastOutcome(), QStringLiteral("cancelled"));
    QCOMPARE(second->ride()->cancelReason(), why);
    first->ride()->goOffline();
    second->ride()->goOffline();
    QVERIFY(allAcknowledged(*first));
    QVERIFY(allAcknowledged(*second));
}

void TestAppRideEndToEnd::ratingAndHistorySurviveAServerRestart()
{
    auto driver =
            signIn(QStringLiteral("rate-driver"), QStringLiteral("driver"), QStringLiteral("Agus"));
    auto passenger = signIn(QStringLiteral("rate-passenger"), QStringLiteral("passenger"),
                            QStringLiteral("Dewi"));
    RideController *d = driver->ride();
    RideController *p = passenger->ride();
    QVERIFY(match(*driver, *passenger, kPickup));
    d->startRide();
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::OnRide, kWaitMs);
    QVERIFY(drive(*driver, *passenger, kDestination, 4));
    QVERIFY(finishRide(*driver, *passenger));
    const qint64 fare = p->fare();
    p->rate(4, QStringLiteral("Smooth ride"));
    d->rate(5);
    QCOMPARE(p->myRating(), 4);
    QVERIFY(allAcknowledged(*passenger));
    QVERIFY(allAcknowledged(*driver));
    QVERIFY(p->lastError().isEmpty());
    d->finish();
    p->finish();

    // The server restarts on the same data.
    m_server->kill();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(passenger->connection()->state(), ConnectionManager::Connected,
                              kReconnectTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(driver->connection()->state(), ConnectionManager::Connected,
                              kReconnectTimeoutMs);

    // History from the server: the ride, its fare, the partner and the rating given.
    Client::TripHistoryModel *history = passenger->history();
    history->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!history->loading(), kWaitMs);
    QCOMPARE(history->error(), QString());
    QVERIFY(history->rowCount() >= 1);
    const QModelIndex newest = history->index(0);
    QCOMPARE(newest.data(Client::TripHistoryModel::FareRole).toLongLong(), fare);
    QCOMPARE(newest.data(Client::TripHistoryModel::PartnerNameRole).toString(),
             QStringLiteral("Agus"));
    QCOMPARE(newest.data(Client::TripHistoryModel::MyRatingRole).toInt(), 4);
    QCOMPARE(newest.data(Client::TripHistoryModel::StateRole).toString(),
             QStringLiteral("completed"));

    // The next match shows the averages on both cards.
    QVERIFY(match(*driver, *passenger, kPickup));
    // The passenger gave the driver 4 stars, the driver gave the passenger 5.
    QCOMPARE(p->partner().value(QStringLiteral("rating")).toDouble(), 4.0);
    QCOMPARE(p->partner().value(QStringLiteral("ratingCount")).toInt(), 1);
    QCOMPARE(d->partner().value(QStringLiteral("rating")).toDouble(), 5.0);
    p->cancelRide({});
    QTRY_COMPARE_WITH_TIMEOUT(d->state(), RideController::Online, kWaitMs);
    d->goOffline();
    QVERIFY(allAcknowledged(*driver));
}

void TestAppRideEndToEnd::positionsRecordedDuringAnOutageAreCharged()
{
    auto driver = signIn(QStringLiteral("outage-driver"), QStringLiteral("driver"));
    auto passenger = signIn(QStringLiteral("outage-passenger"), QStringLiteral("passenger"));
    RideController *d = driver->ride();
    RideController *p = passenger->ride();
    QVERIFY(match(*driver, *passenger, kPickup));
    d->startRide();
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::OnRide, kWaitMs);
    QVERIFY(allAcknowledged(*driver));

    // The server goes down; the driver takes a detour east, then to the destination. Fix
    // times one apart at least (the server wants them increasing).
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(driver->connection()->state() != ConnectionManager::Connected,
                             kWaitMs);
    qint64 last = 0;
    d->offlineTrack()->setClock([&last] {
        last = std::max(last + 1, QDateTime::currentMSecsSinceEpoch());
        return last;
    });
    constexpr int kSteps = 20;
    for (int i = 1; i <= kSteps; ++i) {
        const GeoPoint at = between(kPickup, kDetour, double(i) / kSteps);
        d->setOwnLocation(at.lat, at.lng);
    }
    for (int i = 1; i <= kSteps; ++i) {
        const GeoPoint at = between(kDetour, kDestination, double(i) / kSteps);
        d->setOwnLocation(at.lat, at.lng);
    }
    // Every fix, after the last position the server got live (the batch starts there).
    QCOMPARE(d->offlineFixes(), 2 * kSteps + 1);
    // Meanwhile an estimate is not asked for (it would be stale), and says why.
    QTRY_VERIFY_WITH_TIMEOUT(passenger->connection()->state() != ConnectionManager::Connected,
                             kWaitMs);
    p->estimator()->estimate(point(kPickup), point(kDestination));
    QVERIFY(!p->estimator()->available());
    QCOMPARE(p->estimator()->error(), QStringLiteral("offline"));

    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(driver->connection()->state(), ConnectionManager::Connected,
                              kReconnectTimeoutMs);
    QCOMPARE(d->offlineFixes(), 0); // handed to the (disk) queue as a batch
    QVERIFY(allAcknowledged(*driver));
    QVERIFY(finishRide(*driver, *passenger));
    const double driven = Protocol::distanceMeters(kPickup, kDetour)
            + Protocol::distanceMeters(kDetour, kDestination);
    const double straight = Protocol::distanceMeters(kPickup, kDestination);
    // The detour counted: the ride is about the driven length, clearly more than the line.
    QVERIFY2(p->rideDistanceMeters() > driven * 0.98,
             qPrintable(QStringLiteral("charged %1 m, driven %2 m, straight %3 m")
                                .arg(p->rideDistanceMeters())
                                .arg(driven)
                                .arg(straight)));
    QVERIFY(p->rideDistanceMeters() < driven * 1.02);
    d->finish();
    d->goOffline();
    p->finish();
    QVERIFY(allAcknowledged(*driver));
}

QTEST_GUILESS_MAIN(TestAppRideEndToEnd)
void TestAppRideEndToEnd::partnerCardSurvivesAnAppRestart()
{
    auto driver =
            signIn(QStringLiteral("card-driver"), QStringLiteral("driver"), QStringLiteral("Budi"));
    auto passenger = signIn(QStringLiteral("card-passenger"), QStringLiteral("passenger"),
                            QStringLiteral("Sari"));
    QVERIFY(match(*driver, *passenger, kPickup));
    QCOMPARE(passenger->ride()->partner().value(QStringLiteral("name")).toString(),
             QStringLiteral("Budi"));

    // The app restarts on the same data: the server does not send the card again (a resume
    // replays no match), so it can only come from the ride cache.
    passenger.reset();
    passenger = signIn(QStringLiteral("card-passenger"), QStringLiteral("passenger"), {});
    RideController *p = passenger->ride();
    QCOMPARE(p->state(), RideController::Matched);
    QCOMPARE(p->partnerId(), QStringLiteral("card-driver"));
    const QVariantMap card = p->partner();
    QCOMPARE(card.value(QStringLiteral("name")).toString(), QStringLiteral("Budi"));
    QCOMPARE(card.value(QStringLiteral("vehicle")).toString(), QStringLiteral("Honda Vario"));
    QCOMPARE(card.value(QStringLiteral("plate")).toString(), QStringLiteral("B 1234 XYZ"));

    p->cancelRide({});
    QTRY_COMPARE_WITH_TIMEOUT(driver->ride()->state(), RideController::Online, kWaitMs);
    QVERIFY(p->partner().isEmpty()); // the card goes with the ride
    driver->ride()->goOffline();
    QVERIFY(allAcknowledged(*driver));
}

#include "tst_app_ride_e2e.moc"
