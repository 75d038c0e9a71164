// SPDX-License-Identifier: MIT
// The app's view models (AppSession, RideController, NotificationModel, ChatModel) against the
// real gateway and hub in-process (DemoServer: loopback, dev mode, in-memory SQLite). Every
// event comes from a second real AppSession doing the real thing: a passenger requesting, a
// driver accepting, declining or driving, a partner typing and reading. Sign-in paths and
// errors, both ride flows, notifications the hub raises, chat states, the offline queue across
// a hub restart, and state that survives an app restart. Each case uses its own users.
#include "apptestsupport.h"

#include "connection/connectionmanager.h"
#include "demoserver.h"
#include "models/appsession.h"
#include "models/chatmodel.h"
#include "models/notificationmodel.h"
#include "models/ridecontroller.h"
#include "models/routesimulator.h"
#include "storage/offlinequeue.h"
#include "storage/tokenstore.h"

#include <config/configloader.h>
#include <protocol/messages.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace NebengJek;
using namespace NebengJek::Protocol;
using Client::AppSession;
using Client::ChatModel;
using Client::ConnectionManager;
using Client::NotificationModel;
using Client::RideController;
using Test::kWaitMs;

namespace {

const GeoPoint kPickup {-6.1754, 106.8272};
const GeoPoint kDestination {-6.2244, 106.8296};
// Where the drivers wait: ~700 m from the pickup; the second one a little further.
const GeoPoint kNearPickup {-6.1700, 106.8250};
const GeoPoint kFurther {-6.1650, 106.8230};

QVariantMap point(const GeoPoint &p)
{
    return RideController::fromPoint(p);
}

QString statusOf(ChatModel *chat, int row)
{
    return QString::number(chat->index(row).data(ChatModel::StatusRole).toInt());
}

} // namespace

class TestAppViewModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void normalizesServerUrls();
    void devTokenIsAValidHs256Jwt();
    void signInRefusesBadInput();
    void devSignInUsesTheDevTokenEndpoint();
    void tokenSignedWithTheDevSecretIsAccepted();
    void wrongTokenIsASentence();
    void unreachableServerIsASentence();
    void signInElsewhereSignsOut();
    void rememberedSessionRestoresOfflineFirst();

    void driverRideFlow();
    void driverProposalExpiresLocally();
    void driverSeesPassengerWithdrawDuringProposal();
    void driverSeesPassengerCancel();
    void passengerRideFlow();
    void passengerNoDriverAndCancel();
    void rideStateSurvivesRestart();
    void routeSimulatorFollowsThePolyline();

    void notificationsListMarkAndPersist();
    void desktopNotificationOnlyWhenInactive();

    void chatSendReadAndTyping();
    void chatResumeDoesNotDuplicateAndMarksReadWhenActive();
    void chatQueuedWhileServerDownIsDeliveredOnce();

private:
    std::unique_ptr<AppSession> makeSession(const QString &name);
    // A session signed in to the hub as `userId` in `role`, its start-up done. The case owns it
    // until cleanup() (drivers off duty first) or quit().
    AppSession *signIn(const QString &userId, const QString &role);
    // The app quits (without signing out).
    void quit(AppSession *session);
    // The driver on duty at `at` (a fixed position unless `simulate`), the hub has the beacon.
    bool onDuty(AppSession &driver, const GeoPoint &at, bool simulate = false);
    // The passenger asks pickup -> destination until the driver has the proposal (a request
    // that found no one because a beacon was still on its way is asked again).
    bool proposed(AppSession &driver, AppSession &passenger);
    // On duty, proposed and accepted: both matched.
    bool matched(AppSession &driver, AppSession &passenger, bool simulate = false);
    bool settled(AppSession &session);

    QString url() const { return m_hub->url().toString(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Demo::DemoServer> m_hub;
    // The sessions of the current case; its drivers go off duty at its end, so no later case's
    // request finds them (the hub keeps a disconnected driver's last beacon).
    std::vector<std::unique_ptr<AppSession>> m_sessions;
    std::vector<QPointer<AppSession>> m_drivers;
    bool m_restartHub = false;
};

void TestAppViewModels::initTestCase()
{
    Test::isolateFromDesktop();
    m_hub = std::make_unique<Demo::DemoServer>();
    QVERIFY2(m_hub->start(), qPrintable(m_hub->errorString()));
}

void TestAppViewModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    if (!m_hub->isListening())
        QVERIFY(m_hub->start());
}

void TestAppViewModels::cleanup()
{
    if (!m_hub->isListening())
        QVERIFY(m_hub->start());
    for (const QPointer<AppSession> &driver : m_drivers) {
        if (driver && driver->stage() == AppSession::SignedIn) {
            driver->ride()->goOffline();
            settled(*driver);
        }
    }
    m_drivers.clear();
    m_sessions.clear();
    // A case that changed the hub's settings: the next one gets the defaults again.
    if (m_restartHub) {
        m_restartHub = false;
        m_hub->stop();
        QVERIFY(m_hub->start());
    }
}

std::unique_ptr<AppSession> TestAppViewModels::makeSession(const QString &name)
{
    return std::make_unique<AppSession>(m_dir->filePath(name));
}

AppSession *TestAppViewModels::signIn(const QString &userId, const QString &role)
{
    AppSession *session = m_sessions.emplace_back(makeSession(userId)).get();
    if (role == QLatin1String("driver")) {
        session->setDevProfile({{QStringLiteral("name"), QStringLiteral("Budi")},
                                {QStringLiteral("vehicle"), QStringLiteral("Honda Vario")},
                                {QStringLiteral("plate"), QStringLiteral("B 1234 XYZ")}});
        m_drivers.emplace_back(session);
    }
    session->devSignIn(url(), userId, role);
    if (!Test::waitUntilReady(*session))
        qWarning("%s did not sign in: %s", qPrintable(userId), qPrintable(session->errorString()));
    // The notification list is the last request of the start-up.
    else if (!QTest::qWaitFor([&] { return !session->notifications()->loading(); }, kWaitMs))
        qWarning("%s: no notification list", qPrintable(userId));
    return session;
}

void TestAppViewModels::quit(AppSession *session)
{
    m_sessions.erase(
            std::remove_if(m_sessions.begin(), m_sessions.end(),
                           [session](const auto &owned) { return owned.get() == session; }),
            m_sessions.end());
}

bool TestAppViewModels::settled(AppSession &session)
{
    return QTest::qWaitFor(
            [&session] { return session.connection()->offlineQueue()->pendingCount() == 0; },
            kWaitMs);
}

bool TestAppViewModels::onDuty(AppSession &driver, const GeoPoint &at, bool simulate)
{
    RideController *ride = driver.ride();
    ride->setOwnLocation(at.lat, at.lng);
    if (simulate)
        ride->setSimulateLocation(true);
    ride->goOnline();
    return ride->state() == RideController::Online && settled(driver);
}

bool TestAppViewModels::proposed(AppSession &driver, AppSession &passenger)
{
    RideController *d = driver.ride();
    RideController *p = passenger.ride();
    return QTest::qWaitFor(
            [&] {
                if (p->state() == RideController::Idle
                    && !p->requestRide(point(kPickup), point(kDestination)))
                    return false;
                return d->state() == RideController::Proposal;
            },
            kWaitMs);
}

bool TestAppViewModels::matched(AppSession &driver, AppSession &passenger, bool simulate)
{
    if (!onDuty(driver, kNearPickup, simulate) || !proposed(driver, passenger))
        return false;
    driver.ride()->accept();
    return QTest::qWaitFor(
            [&] {
                return driver.ride()->state() == RideController::Matched
                        && passenger.ride()->state() == RideController::Matched;
            },
            kWaitMs);
}

void TestAppViewModels::normalizesServerUrls()
{
    QCOMPARE(AppSession::normalizeServerUrl(QStringLiteral("127.0.0.1:8080")),
             QStringLiteral("ws://127.0.0.1:8080/ws"));
    QCOMPARE(AppSession::normalizeServerUrl(QStringLiteral("https://rt.example.com")),
             QStringLiteral("wss://rt.example.com/ws"));
    QCOMPARE(AppSession::normalizeServerUrl(QStringLiteral(" ws://h:1/custom ")),
             QStringLiteral("ws://h:1/custom"));
    QVERIFY(AppSession::normalizeServerUrl(QStringLiteral("ftp://h")).isEmpty());
    QVERIFY(AppSession::normalizeServerUrl(QString()).isEmpty());
}

void TestAppViewModels::devTokenIsAValidHs256Jwt()
{
    const QByteArray secret("dev-secret-for-the-test");
    const QString token = QString::fromLatin1(
            AppSession::mintDevToken(QStringLiteral("d-7"), Role::Driver, secret, 1700000000, 600));
    const QStringList parts = token.split(QLatin1Char('.'));
    QCOMPARE(parts.size(), 3);
    const QByteArray signingInput = (parts.at(0) + QLatin1Char('.') + parts.at(1)).toLatin1();
    const QByteArray expected =
            QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(parts.at(2).toLatin1(), expected);
    const QJsonObject header =
            QJsonDocument::fromJson(
                    QByteArray::fromBase64(parts.at(0).toLatin1(), QByteArray::Base64UrlEncoding))
                    .object();
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
    const QJsonObject claims =
            QJsonDocument::fromJson(
                    QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding))
                    .object();
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("d-7"));
    QCOMPARE(claims.value(QStringLiteral("role")).toString(), QStringLiteral("driver"));
    QCOMPARE(qint64(claims.value(QStringLiteral("exp")).toDouble()), 1700000600);
}

// --- sign-in ---

void TestAppViewModels::signInRefusesBadInput()
{
    auto session = makeSession(QStringLiteral("bad"));
    session->signIn(QStringLiteral("ftp://nope"), QStringLiteral("token"));
    QCOMPARE(session->stage(), AppSession::SignedOut);
    QVERIFY(!session->errorString().isEmpty());
    session->signIn(url(), QStringLiteral("   "));
    QCOMPARE(session->stage(), AppSession::SignedOut);
    session->devSignIn(url(), QStringLiteral("has space"), QStringLiteral("driver"));
    QCOMPARE(session->stage(), AppSession::SignedOut);
    session->devSignIn(url(), QStringLiteral("vm-bad-1"), QStringLiteral("pilot"));
    QCOMPARE(session->stage(), AppSession::SignedOut);
    QVERIFY(!session->busy());
    QCOMPARE(session->connection()->state(), ConnectionManager::SignedOut);
    // Refused on the spot, not after a round trip: the same session signs in right after.
    session->devSignIn(url(), QStringLiteral("vm-bad-1"), QStringLiteral("passenger"));
    QVERIFY(Test::waitUntilReady(*session));
}

void TestAppViewModels::devSignInUsesTheDevTokenEndpoint()
{
    auto session = makeSession(QStringLiteral("s"));
    QSignalSpy identity(session.get(), &AppSession::identityChanged);
    session->devSignIn(url(), QStringLiteral("vm-dev-d1"), QStringLiteral("driver"));
    QCOMPARE(session->stage(), AppSession::SigningIn);
    QVERIFY(session->busy());
    QVERIFY(Test::waitUntilReady(*session));
    QCOMPARE(session->userId(), QStringLiteral("vm-dev-d1"));
    QCOMPARE(session->roleName(), QStringLiteral("driver"));
    QVERIFY(session->isDriver());
    QVERIFY(session->ride()->isDriver());
    QVERIFY(identity.count() >= 1);
    QVERIFY(session->errorString().isEmpty());
    // The form remembers the last server and user.
    QCOMPARE(session->lastUserId(), QStringLiteral("vm-dev-d1"));
    QCOMPARE(session->lastServerUrl(), url());

    session->signOut();
    QCOMPARE(session->stage(), AppSession::SignedOut);
    QCOMPARE(session->connection()->state(), ConnectionManager::SignedOut);
    QVERIFY(session->userId().isEmpty());
}

void TestAppViewModels::tokenSignedWithTheDevSecretIsAccepted()
{
    // A token signed locally with the server's development secret (what devSignIn falls back to
    // when a server has no /dev/token) is one the real gateway accepts.
    const QByteArray token = AppSession::mintDevToken(QStringLiteral("vm-tok-p9"), Role::Passenger,
                                                      Server::ConfigLoader::devJwtSecret(),
                                                      QDateTime::currentSecsSinceEpoch(), 600);
    auto session = makeSession(QStringLiteral("s"));
    session->signIn(url(), QString::fromLatin1(token));
    QVERIFY(Test::waitUntilReady(*session));
    QCOMPARE(session->userId(), QStringLiteral("vm-tok-p9"));
    QVERIFY(!session->isDriver());
}

void TestAppViewModels::wrongTokenIsASentence()
{
    const QByteArray token = AppSession::mintDevToken(QStringLiteral("vm-wrong-p1"),
                                                      Role::Passenger, "not-the-server-secret",
                                                      QDateTime::currentSecsSinceEpoch(), 600);
    auto session = makeSession(QStringLiteral("s"));
    QSignalSpy byServer(session.get(), &AppSession::signedOutByServer);
    session->signIn(url(), QString::fromLatin1(token));
    QTRY_COMPARE_WITH_TIMEOUT(session->stage(), AppSession::SignedOut, kWaitMs);
    // Users read a sentence; the code ("http_401") stays in the log.
    QCOMPARE(session->errorString(), AppSession::signedOutMessage(QStringLiteral("http_401")));
    QVERIFY(!session->errorString().contains(QLatin1String("401")));
    QVERIFY(session->userId().isEmpty());
    // Terminal: no retry is scheduled.
    QCOMPARE(session->connection()->state(), ConnectionManager::SignedOut);
    QCOMPARE(session->connection()->nextRetryMs(), 0);
}

void TestAppViewModels::unreachableServerIsASentence()
{
    auto session = makeSession(QStringLiteral("s"));
    m_hub->stop();
    session->devSignIn(url(), QStringLiteral("vm-down-p9"), QStringLiteral("passenger"));
    QTRY_COMPARE_WITH_TIMEOUT(session->stage(), AppSession::SignedOut, kWaitMs);
    QVERIFY(session->errorString().contains(QLatin1String("Cannot reach")));
    QVERIFY(m_hub->start());
}

void TestAppViewModels::signInElsewhereSignsOut()
{
    const QString user = QStringLiteral("vm-twice-p1");
    AppSession *first = signIn(user, QStringLiteral("passenger"));
    QVERIFY(Test::waitUntilReady(*first));
    QSignalSpy byServer(first, &AppSession::signedOutByServer);
    // The same user on more devices than the hub keeps (3): the oldest connection is replaced.
    std::vector<std::unique_ptr<AppSession>> others;
    for (int device = 0; device < 3; ++device) {
        auto other = makeSession(QStringLiteral("device-%1").arg(device));
        other->devSignIn(url(), user, QStringLiteral("passenger"));
        QVERIFY(Test::waitUntilReady(*other));
        others.push_back(std::move(other));
    }
    QTRY_COMPARE_WITH_TIMEOUT(first->stage(), AppSession::SignedOut, kWaitMs);
    QCOMPARE(byServer.count(), 1);
    QCOMPARE(first->errorString(),
             AppSession::signedOutMessage(QStringLiteral("session_replaced")));
    QVERIFY(first->userId().isEmpty());
    // A terminal close: no reconnect is scheduled, and the other devices keep their connections
    // through a full round trip (a reconnect of the first would have replaced the oldest).
    QCOMPARE(first->connection()->nextRetryMs(), 0);
    AppSession &newest = *others.back();
    QVERIFY(newest.ride()->requestRide(point(kPickup), point(kDestination)));
    QTRY_COMPARE_WITH_TIMEOUT(newest.ride()->state(), RideController::Idle, kWaitMs);
    QCOMPARE(newest.ride()->lastOutcome(), QStringLiteral("no_driver"));
    for (const auto &other : others)
        QCOMPARE(other->connection()->state(), ConnectionManager::Connected);
    QCOMPARE(first->connection()->state(), ConnectionManager::SignedOut);
}

void TestAppViewModels::rememberedSessionRestoresOfflineFirst()
{
    const QString dir = QStringLiteral("remember");
    AppSession *driver = signIn(QStringLiteral("vm-rem-d1"), QStringLiteral("driver"));
    {
        auto session = makeSession(dir);
        // No keychain in the test environment: remembering needs the plain-text consent.
        session->devSignIn(url(), QStringLiteral("vm-rem-p1"), QStringLiteral("passenger"), {},
                           /*remember*/ true, /*allowPlaintext*/ true);
        QVERIFY(Test::waitUntilReady(*session));
        QTRY_VERIFY_WITH_TIMEOUT(session->tokenStore()->hasPlaintextToken(), kWaitMs);
        // A real match: the hub's "driver found" notification and a matched ride.
        QVERIFY(matched(*driver, *session));
        QTRY_COMPARE_WITH_TIMEOUT(session->notifications()->rowCount(), 1, kWaitMs);
        // The app quits without signing out.
    }
    m_hub->stop();

    auto restarted = makeSession(dir);
    restarted->restoreSession();
    // Offline-first: signed in from the cache before any server answers.
    QTRY_COMPARE_WITH_TIMEOUT(restarted->stage(), AppSession::SignedIn, kWaitMs);
    QCOMPARE(restarted->userId(), QStringLiteral("vm-rem-p1"));
    QCOMPARE(restarted->notifications()->rowCount(), 1);
    QCOMPARE(restarted->ride()->state(), RideController::Matched);
    QVERIFY(restarted->connection()->state() != ConnectionManager::Connected);

    QVERIFY(m_hub->start());
    QTRY_COMPARE_WITH_TIMEOUT(restarted->connection()->state(), ConnectionManager::Connected,
                              60000);
    QCOMPARE(restarted->userId(), QStringLiteral("vm-rem-p1"));
    QCOMPARE(restarted->ride()->partnerId(), QStringLiteral("vm-rem-d1"));

    // Signing out forgets the remembered token.
    restarted->ride()->cancel();
    restarted->signOut();
    QTRY_VERIFY_WITH_TIMEOUT(!restarted->tokenStore()->hasPlaintextToken(), kWaitMs);
}

// --- ride ---

void TestAppViewModels::driverRideFlow()
{
    AppSession *session = signIn(QStringLiteral("vm-flow-d1"), QStringLiteral("driver"));
    AppSession *passenger = signIn(QStringLiteral("vm-flow-p1"), QStringLiteral("passenger"));
    RideController *ride = session->ride();
    RideController *p = passenger->ride();
    QVERIFY(ride->isDriver());
    QCOMPARE(ride->state(), RideController::Idle);
    QVERIFY(!ride->ownLocation().isEmpty());
    ride->simulator()->setInterval(50);

    QVERIFY(onDuty(*session, kNearPickup, /*simulate*/ true));
    QVERIFY(ride->online());
    QTRY_VERIFY_WITH_TIMEOUT(!ride->busy(), kWaitMs);

    QSignalSpy attention(ride, &RideController::attentionRequested);
    QVERIFY(proposed(*session, *passenger));
    QCOMPARE(attention.count(), 1);
    QCOMPARE(ride->partnerId(), QStringLiteral("vm-flow-p1"));
    QVERIFY(!ride->matchId().isEmpty());
    QCOMPARE(ride->pickup().value(QStringLiteral("lat")).toDouble(), kPickup.lat);
    QVERIFY(ride->proposalDistanceMeters() > 500 && ride->proposalDistanceMeters() < 1000);
    // The hub gives a driver 15 s to answer.
    QVERIFY(ride->proposalSecondsLeft() >= 12 && ride->proposalSecondsLeft() <= 15);
    QCOMPARE(ride->proposalTotalSeconds(), ride->proposalSecondsLeft());
    QVERIFY(ride->route().size() >= 3); // to the pickup, then to the destination
    const int before = ride->proposalSecondsLeft();
    QTRY_VERIFY_WITH_TIMEOUT(ride->proposalSecondsLeft() < before, 3000);
    const QString matchId = ride->matchId();

    ride->accept();
    QVERIFY(ride->busy());
    QCOMPARE(ride->state(), RideController::Proposal); // until the hub says so
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Matched, kWaitMs);
    QVERIFY(!ride->busy());
    QVERIFY(!ride->rideId().isEmpty());
    QVERIFY(ride->hasPartner());
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::Matched, kWaitMs);
    QCOMPARE(p->rideId(), ride->rideId());
    QCOMPARE(p->matchId(), matchId);
    // The chat follows the match.
    QCOMPARE(session->chat()->matchId(), matchId);
    QCOMPARE(session->chat()->partnerId(), QStringLiteral("vm-flow-p1"));
    QVERIFY(session->chat()->available());
    // The simulated car drives to the pickup and the position reaches the passenger live.
    QVERIFY(ride->simulator()->isDriving());
    QVERIFY(ride->route().size() >= 2);
    QVERIFY(ride->etaSeconds() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!p->partnerLocation().isEmpty(), kWaitMs);

    ride->startRide();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::OnRide, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::OnRide, kWaitMs);

    QTRY_VERIFY_WITH_TIMEOUT(!ride->busy(), kWaitMs); // arrive() ignores taps while busy
    ride->arrive();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::AwaitingPayment, kWaitMs);
    QVERIFY(ride->fare() > 0);
    QVERIFY(ride->rideDistanceMeters() >= 0);
    QCOMPARE(ride->currency(), QStringLiteral("IDR"));
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::AwaitingPayment, kWaitMs);
    QCOMPARE(p->fare(), ride->fare());

    p->pay(QStringLiteral("cash"));
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Completed, kWaitMs);
    QCOMPARE(ride->paymentMethod(), QStringLiteral("cash"));
    QVERIFY(session->chat()->available()); // still there to read on the completed screen

    ride->finish();
    QCOMPARE(ride->state(), RideController::Online);
    QVERIFY(ride->rideId().isEmpty());
    QVERIFY(!session->chat()->available());
    QVERIFY(settled(*session));
    // Available again: the next request is proposed to this driver. The passenger hears of
    // the completion on its own connection, possibly after the driver.
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::Completed, kWaitMs);
    p->finish();
    QVERIFY(proposed(*session, *passenger));
    ride->reject();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Online, kWaitMs);

    // Off duty: the matcher no longer has them.
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::Idle, kWaitMs);
    ride->goOffline();
    QCOMPARE(ride->state(), RideController::Idle);
    QVERIFY(settled(*session));
    QVERIFY(p->requestRide(point(kPickup), point(kDestination)));
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::Idle, kWaitMs);
    QCOMPARE(p->lastOutcome(), QStringLiteral("no_driver"));
    QCOMPARE(ride->state(), RideController::Idle);
}

void TestAppViewModels::driverProposalExpiresLocally()
{
    // A hub that gives drivers 3 s instead of 15 (no one is connected between cases).
    m_hub->stop();
    m_hub->setProposalTimeoutMs(3000);
    m_restartHub = true;
    QVERIFY(m_hub->start());
    AppSession *session = signIn(QStringLiteral("vm-exp-d1"), QStringLiteral("driver"));
    AppSession *passenger = signIn(QStringLiteral("vm-exp-p1"), QStringLiteral("passenger"));
    RideController *ride = session->ride();
    QVERIFY(onDuty(*session, kNearPickup));
    QVERIFY(proposed(*session, *passenger));
    QVERIFY(ride->proposalSecondsLeft() <= 3);
    // No answer in time: back to available, with the reason, and no dead Accept button.
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Online, 8000);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("expired"));
    QVERIFY(ride->matchId().isEmpty());
    // The passenger hears no driver answered (the hub's own expiry); it changes nothing here.
    QTRY_VERIFY_WITH_TIMEOUT(!passenger->ride()->driverFound(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(passenger->ride()->state(), RideController::Idle, kWaitMs);
    QVERIFY(settled(*session));
    QCOMPARE(ride->state(), RideController::Online);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("expired"));
    // The default again from cleanup()'s restart (after the driver is off duty).
    m_hub->setProposalTimeoutMs(0);
}

void TestAppViewModels::driverSeesPassengerWithdrawDuringProposal()
{
    AppSession *session = signIn(QStringLiteral("vm-wd-d1"), QStringLiteral("driver"));
    AppSession *passenger = signIn(QStringLiteral("vm-wd-p1"), QStringLiteral("passenger"));
    RideController *ride = session->ride();
    QVERIFY(onDuty(*session, kNearPickup));
    QVERIFY(proposed(*session, *passenger));
    passenger->ride()->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Online, kWaitMs);
    QVERIFY(ride->matchId().isEmpty());
    QVERIFY(!ride->busy());
    QVERIFY(!ride->lastOutcome().isEmpty());
    ride->clearError();
    QVERIFY(ride->lastError().isEmpty());
}

void TestAppViewModels::driverSeesPassengerCancel()
{
    AppSession *session = signIn(QStringLiteral("vm-pc-d1"), QStringLiteral("driver"));
    AppSession *passenger = signIn(QStringLiteral("vm-pc-p1"), QStringLiteral("passenger"));
    RideController *ride = session->ride();
    QVERIFY(matched(*session, *passenger, /*simulate*/ true));
    QVERIFY(ride->simulator()->isDriving());
    passenger->ride()->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Online, kWaitMs);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("cancelled"));
    QVERIFY(!ride->simulator()->isDriving());
    // Available again: the passenger's next request reaches this driver.
    QVERIFY(settled(*session));
    QVERIFY(proposed(*session, *passenger));
}

void TestAppViewModels::passengerRideFlow()
{
    AppSession *session = signIn(QStringLiteral("vm-pf-p1"), QStringLiteral("passenger"));
    AppSession *first = signIn(QStringLiteral("vm-pf-d1"), QStringLiteral("driver"));
    AppSession *second = signIn(QStringLiteral("vm-pf-d2"), QStringLiteral("driver"));
    RideController *ride = session->ride();
    QVERIFY(!ride->isDriver());
    QVERIFY(!ride->requestRide(QVariantMap(), point(kDestination)));
    QVERIFY(!ride->requestRide(point({91, 0}), point(kDestination)));
    QCOMPARE(ride->state(), RideController::Idle);

    // The nearer driver is asked first.
    QVERIFY(onDuty(*first, kNearPickup));
    QVERIFY(onDuty(*second, kFurther));
    QVERIFY(ride->requestRide(point(kPickup), point(kDestination)));
    QCOMPARE(ride->state(), RideController::Searching);
    QVERIFY(ride->route().size() >= 2); // preview pickup -> destination
    QTRY_COMPARE_WITH_TIMEOUT(first->ride()->state(), RideController::Proposal, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(ride->driverFound(), kWaitMs);
    QCOMPARE(ride->partnerId(), QStringLiteral("vm-pf-d1"));
    QCOMPARE(ride->state(), RideController::Searching);

    // That driver declines: the hub asks the next one.
    first->ride()->reject();
    QTRY_COMPARE_WITH_TIMEOUT(second->ride()->state(), RideController::Proposal, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(ride->partnerId(), QStringLiteral("vm-pf-d2"), kWaitMs);
    QCOMPARE(ride->state(), RideController::Searching);

    QSignalSpy attention(ride, &RideController::attentionRequested);
    second->ride()->accept();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Matched, kWaitMs);
    QCOMPARE(attention.count(), 1);
    QCOMPARE(ride->partnerId(), QStringLiteral("vm-pf-d2"));
    QTRY_COMPARE_WITH_TIMEOUT(second->ride()->state(), RideController::Matched, kWaitMs);
    QCOMPARE(ride->rideId(), second->ride()->rideId());
    QVERIFY(!ride->rideId().isEmpty());
    QVERIFY(ride->lastOutcome().isEmpty());
    QCOMPARE(session->chat()->matchId(), ride->matchId());
    QCOMPARE(ride->partner().value(QStringLiteral("plate")).toString(),
             QStringLiteral("B 1234 XYZ"));

    // Presence: the driver who just accepted counts as online until the hub says otherwise.
    QVERIFY(ride->partnerOnline());
    second->connection()->suspend();
    QTRY_VERIFY_WITH_TIMEOUT(!ride->partnerOnline(), kWaitMs);
    second->connection()->resume();
    QTRY_VERIFY_WITH_TIMEOUT(ride->partnerOnline(), kWaitMs);
    // The driver's live position, and the way to the pickup.
    second->ride()->setOwnLocation(-6.1710, 106.8260);
    QTRY_VERIFY_WITH_TIMEOUT(
            qAbs(ride->partnerLocation().value(QStringLiteral("lat")).toDouble() + 6.171) < 1e-6,
            kWaitMs);
    QVERIFY(ride->route().size() >= 2);
    QVERIFY(ride->remainingMeters() > 300);
    // The driver who declined moves too: not ours to show (their position reaches no one; the
    // matched driver's next one is the marker).
    first->ride()->setOwnLocation(-6.0, 106.0);
    QVERIFY(settled(*first));
    second->ride()->setOwnLocation(-6.1720, 106.8265);
    QTRY_VERIFY_WITH_TIMEOUT(
            qAbs(ride->partnerLocation().value(QStringLiteral("lat")).toDouble() + 6.172) < 1e-6,
            kWaitMs);

    second->ride()->startRide();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::OnRide, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!second->ride()->busy(), kWaitMs);
    second->ride()->arrive();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::AwaitingPayment, kWaitMs);
    QVERIFY(ride->fare() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(second->ride()->fare(), ride->fare(), kWaitMs);
    ride->pay(QStringLiteral("wallet"));
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Completed, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(second->ride()->state(), RideController::Completed, kWaitMs);
    ride->finish();
    QCOMPARE(ride->state(), RideController::Idle);
    QVERIFY(ride->rideId().isEmpty());
    QVERIFY(!session->chat()->available());
}

void TestAppViewModels::passengerNoDriverAndCancel()
{
    AppSession *session = signIn(QStringLiteral("vm-nd-p1"), QStringLiteral("passenger"));
    RideController *ride = session->ride();
    // Nobody on duty.
    QVERIFY(ride->requestRide(point(kPickup), point(kDestination)));
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Idle, kWaitMs);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("no_driver"));

    // Cancel while the driver is on the way.
    AppSession *driver = signIn(QStringLiteral("vm-nd-d1"), QStringLiteral("driver"));
    QVERIFY(matched(*driver, *session));
    QVERIFY(ride->lastOutcome().isEmpty());
    QVERIFY(session->chat()->available());
    ride->cancel();
    QCOMPARE(ride->state(), RideController::Idle);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("cancelled"));
    QVERIFY(!session->chat()->available());
    // The hub has it: the driver is told.
    QTRY_COMPARE_WITH_TIMEOUT(driver->ride()->state(), RideController::Online, kWaitMs);
}

void TestAppViewModels::rideStateSurvivesRestart()
{
    AppSession *passenger = signIn(QStringLiteral("vm-rs-p1"), QStringLiteral("passenger"));
    QString rideId;
    QString matchId;
    {
        AppSession *session = signIn(QStringLiteral("vm-rs-d1"), QStringLiteral("driver"));
        QVERIFY(matched(*session, *passenger));
        session->ride()->startRide();
        QTRY_COMPARE_WITH_TIMEOUT(session->ride()->state(), RideController::OnRide, kWaitMs);
        rideId = session->ride()->rideId();
        matchId = session->ride()->matchId();
        quit(session);
    }
    // While it is closed, the passenger writes: the hub keeps it for the driver.
    QTRY_VERIFY_WITH_TIMEOUT(!passenger->ride()->partnerOnline(), kWaitMs);
    QVERIFY(passenger->chat()->send(QStringLiteral("Please stop at the bakery")));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(passenger->chat(), 0), QString::number(ChatModel::Sent),
                              kWaitMs);

    // The app starts again (the same data directory).
    AppSession *session = signIn(QStringLiteral("vm-rs-d1"), QStringLiteral("driver"));
    QVERIFY(Test::waitUntilReady(*session));
    RideController *ride = session->ride();
    QCOMPARE(ride->rideId(), rideId);
    QCOMPARE(ride->partnerId(), QStringLiteral("vm-rs-p1"));
    QVERIFY(ride->online());
    QCOMPARE(ride->state(), RideController::OnRide);
    QCOMPARE(session->chat()->matchId(), matchId);
    // The event missed while closed is replayed, and the hub raised a notification for it.
    QTRY_COMPARE_WITH_TIMEOUT(session->chat()->rowCount(), 1, kWaitMs);
    QCOMPARE(session->chat()->index(0).data(ChatModel::BodyRole).toString(),
             QStringLiteral("Please stop at the bakery"));
    QTRY_VERIFY_WITH_TIMEOUT(session->notifications()->rowCount() >= 1, kWaitMs);
    QCOMPARE(session->notifications()->get(0).value(QStringLiteral("kind")).toString(),
             QStringLiteral("chat_message"));
    ride->arrive();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::AwaitingPayment, kWaitMs);
    QVERIFY(ride->fare() > 0);
}

void TestAppViewModels::routeSimulatorFollowsThePolyline()
{
    Client::RouteSimulator sim;
    sim.setPosition(kPickup);
    const auto route = Client::RouteSimulator::streetRoute(kPickup, kDestination);
    QCOMPARE(route.size(), 2); // one corner, then the destination
    QCOMPARE(route.first().lat, kDestination.lat);
    QCOMPARE(route.first().lng, kPickup.lng);
    sim.driveTo(route);
    QVERIFY(sim.isDriving());
    const double total = sim.remainingMeters();
    QSignalSpy arrived(&sim, &Client::RouteSimulator::arrived);
    sim.advance(1000);
    QVERIFY(qAbs(sim.remainingMeters() - (total - 1000)) < 1);
    QVERIFY(qAbs(sim.heading() - 180) < 1); // heading south first
    sim.advance(total);
    QCOMPARE(arrived.count(), 1);
    QVERIFY(!sim.isDriving());
    QCOMPARE(sim.position(), kDestination);
}

// --- notifications ---

void TestAppViewModels::notificationsListMarkAndPersist()
{
    const QString user = QStringLiteral("vm-nl-p1");
    AppSession *session = signIn(user, QStringLiteral("passenger"));
    AppSession *driver = signIn(QStringLiteral("vm-nl-d1"), QStringLiteral("driver"));
    NotificationModel *model = session->notifications();
    QCOMPARE(model->rowCount(), 0);
    // A ride raises them: driver found, ride started, payment requested.
    QVERIFY(matched(*driver, *session));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kWaitMs);
    driver->ride()->startRide();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, kWaitMs);
    QSignalSpy arrived(model, &NotificationModel::notificationArrived);
    QTRY_VERIFY_WITH_TIMEOUT(!driver->ride()->busy(), kWaitMs);
    driver->ride()->arrive();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, kWaitMs);
    QCOMPARE(arrived.count(), 1);
    // Newest first.
    QCOMPARE(model->get(0).value(QStringLiteral("kind")).toString(),
             QStringLiteral("payment_requested"));
    QCOMPARE(model->get(1).value(QStringLiteral("kind")).toString(),
             QStringLiteral("ride_started"));
    QCOMPARE(model->get(2).value(QStringLiteral("kind")).toString(), QStringLiteral("match_found"));
    QCOMPARE(model->unreadCount(), 3);

    const qint64 second = model->get(1).value(QStringLiteral("notificationId")).toLongLong();
    model->markRead(second);
    QCOMPARE(model->unreadCount(), 2);
    QCOMPARE(model->get(1).value(QStringLiteral("read")).toBool(), true);
    model->markRead(second); // already read: no change
    QCOMPARE(model->unreadCount(), 2);
    QVERIFY(settled(*session));
    // The hub has it: the same user's next start (another device, empty cache) agrees.
    {
        auto other = makeSession(QStringLiteral("other"));
        other->devSignIn(url(), user, QStringLiteral("passenger"));
        QVERIFY(Test::waitUntilReady(*other));
        QTRY_COMPARE_WITH_TIMEOUT(other->notifications()->rowCount(), 3, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(other->notifications()->unreadCount(), 2, kWaitMs);
        QCOMPARE(other->notifications()->get(1).value(QStringLiteral("read")).toBool(), true);
        other->signOut();
    }
    session->devSignIn(url(), user, QStringLiteral("passenger"));
    QVERIFY(Test::waitUntilReady(*session));
    model = session->notifications();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, kWaitMs);

    model->markAllRead();
    QCOMPARE(model->unreadCount(), 0);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY(model->get(row).value(QStringLiteral("read")).toBool());
    QVERIFY(settled(*session));
    {
        auto other = makeSession(QStringLiteral("other2"));
        other->devSignIn(url(), user, QStringLiteral("passenger"));
        QVERIFY(Test::waitUntilReady(*other));
        QTRY_COMPARE_WITH_TIMEOUT(other->notifications()->rowCount(), 3, kWaitMs);
        QCOMPARE(other->notifications()->unreadCount(), 0);
    }

    // Persisted: another model on the same cache file has it all without a server.
    NotificationModel cached(nullptr);
    cached.setCacheFile(m_dir->filePath(user + QStringLiteral("/users/") + user
                                        + QStringLiteral("/notifications.json")));
    QCOMPARE(cached.rowCount(), 3);
    QCOMPARE(cached.unreadCount(), 0);
    QCOMPARE(cached.get(0).value(QStringLiteral("kind")).toString(),
             QStringLiteral("payment_requested"));
}

void TestAppViewModels::desktopNotificationOnlyWhenInactive()
{
    AppSession *session = signIn(QStringLiteral("vm-dn-p1"), QStringLiteral("passenger"));
    AppSession *driver = signIn(QStringLiteral("vm-dn-d1"), QStringLiteral("driver"));
    NotificationModel *model = session->notifications();
    QSignalSpy desktop(model, &NotificationModel::desktopNotificationRequested);
    QSignalSpy arrived(model, &NotificationModel::notificationArrived);

    session->setApplicationActive(true);
    QVERIFY(matched(*driver, *session)); // "driver found"
    QTRY_COMPARE_WITH_TIMEOUT(arrived.count(), 1, kWaitMs);
    QCOMPARE(desktop.count(), 0);

    session->setApplicationActive(false);
    driver->ride()->startRide(); // "ride started"
    QTRY_COMPARE_WITH_TIMEOUT(desktop.count(), 1, kWaitMs);
    QCOMPARE(desktop.last().at(1).toString(), QStringLiteral("ride_started"));
    QVERIFY(!desktop.last().at(2).toString().isEmpty());
    QCOMPARE(arrived.count(), 2);
    QCOMPARE(model->unreadCount(), 2);
}

// --- chat ---

void TestAppViewModels::chatSendReadAndTyping()
{
    AppSession *session = signIn(QStringLiteral("vm-ch-d1"), QStringLiteral("driver"));
    AppSession *passenger = signIn(QStringLiteral("vm-ch-p1"), QStringLiteral("passenger"));
    QVERIFY(matched(*session, *passenger));
    ChatModel *chat = session->chat();
    ChatModel *theirs = passenger->chat();
    // Only an explicit "stopped typing" clears it on the passenger's side here.
    theirs->setPartnerTypingTimeout(60000);
    QVERIFY(!chat->send(QStringLiteral("   ")));
    QVERIFY(!chat->send(QString(ChatModel::kMaxBodyLength + 1, QLatin1Char('x'))));

    chat->setTyping(true);
    chat->setTyping(true);
    QTRY_VERIFY_WITH_TIMEOUT(theirs->partnerTyping(), kWaitMs);

    // Sending ends "typing" and shows the message at once as pending.
    QVERIFY(chat->send(QStringLiteral("On my way")));
    QCOMPARE(chat->rowCount(), 1);
    QCOMPARE(statusOf(chat, 0), QString::number(ChatModel::Pending));
    QCOMPARE(chat->index(0).data(ChatModel::MineRole).toBool(), true);
    // The hub stores it: sent ✓ with the server's id; the passenger has it.
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(chat, 0), QString::number(ChatModel::Sent), kWaitMs);
    QVERIFY(chat->index(0)
                    .data(ChatModel::MessageIdRole)
                    .toString()
                    .startsWith(QLatin1String("msg-")));
    QTRY_COMPARE_WITH_TIMEOUT(theirs->rowCount(), 1, kWaitMs);
    QCOMPARE(theirs->index(0).data(ChatModel::BodyRole).toString(), QStringLiteral("On my way"));
    QCOMPARE(theirs->index(0).data(ChatModel::MessageIdRole).toString(),
             chat->index(0).data(ChatModel::MessageIdRole).toString());
    QTRY_VERIFY_WITH_TIMEOUT(!theirs->partnerTyping(), kWaitMs);

    // The passenger reads it: ✓✓.
    theirs->setActive(true);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(chat, 0), QString::number(ChatModel::Read), kWaitMs);

    // The passenger types, then it fades if no "stopped typing" comes.
    chat->setPartnerTypingTimeout(500);
    theirs->setTyping(true);
    QTRY_VERIFY_WITH_TIMEOUT(chat->partnerTyping(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!chat->partnerTyping(), 3000);
}

void TestAppViewModels::chatResumeDoesNotDuplicateAndMarksReadWhenActive()
{
    AppSession *session = signIn(QStringLiteral("vm-cd-d1"), QStringLiteral("driver"));
    AppSession *passenger = signIn(QStringLiteral("vm-cd-p1"), QStringLiteral("passenger"));
    QVERIFY(matched(*session, *passenger));
    ChatModel *chat = session->chat();
    ChatModel *theirs = passenger->chat();
    QSignalSpy arrived(chat, &ChatModel::messageArrived);
    QVERIFY(theirs->send(QStringLiteral("I'm at the lobby")));
    QTRY_COMPARE_WITH_TIMEOUT(chat->rowCount(), 1, kWaitMs);
    QCOMPARE(chat->unreadCount(), 1);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(chat->index(0).data(ChatModel::MineRole).toBool(), false);
    // A dropped connection resumes (the hub replays what it has not seen acknowledged): still
    // one message. The passenger's next one is the marker.
    session->connection()->suspend();
    session->connection()->resume();
    QTRY_COMPARE_WITH_TIMEOUT(session->connection()->state(), ConnectionManager::Connected,
                              kWaitMs);
    QVERIFY(theirs->send(QStringLiteral("Near the fountain")));
    QTRY_COMPARE_WITH_TIMEOUT(arrived.count(), 2, kWaitMs);
    QCOMPARE(chat->rowCount(), 2);
    QCOMPARE(chat->unreadCount(), 2);

    // Opening the conversation marks it read, up to the last message: ✓✓ on the other side.
    chat->setActive(true);
    QCOMPARE(chat->unreadCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(theirs, 1), QString::number(ChatModel::Read), kWaitMs);
    QCOMPARE(statusOf(theirs, 0), QString::number(ChatModel::Read));

    // While on screen, new ones are read at once and raise no toast.
    QVERIFY(theirs->send(QStringLiteral("Blue jacket")));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(theirs, 2), QString::number(ChatModel::Read), kWaitMs);
    QCOMPARE(chat->rowCount(), 3);
    QCOMPARE(chat->unreadCount(), 0);
    QCOMPARE(arrived.count(), 2);
}

void TestAppViewModels::chatQueuedWhileServerDownIsDeliveredOnce()
{
    AppSession *session = signIn(QStringLiteral("vm-cq-d1"), QStringLiteral("driver"));
    AppSession *passenger = signIn(QStringLiteral("vm-cq-p1"), QStringLiteral("passenger"));
    QVERIFY(matched(*session, *passenger));
    ChatModel *chat = session->chat();
    m_hub->stop();
    QTRY_VERIFY_WITH_TIMEOUT(session->connection()->state() != ConnectionManager::Connected,
                             kWaitMs);

    QVERIFY(chat->send(QStringLiteral("Stuck in traffic, 2 minutes")));
    QCOMPARE(statusOf(chat, 0), QString::number(ChatModel::Pending));
    // A reconnect attempt after the send failed (the marker): the message is still pending,
    // neither sent nor given up.
    const int attempt = session->connection()->reconnectAttempt();
    QTRY_VERIFY_WITH_TIMEOUT(session->connection()->reconnectAttempt() > attempt, kWaitMs);
    QCOMPARE(statusOf(chat, 0), QString::number(ChatModel::Pending));

    QVERIFY(m_hub->start());
    QTRY_COMPARE_WITH_TIMEOUT(session->connection()->state(), ConnectionManager::Connected, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(chat, 0), QString::number(ChatModel::Sent), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(passenger->chat()->rowCount(), 1, 60000);
    // Delivered once: the driver's next message is the marker.
    QVERIFY(chat->send(QStringLiteral("Here now")));
    QTRY_COMPARE_WITH_TIMEOUT(passenger->chat()->rowCount(), 2, kWaitMs);
    QCOMPARE(passenger->chat()->index(1).data(ChatModel::BodyRole).toString(),
             QStringLiteral("Here now"));
    QCOMPARE(chat->rowCount(), 2);
}

QTEST_GUILESS_MAIN(TestAppViewModels)
#include "tst_app_viewmodels.moc"
