// SPDX-License-Identifier: MIT
// The app's view models (AppSession, RideController, NotificationModel, ChatModel) over a real
// ConnectionManager and a real loopback WebSocket, against the in-process FakeServer: sign-in
// paths, both ride flows, refusals, notifications, chat states, the offline queue across a
// server restart, and state that survives an app restart.
#include "apptestsupport.h"

#include "connection/connectionmanager.h"
#include "connection/reconnectpolicy.h"
#include "fakeserver.h"
#include "models/appsession.h"
#include "models/chatmodel.h"
#include "models/notificationmodel.h"
#include "models/ridecontroller.h"
#include "models/routesimulator.h"
#include "storage/tokenstore.h"

#include <protocol/closecode.h>
#include <protocol/messages.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace NebengJek;
using namespace NebengJek::Protocol;
using Client::AppSession;
using Client::ChatModel;
using Client::ConnectionManager;
using Client::NotificationModel;
using Client::RideController;
using Test::FakeServer;
using Test::kWaitMs;

namespace {

const GeoPoint kPickup {-6.1754, 106.8272};
const GeoPoint kDestination {-6.2244, 106.8296};

QVariantMap point(const GeoPoint &p)
{
    return {{QStringLiteral("lat"), p.lat}, {QStringLiteral("lng"), p.lng}};
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

MatchProposal proposal(const QString &matchId, const QString &driver, const QString &passenger,
                       qint64 expiresInMs = 15000)
{
    MatchProposal p;
    p.matchId = matchId;
    p.driverId = driver;
    p.passengerId = passenger;
    p.pickup = kPickup;
    p.destination = kDestination;
    p.distanceMeters = 1200;
    p.expiresAt = now() + expiresInMs;
    return p;
}

// A match_status payload; without a driver (no_driver) the field is left out, as the hub does.
struct StatusPayload
{
    QJsonObject json;
    QJsonObject toJson() const { return json; }
};

StatusPayload status(const QString &matchId, const QString &value, const QString &driver,
                     const QString &passenger, const QString &rideId = {})
{
    MatchStatus s;
    s.matchId = matchId;
    s.status = value;
    s.driverId = driver;
    s.passengerId = passenger;
    s.rideId = rideId;
    QJsonObject json = s.toJson();
    if (driver.isEmpty())
        json.remove(QStringLiteral("driver_id"));
    return {json};
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
    void devSignInFallsBackToALocalToken();
    void devSignInWithoutEndpointOrSecretFails();
    void serverRefusalSignsOut();
    void rememberedSessionRestoresOfflineFirst();

    void driverRideFlow();
    void driverProposalExpiresLocally();
    void driverRefusedConfirmReturnsToOnline();
    void driverSeesPassengerCancel();
    void passengerRideFlow();
    void passengerNoDriverAndCancel();
    void rideStateSurvivesRestart();
    void routeSimulatorFollowsThePolyline();

    void notificationsListMarkAndPersist();
    void desktopNotificationOnlyWhenInactive();

    void chatSendReadAndTyping();
    void chatIgnoresDuplicatesAndMarksReadWhenActive();
    void chatQueuedWhileServerDownIsDeliveredOnce();

private:
    std::unique_ptr<AppSession> makeSession(const QString &name);
    bool signIn(AppSession &session, const QString &userId, const QString &role);
    // Signed in as a driver with a proposal accepted: the match is m1, the ride r1.
    bool matchedDriver(AppSession &session);
    // Positive markers for "nothing happened" (one ordered WebSocket each way): a frame the
    // server pushes now is handled after everything it sent before; a request the session
    // sends now reaches the server after everything the session sent before.
    bool serverMarker(AppSession &session, const QString &userId);
    bool clientMarker(AppSession &session, const QString &userId);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeServer> m_server;
};

void TestAppViewModels::initTestCase()
{
    Test::isolateFromDesktop();
}

void TestAppViewModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<FakeServer>();
    QVERIFY(m_server->start());
}

void TestAppViewModels::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<AppSession> TestAppViewModels::makeSession(const QString &name)
{
    return std::make_unique<AppSession>(m_dir->filePath(name));
}

bool TestAppViewModels::signIn(AppSession &session, const QString &userId, const QString &role)
{
    session.devSignIn(m_server->url().toString(), userId, role);
    if (!Test::waitUntilReady(session))
        return false;
    // The notification list is the last request of the start-up.
    return QTest::qWaitFor(
            [this, &userId] {
                return m_server->receivedCount(userId, MessageType::NotificationList) > 0;
            },
            kWaitMs);
}

bool TestAppViewModels::serverMarker(AppSession &session, const QString &userId)
{
    NotificationModel *model = session.notifications();
    const int before = model->rowCount();
    m_server->pushNotification(userId, QStringLiteral("system"), QStringLiteral("marker"),
                               QString());
    return QTest::qWaitFor([model, before] { return model->rowCount() > before; }, kWaitMs);
}

bool TestAppViewModels::clientMarker(AppSession &session, const QString &userId)
{
    const int before = m_server->receivedCount(userId, MessageType::NotificationUnreadCount);
    session.connection()->send(MessageType::NotificationUnreadCount, {});
    return QTest::qWaitFor(
            [&] {
                return m_server->receivedCount(userId, MessageType::NotificationUnreadCount)
                        > before;
            },
            kWaitMs);
}

bool TestAppViewModels::matchedDriver(AppSession &session)
{
    if (!signIn(session, QStringLiteral("d1"), QStringLiteral("driver")))
        return false;
    RideController *ride = session.ride();
    ride->goOnline();
    m_server->push(
            QStringLiteral("d1"), MessageType::MatchProposal,
            proposal(QStringLiteral("m1"), QStringLiteral("d1"), QStringLiteral("p1")).toJson());
    if (!QTest::qWaitFor([ride] { return ride->state() == RideController::Proposal; }, kWaitMs))
        return false;
    ride->accept();
    m_server->push(QStringLiteral("d1"), MessageType::MatchStatus,
                   status(QStringLiteral("m1"), QStringLiteral("accepted"), QStringLiteral("d1"),
                          QStringLiteral("p1"), QStringLiteral("r1"))
                           .toJson());
    return QTest::qWaitFor([ride] { return ride->state() == RideController::Matched; }, kWaitMs);
}

// --- sign-in ---

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

void TestAppViewModels::signInRefusesBadInput()
{
    auto session = makeSession(QStringLiteral("bad"));
    session->signIn(QStringLiteral("ftp://nope"), QStringLiteral("token"));
    QCOMPARE(session->stage(), AppSession::SignedOut);
    QVERIFY(!session->errorString().isEmpty());
    session->signIn(m_server->url().toString(), QStringLiteral("   "));
    QCOMPARE(session->stage(), AppSession::SignedOut);
    session->devSignIn(m_server->url().toString(), QStringLiteral("has space"),
                       QStringLiteral("driver"));
    QCOMPARE(session->stage(), AppSession::SignedOut);
    session->devSignIn(m_server->url().toString(), QStringLiteral("u1"), QStringLiteral("pilot"));
    QCOMPARE(session->stage(), AppSession::SignedOut);
    QCOMPARE(m_server->devTokenRequests(), 0);
    QCOMPARE(m_server->connectionCount(), 0);
}

void TestAppViewModels::devSignInUsesTheDevTokenEndpoint()
{
    auto session = makeSession(QStringLiteral("s"));
    QSignalSpy identity(session.get(), &AppSession::identityChanged);
    session->devSignIn(m_server->url().toString(), QStringLiteral("d1"), QStringLiteral("driver"));
    QCOMPARE(session->stage(), AppSession::SigningIn);
    QVERIFY(session->busy());
    QVERIFY(Test::waitUntilReady(*session));
    QCOMPARE(m_server->devTokenRequests(), 1);
    QCOMPARE(session->userId(), QStringLiteral("d1"));
    QCOMPARE(session->roleName(), QStringLiteral("driver"));
    QVERIFY(session->isDriver());
    QVERIFY(session->ride()->isDriver());
    QVERIFY(identity.count() >= 1);
    QVERIFY(session->errorString().isEmpty());
    // The form remembers the last server and user.
    QCOMPARE(session->lastUserId(), QStringLiteral("d1"));
    QCOMPARE(session->lastServerUrl(), m_server->url().toString());

    session->signOut();
    QCOMPARE(session->stage(), AppSession::SignedOut);
    QCOMPARE(session->connection()->state(), ConnectionManager::SignedOut);
    QVERIFY(session->userId().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, kWaitMs);
}

void TestAppViewModels::devSignInFallsBackToALocalToken()
{
    m_server->setDevTokenEndpoint(false);
    auto session = makeSession(QStringLiteral("s"));
    session->devSignIn(m_server->url().toString(), QStringLiteral("p9"),
                       QStringLiteral("passenger"), QStringLiteral("my-dev-secret"));
    QVERIFY(Test::waitUntilReady(*session));
    QCOMPARE(m_server->devTokenRequests(), 1);
    QCOMPARE(session->userId(), QStringLiteral("p9"));
    QVERIFY(!session->isDriver());
    // The token the server got is the one signed locally with the secret.
    const QString token = m_server->lastBearerToken();
    const QStringList parts = token.split(QLatin1Char('.'));
    QCOMPARE(parts.size(), 3);
    const QByteArray expected =
            QMessageAuthenticationCode::hash(
                    (parts.at(0) + QLatin1Char('.') + parts.at(1)).toLatin1(), "my-dev-secret",
                    QCryptographicHash::Sha256)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(parts.at(2).toLatin1(), expected);
}

void TestAppViewModels::devSignInWithoutEndpointOrSecretFails()
{
    m_server->setDevTokenEndpoint(false);
    auto session = makeSession(QStringLiteral("s"));
    session->devSignIn(m_server->url().toString(), QStringLiteral("p9"),
                       QStringLiteral("passenger"));
    QTRY_COMPARE_WITH_TIMEOUT(session->stage(), AppSession::SignedOut, kWaitMs);
    QVERIFY(session->errorString().contains(QLatin1String("--dev")));
    QCOMPARE(m_server->connectionCount(), 0);

    // Nothing listening at all: a different message.
    m_server->stop();
    session->devSignIn(m_server->url().toString(), QStringLiteral("p9"),
                       QStringLiteral("passenger"));
    QTRY_COMPARE_WITH_TIMEOUT(session->stage(), AppSession::SignedOut, kWaitMs);
    QVERIFY(session->errorString().contains(QLatin1String("Cannot reach")));
}

void TestAppViewModels::serverRefusalSignsOut()
{
    auto session = makeSession(QStringLiteral("s"));
    QVERIFY(signIn(*session, QStringLiteral("p1"), QStringLiteral("passenger")));
    // Positive marker for "no reconnect": a second session kicked afterwards with a retryable
    // code. Both use one fixed delay without jitter, so once the marker is back, a reconnect of
    // the first would have come before it.
    auto marker = makeSession(QStringLiteral("marker"));
    QVERIFY(signIn(*marker, QStringLiteral("p2"), QStringLiteral("passenger")));
    Client::ReconnectPolicy fixed;
    fixed.setStrategy(Client::ReconnectPolicy::Strategy::Fixed);
    fixed.setJitter(Client::ReconnectPolicy::Jitter::None);
    fixed.setBaseDelay(std::chrono::milliseconds(200));
    session->connection()->setReconnectPolicy(fixed);
    marker->connection()->setReconnectPolicy(fixed);
    QSignalSpy authenticated(m_server.get(), &FakeServer::clientAuthenticated);

    QSignalSpy byServer(session.get(), &AppSession::signedOutByServer);
    m_server->kick(QStringLiteral("p1"), CloseCode::AuthFailed, QStringLiteral("token revoked"));
    QTRY_COMPARE_WITH_TIMEOUT(session->stage(), AppSession::SignedOut, kWaitMs);
    QCOMPARE(byServer.count(), 1);
    QVERIFY(!session->errorString().isEmpty());
    QVERIFY(session->userId().isEmpty());
    // A terminal close: no reconnect.
    m_server->kick(QStringLiteral("p2"), CloseCode::ServerRestart);
    QTRY_COMPARE_WITH_TIMEOUT(authenticated.count(), 1, kWaitMs);
    QCOMPARE(authenticated.constFirst().constFirst().toString(), QStringLiteral("p2"));
    QCOMPARE(m_server->connectionCount(QStringLiteral("p1")), 0);
}

void TestAppViewModels::rememberedSessionRestoresOfflineFirst()
{
    const QString dir = QStringLiteral("remember");
    {
        auto session = makeSession(dir);
        // No keychain in the test environment: remembering needs the plain-text consent.
        session->devSignIn(m_server->url().toString(), QStringLiteral("p1"),
                           QStringLiteral("passenger"), {}, /*remember*/ true,
                           /*allowPlaintext*/ true);
        QVERIFY(Test::waitUntilReady(*session));
        QTRY_VERIFY_WITH_TIMEOUT(session->tokenStore()->hasPlaintextToken(), kWaitMs);
        m_server->pushNotification(QStringLiteral("p1"), QStringLiteral("ride_completed"),
                                   QStringLiteral("Ride completed"), QStringLiteral("Thanks"));
        QTRY_COMPARE_WITH_TIMEOUT(session->notifications()->rowCount(), 1, kWaitMs);
        QVERIFY(session->ride()->requestRide(point(kPickup), point(kDestination)));
        QTRY_COMPARE_WITH_TIMEOUT(
                m_server->receivedCount(QStringLiteral("p1"), MessageType::FinderUpdate), 1,
                kWaitMs);
        // The app quits without signing out.
    }
    m_server->stop();

    auto restarted = makeSession(dir);
    restarted->restoreSession();
    // Offline-first: signed in from the cache before any server answers.
    QTRY_COMPARE_WITH_TIMEOUT(restarted->stage(), AppSession::SignedIn, kWaitMs);
    QCOMPARE(restarted->userId(), QStringLiteral("p1"));
    QCOMPARE(restarted->notifications()->rowCount(), 1);
    QCOMPARE(restarted->ride()->state(), RideController::Searching);
    QVERIFY(restarted->connection()->state() != ConnectionManager::Connected);

    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(restarted->connection()->state(), ConnectionManager::Connected,
                              60000);
    QCOMPARE(restarted->userId(), QStringLiteral("p1"));

    // Signing out forgets the remembered token.
    restarted->signOut();
    QTRY_VERIFY_WITH_TIMEOUT(!restarted->tokenStore()->hasPlaintextToken(), kWaitMs);
}

// --- ride ---

void TestAppViewModels::driverRideFlow()
{
    auto session = makeSession(QStringLiteral("d"));
    QVERIFY(signIn(*session, QStringLiteral("d1"), QStringLiteral("driver")));
    RideController *ride = session->ride();
    QVERIFY(ride->isDriver());
    QCOMPARE(ride->state(), RideController::Idle);
    QVERIFY(!ride->ownLocation().isEmpty());
    ride->simulator()->setInterval(50);

    ride->goOnline();
    QCOMPARE(ride->state(), RideController::Online);
    QVERIFY(ride->online());
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::BeaconUpdate), 1, kWaitMs);
    const auto beacon = decode<BeaconUpdate>(
            m_server->received(QStringLiteral("d1"), MessageType::BeaconUpdate).last().payload);
    QVERIFY(beacon.ok());
    QVERIFY(beacon->isActive);
    QVERIFY(beacon->location.has_value());
    QTRY_VERIFY_WITH_TIMEOUT(!ride->busy(), kWaitMs);

    QSignalSpy attention(ride, &RideController::attentionRequested);
    m_server->push(
            QStringLiteral("d1"), MessageType::MatchProposal,
            proposal(QStringLiteral("m1"), QStringLiteral("d1"), QStringLiteral("p1")).toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Proposal, kWaitMs);
    QCOMPARE(attention.count(), 1);
    QCOMPARE(ride->partnerId(), QStringLiteral("p1"));
    QCOMPARE(ride->matchId(), QStringLiteral("m1"));
    QCOMPARE(ride->pickup().value(QStringLiteral("lat")).toDouble(), kPickup.lat);
    QCOMPARE(ride->proposalDistanceMeters(), 1200.0);
    QVERIFY(ride->proposalSecondsLeft() >= 14 && ride->proposalSecondsLeft() <= 15);
    QCOMPARE(ride->proposalTotalSeconds(), ride->proposalSecondsLeft());
    QVERIFY(ride->route().size() >= 3); // to the pickup, then to the destination
    const int before = ride->proposalSecondsLeft();
    QTRY_VERIFY_WITH_TIMEOUT(ride->proposalSecondsLeft() < before, 3000);

    ride->accept();
    QVERIFY(ride->busy());
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::MatchConfirm), 1, kWaitMs);
    const auto confirm = decode<MatchConfirm>(
            m_server->received(QStringLiteral("d1"), MessageType::MatchConfirm).last().payload);
    QVERIFY(confirm->accepted);
    QCOMPARE(confirm->matchId, QStringLiteral("m1"));
    // Still waiting for the server's match_status, not just the ack (answered before the
    // marker).
    QVERIFY(serverMarker(*session, QStringLiteral("d1")));
    QCOMPARE(ride->state(), RideController::Proposal);

    m_server->push(QStringLiteral("d1"), MessageType::MatchStatus,
                   status(QStringLiteral("m1"), QStringLiteral("accepted"), QStringLiteral("d1"),
                          QStringLiteral("p1"), QStringLiteral("r1"))
                           .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Matched, kWaitMs);
    QVERIFY(!ride->busy());
    QCOMPARE(ride->rideId(), QStringLiteral("r1"));
    QVERIFY(ride->hasPartner());
    // The chat follows the match.
    QCOMPARE(session->chat()->matchId(), QStringLiteral("m1"));
    QCOMPARE(session->chat()->partnerId(), QStringLiteral("p1"));
    QVERIFY(session->chat()->available());
    // The simulated car drives to the pickup and the position goes to the server live.
    QTRY_VERIFY_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::LocationUpdate) >= 1,
            kWaitMs);
    QVERIFY(ride->simulator()->isDriving());
    QVERIFY(ride->route().size() >= 2);
    QVERIFY(ride->etaSeconds() > 0);

    ride->startRide();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedCount(QStringLiteral("d1"), MessageType::RideStart),
                              1, kWaitMs);
    QCOMPARE(
            decode<RideStart>(
                    m_server->received(QStringLiteral("d1"), MessageType::RideStart).last().payload)
                    ->rideId,
            QStringLiteral("r1"));
    m_server->push(
            QStringLiteral("d1"), MessageType::RidePickup,
            RidePickup {QStringLiteral("r1"), QStringLiteral("d1"), QStringLiteral("p1"), now()}
                    .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::OnRide, kWaitMs);

    ride->arrive();
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::RideArrived), 1, kWaitMs);
    PaymentRequest pay;
    pay.rideId = QStringLiteral("r1");
    pay.distanceMeters = 5400;
    pay.fare = 18500;
    m_server->push(QStringLiteral("d1"), MessageType::PaymentRequest, pay.toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::AwaitingPayment, kWaitMs);
    QCOMPARE(ride->fare(), 18500);
    QCOMPARE(ride->rideDistanceMeters(), 5400.0);
    QCOMPARE(ride->currency(), QStringLiteral("IDR"));

    m_server->push(QStringLiteral("d1"), MessageType::RideCompleted,
                   RideCompleted {QStringLiteral("r1"), 18500, 5400, now(), {}}.toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Completed, kWaitMs);
    QVERIFY(session->chat()->available()); // still there to read on the completed screen

    const int beacons = m_server->receivedCount(QStringLiteral("d1"), MessageType::BeaconUpdate);
    ride->finish();
    QCOMPARE(ride->state(), RideController::Online);
    QVERIFY(ride->rideId().isEmpty());
    QVERIFY(!session->chat()->available());
    // Available again: the matcher hears where the driver is now.
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::BeaconUpdate), beacons + 1,
            kWaitMs);

    ride->goOffline();
    QCOMPARE(ride->state(), RideController::Idle);
    QTRY_VERIFY_WITH_TIMEOUT(!decode<BeaconUpdate>(m_server->received(QStringLiteral("d1"),
                                                                      MessageType::BeaconUpdate)
                                                           .last()
                                                           .payload)
                                      ->isActive,
                             kWaitMs);
}

void TestAppViewModels::driverProposalExpiresLocally()
{
    auto session = makeSession(QStringLiteral("d"));
    QVERIFY(signIn(*session, QStringLiteral("d1"), QStringLiteral("driver")));
    RideController *ride = session->ride();
    ride->goOnline();
    m_server->push(QStringLiteral("d1"), MessageType::MatchProposal,
                   proposal(QStringLiteral("m1"), QStringLiteral("d1"), QStringLiteral("p1"), 1500)
                           .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Proposal, kWaitMs);
    QVERIFY(ride->proposalSecondsLeft() <= 2);
    // No answer in time: back to available, with the reason, and no dead Accept button.
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Online, 5000);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("expired"));
    QVERIFY(ride->matchId().isEmpty());
    QCOMPARE(m_server->receivedCount(QStringLiteral("d1"), MessageType::MatchConfirm), 0);
    // The server's own expiry notice afterwards changes nothing.
    m_server->push(QStringLiteral("d1"), MessageType::MatchStatus,
                   status(QStringLiteral("m1"), QStringLiteral("expired"), QStringLiteral("d1"),
                          QStringLiteral("p1"))
                           .toJson());
    QVERIFY(serverMarker(*session, QStringLiteral("d1")));
    QCOMPARE(ride->state(), RideController::Online);
}

void TestAppViewModels::driverRefusedConfirmReturnsToOnline()
{
    m_server->setHandler([](const QString &, const Envelope &request) -> std::optional<Envelope> {
        if (request.type != MessageType::MatchConfirm)
            return std::nullopt;
        return Envelope::errorReply(
                {},
                ProtocolError::make(ErrorCode::Conflict, QStringLiteral("the proposal moved on")));
    });
    auto session = makeSession(QStringLiteral("d"));
    QVERIFY(signIn(*session, QStringLiteral("d1"), QStringLiteral("driver")));
    RideController *ride = session->ride();
    ride->goOnline();
    m_server->push(
            QStringLiteral("d1"), MessageType::MatchProposal,
            proposal(QStringLiteral("m1"), QStringLiteral("d1"), QStringLiteral("p1")).toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Proposal, kWaitMs);
    ride->accept();
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Online, kWaitMs);
    QCOMPARE(ride->lastErrorCode(), QStringLiteral("CONFLICT"));
    QCOMPARE(ride->lastError(), QStringLiteral("the proposal moved on"));
    QVERIFY(!ride->busy());
    ride->clearError();
    QVERIFY(ride->lastError().isEmpty());
}

void TestAppViewModels::driverSeesPassengerCancel()
{
    auto session = makeSession(QStringLiteral("d"));
    QVERIFY(matchedDriver(*session));
    RideController *ride = session->ride();
    const int beacons = m_server->receivedCount(QStringLiteral("d1"), MessageType::BeaconUpdate);
    m_server->push(QStringLiteral("d1"), MessageType::MatchStatus,
                   status(QStringLiteral("m1"), QStringLiteral("cancelled"), QStringLiteral("d1"),
                          QStringLiteral("p1"), QStringLiteral("r1"))
                           .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Online, kWaitMs);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("cancelled"));
    QVERIFY(!ride->simulator()->isDriving());
    QTRY_VERIFY_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::BeaconUpdate) > beacons,
            kWaitMs);
}

void TestAppViewModels::passengerRideFlow()
{
    auto session = makeSession(QStringLiteral("p"));
    QVERIFY(signIn(*session, QStringLiteral("p1"), QStringLiteral("passenger")));
    RideController *ride = session->ride();
    QVERIFY(!ride->isDriver());
    QVERIFY(!ride->requestRide(QVariantMap(), point(kDestination)));
    QVERIFY(!ride->requestRide(point({91, 0}), point(kDestination)));
    QCOMPARE(ride->state(), RideController::Idle);

    QVERIFY(ride->requestRide(point(kPickup), point(kDestination)));
    QCOMPARE(ride->state(), RideController::Searching);
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("p1"), MessageType::FinderUpdate), 1, kWaitMs);
    const auto finder = decode<FinderUpdate>(
            m_server->received(QStringLiteral("p1"), MessageType::FinderUpdate).last().payload);
    QVERIFY(finder->isActive);
    QCOMPARE(finder->pickup, kPickup);
    QCOMPARE(finder->destination, kDestination);
    QVERIFY(ride->route().size() >= 2); // preview pickup -> destination

    m_server->push(
            QStringLiteral("p1"), MessageType::MatchProposal,
            proposal(QStringLiteral("m1"), QStringLiteral("d9"), QStringLiteral("p1")).toJson());
    QTRY_VERIFY_WITH_TIMEOUT(ride->driverFound(), kWaitMs);
    QCOMPARE(ride->partnerId(), QStringLiteral("d9"));
    QCOMPARE(ride->state(), RideController::Searching);

    // That driver declined: the server looks for the next one.
    m_server->push(QStringLiteral("p1"), MessageType::MatchStatus,
                   status(QStringLiteral("m1"), QStringLiteral("rejected"), QStringLiteral("d9"),
                          QStringLiteral("p1"))
                           .toJson());
    QTRY_VERIFY_WITH_TIMEOUT(!ride->driverFound(), kWaitMs);
    QCOMPARE(ride->state(), RideController::Searching);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("rejected"));

    m_server->push(
            QStringLiteral("p1"), MessageType::MatchProposal,
            proposal(QStringLiteral("m1"), QStringLiteral("d2"), QStringLiteral("p1")).toJson());
    QTRY_VERIFY_WITH_TIMEOUT(ride->driverFound(), kWaitMs);
    QSignalSpy attention(ride, &RideController::attentionRequested);
    m_server->push(QStringLiteral("p1"), MessageType::MatchStatus,
                   status(QStringLiteral("m1"), QStringLiteral("accepted"), QStringLiteral("d2"),
                          QStringLiteral("p1"), QStringLiteral("r1"))
                           .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Matched, kWaitMs);
    QCOMPARE(attention.count(), 1);
    QCOMPARE(ride->partnerId(), QStringLiteral("d2"));
    QCOMPARE(ride->rideId(), QStringLiteral("r1"));
    QVERIFY(ride->lastOutcome().isEmpty());
    QCOMPARE(session->chat()->matchId(), QStringLiteral("m1"));

    // Presence: the driver who just accepted counts as online until told otherwise.
    QVERIFY(ride->partnerOnline());
    m_server->push(QStringLiteral("p1"), MessageType::UserOffline,
                   UserOffline {QStringLiteral("d2"), now()}.toJson(), false);
    QTRY_VERIFY_WITH_TIMEOUT(!ride->partnerOnline(), kWaitMs);
    m_server->push(QStringLiteral("p1"), MessageType::UserOnline,
                   UserOnline {QStringLiteral("d2"), now()}.toJson(), false);
    QTRY_VERIFY_WITH_TIMEOUT(ride->partnerOnline(), kWaitMs);
    LocationUpdate location;
    location.location = {-6.1700, 106.8300};
    location.rideId = QStringLiteral("r1");
    location.driverId = QStringLiteral("d2");
    location.timestamp = now();
    m_server->push(QStringLiteral("p1"), MessageType::LocationUpdate, location.toJson(), false);
    QTRY_COMPARE_WITH_TIMEOUT(ride->partnerLocation().value(QStringLiteral("lat")).toDouble(),
                              -6.17, kWaitMs);
    QVERIFY(ride->route().size() >= 2);
    QVERIFY(ride->remainingMeters() > 500);
    // Another driver's position is not ours to show.
    location.driverId = QStringLiteral("d9");
    location.location = {-6.0, 106.0};
    m_server->push(QStringLiteral("p1"), MessageType::LocationUpdate, location.toJson(), false);
    QVERIFY(serverMarker(*session, QStringLiteral("p1")));
    QCOMPARE(ride->partnerLocation().value(QStringLiteral("lat")).toDouble(), -6.17);
    m_server->push(QStringLiteral("p1"), MessageType::UserOffline,
                   UserOffline {QStringLiteral("d2"), now()}.toJson(), false);
    QTRY_VERIFY_WITH_TIMEOUT(!ride->partnerOnline(), kWaitMs);

    m_server->push(
            QStringLiteral("p1"), MessageType::RidePickup,
            RidePickup {QStringLiteral("r1"), QStringLiteral("d2"), QStringLiteral("p1"), now()}
                    .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::OnRide, kWaitMs);
    PaymentRequest request;
    request.rideId = QStringLiteral("r1");
    request.distanceMeters = 6000;
    request.fare = 20000;
    m_server->push(QStringLiteral("p1"), MessageType::PaymentRequest, request.toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::AwaitingPayment, kWaitMs);
    QCOMPARE(ride->fare(), 20000);

    ride->pay(QStringLiteral("wallet"));
    QVERIFY(ride->busy());
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("p1"), MessageType::PaymentProcess), 1, kWaitMs);
    const auto payment = decode<PaymentProcess>(
            m_server->received(QStringLiteral("p1"), MessageType::PaymentProcess).last().payload);
    QCOMPARE(payment->rideId, QStringLiteral("r1"));
    QCOMPARE(payment->amount, 20000);
    QCOMPARE(payment->method, QStringLiteral("wallet"));
    m_server->push(QStringLiteral("p1"), MessageType::RideCompleted,
                   RideCompleted {QStringLiteral("r1"), 20000, 6000, now(), {}}.toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Completed, kWaitMs);
    QVERIFY(!ride->busy());
    ride->finish();
    QCOMPARE(ride->state(), RideController::Idle);
    QVERIFY(ride->rideId().isEmpty());
}

void TestAppViewModels::passengerNoDriverAndCancel()
{
    auto session = makeSession(QStringLiteral("p"));
    QVERIFY(signIn(*session, QStringLiteral("p1"), QStringLiteral("passenger")));
    RideController *ride = session->ride();

    QVERIFY(ride->requestRide(point(kPickup), point(kDestination)));
    m_server->push(
            QStringLiteral("p1"), MessageType::MatchStatus,
            status(QStringLiteral("m1"), QStringLiteral("no_driver"), {}, QStringLiteral("p1"))
                    .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Idle, kWaitMs);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("no_driver"));

    // Cancel while the driver is on the way.
    QVERIFY(ride->requestRide(point(kPickup), point(kDestination)));
    QVERIFY(ride->lastOutcome().isEmpty());
    m_server->push(QStringLiteral("p1"), MessageType::MatchStatus,
                   status(QStringLiteral("m2"), QStringLiteral("accepted"), QStringLiteral("d1"),
                          QStringLiteral("p1"), QStringLiteral("r2"))
                           .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::Matched, kWaitMs);
    ride->cancel();
    QCOMPARE(ride->state(), RideController::Idle);
    QCOMPARE(ride->lastOutcome(), QStringLiteral("cancelled"));
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("p1"), MessageType::FinderUpdate), 3, kWaitMs);
    QVERIFY(!decode<FinderUpdate>(
                     m_server->received(QStringLiteral("p1"), MessageType::FinderUpdate)
                             .last()
                             .payload)
                     ->isActive);
    QVERIFY(!session->chat()->available());
}

void TestAppViewModels::rideStateSurvivesRestart()
{
    {
        auto session = makeSession(QStringLiteral("d"));
        QVERIFY(matchedDriver(*session));
        session->ride()->startRide();
        m_server->push(
                QStringLiteral("d1"), MessageType::RidePickup,
                RidePickup {QStringLiteral("r1"), QStringLiteral("d1"), QStringLiteral("p1"), now()}
                        .toJson());
        QTRY_COMPARE_WITH_TIMEOUT(session->ride()->state(), RideController::OnRide, kWaitMs);
    }
    // The app restarts: the ride is back, and an event missed while it was closed is replayed.
    PaymentRequest request;
    request.rideId = QStringLiteral("r1");
    request.distanceMeters = 3000;
    request.fare = 12500;
    m_server->push(QStringLiteral("d1"), MessageType::PaymentRequest, request.toJson());

    auto session = makeSession(QStringLiteral("d"));
    session->devSignIn(m_server->url().toString(), QStringLiteral("d1"), QStringLiteral("driver"));
    QVERIFY(Test::waitUntilReady(*session));
    RideController *ride = session->ride();
    QCOMPARE(ride->rideId(), QStringLiteral("r1"));
    QCOMPARE(ride->partnerId(), QStringLiteral("p1"));
    QVERIFY(ride->online());
    QTRY_COMPARE_WITH_TIMEOUT(ride->state(), RideController::AwaitingPayment, kWaitMs);
    QCOMPARE(ride->fare(), 12500);
    QCOMPARE(session->chat()->matchId(), QStringLiteral("m1"));
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
    const QString user = QStringLiteral("p1");
    const qint64 first = m_server->pushNotification(
            user, QStringLiteral("match_found"), QStringLiteral("Driver found"),
            QStringLiteral("budi is on the way"), now() - 60000, true);
    const qint64 second = m_server->pushNotification(user, QStringLiteral("ride_started"),
                                                     QStringLiteral("Ride started"),
                                                     QStringLiteral("Enjoy"), now() - 30000);
    const qint64 third = m_server->pushNotification(user, QStringLiteral("payment_requested"),
                                                    QStringLiteral("Payment requested"),
                                                    QStringLiteral("Rp 12,500"));
    auto session = makeSession(QStringLiteral("p"));
    QVERIFY(signIn(*session, user, QStringLiteral("passenger")));
    NotificationModel *model = session->notifications();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, kWaitMs);
    // Newest first.
    QCOMPARE(model->get(0).value(QStringLiteral("notificationId")).toLongLong(), third);
    QCOMPARE(model->get(1).value(QStringLiteral("notificationId")).toLongLong(), second);
    QCOMPARE(model->get(2).value(QStringLiteral("notificationId")).toLongLong(), first);
    QCOMPARE(model->get(2).value(QStringLiteral("read")).toBool(), true);
    QCOMPARE(model->unreadCount(), 2);

    model->markRead(second);
    QCOMPARE(model->unreadCount(), 1);
    QCOMPARE(model->get(1).value(QStringLiteral("read")).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedCount(user, MessageType::NotificationMarkRead), 1,
                              kWaitMs);
    const auto mark = decode<NotificationMarkRead>(
            m_server->received(user, MessageType::NotificationMarkRead).last().payload);
    QCOMPARE(mark->ids, QList<qint64> {second});
    model->markRead(second); // already read: nothing sent
    QVERIFY(clientMarker(*session, user));
    QCOMPARE(m_server->receivedCount(user, MessageType::NotificationMarkRead), 1);

    // A new one arrives live at the top.
    QSignalSpy arrived(model, &NotificationModel::notificationArrived);
    const qint64 fourth = m_server->pushNotification(user, QStringLiteral("ride_completed"),
                                                     QStringLiteral("Ride completed"), QString());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, kWaitMs);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(model->get(0).value(QStringLiteral("notificationId")).toLongLong(), fourth);
    QCOMPARE(model->unreadCount(), 2);

    model->markAllRead();
    QCOMPARE(model->unreadCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedCount(user, MessageType::NotificationMarkAllRead),
                              1, kWaitMs);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY(model->get(row).value(QStringLiteral("read")).toBool());

    // Persisted: another model on the same cache file has it all without a server.
    NotificationModel cached(nullptr);
    cached.setCacheFile(m_dir->filePath(QStringLiteral("p/users/p1/notifications.json")));
    QCOMPARE(cached.rowCount(), 4);
    QCOMPARE(cached.unreadCount(), 0);
    QCOMPARE(cached.get(0).value(QStringLiteral("notificationId")).toLongLong(), fourth);
}

void TestAppViewModels::desktopNotificationOnlyWhenInactive()
{
    auto session = makeSession(QStringLiteral("p"));
    QVERIFY(signIn(*session, QStringLiteral("p1"), QStringLiteral("passenger")));
    NotificationModel *model = session->notifications();
    QSignalSpy desktop(model, &NotificationModel::desktopNotificationRequested);
    QSignalSpy arrived(model, &NotificationModel::notificationArrived);

    session->setApplicationActive(true);
    m_server->pushNotification(QStringLiteral("p1"), QStringLiteral("match_found"),
                               QStringLiteral("Driver found"), {});
    QTRY_COMPARE_WITH_TIMEOUT(arrived.count(), 1, kWaitMs);
    QCOMPARE(desktop.count(), 0);

    session->setApplicationActive(false);
    m_server->pushNotification(QStringLiteral("p1"), QStringLiteral("ride_started"),
                               QStringLiteral("Ride started"), QStringLiteral("Enjoy the ride"));
    QTRY_COMPARE_WITH_TIMEOUT(desktop.count(), 1, kWaitMs);
    QCOMPARE(desktop.last().at(1).toString(), QStringLiteral("ride_started"));
    QCOMPARE(desktop.last().at(2).toString(), QStringLiteral("Ride started"));
    QCOMPARE(desktop.last().at(3).toString(), QStringLiteral("Enjoy the ride"));
    QCOMPARE(model->unreadCount(), 2);
}

// --- chat ---

void TestAppViewModels::chatSendReadAndTyping()
{
    auto session = makeSession(QStringLiteral("d"));
    QVERIFY(matchedDriver(*session));
    ChatModel *chat = session->chat();
    chat->setPartnerTypingTimeout(500);
    QVERIFY(!chat->send(QStringLiteral("   ")));
    QVERIFY(!chat->send(QString(ChatModel::kMaxBodyLength + 1, QLatin1Char('x'))));

    // Typing goes out once, not per keystroke.
    chat->setTyping(true);
    chat->setTyping(true);
    chat->setTyping(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedCount(QStringLiteral("d1"), MessageType::Typing), 1,
                              kWaitMs);
    QVERIFY(decode<Typing>(
                    m_server->received(QStringLiteral("d1"), MessageType::Typing).last().payload)
                    ->isTyping);

    // Sending ends "typing" and shows the message at once as pending.
    m_server->setAutoReply(false);
    QVERIFY(chat->send(QStringLiteral("On my way")));
    QCOMPARE(chat->rowCount(), 1);
    const QModelIndex row = chat->index(0);
    QCOMPARE(row.data(ChatModel::StatusRole).toInt(), int(ChatModel::Pending));
    QCOMPARE(row.data(ChatModel::MineRole).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::MessageSend), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedCount(QStringLiteral("d1"), MessageType::Typing), 2,
                              kWaitMs);
    QVERIFY(!decode<Typing>(
                     m_server->received(QStringLiteral("d1"), MessageType::Typing).last().payload)
                     ->isTyping);
    const auto sent = decode<MessageSend>(
            m_server->received(QStringLiteral("d1"), MessageType::MessageSend).last().payload);
    QCOMPARE(sent->matchId, QStringLiteral("m1"));
    QCOMPARE(sent->body, QStringLiteral("On my way"));

    // The server stores it: sent ✓ with the server id.
    MessageSent stored {sent->tempId, QStringLiteral("msg-1"), QStringLiteral("m1"), now()};
    m_server->push(QStringLiteral("d1"), MessageType::MessageSent, stored.toJson(), false);
    QTRY_COMPARE_WITH_TIMEOUT(chat->index(0).data(ChatModel::StatusRole).toInt(),
                              int(ChatModel::Sent), kWaitMs);
    QCOMPARE(chat->index(0).data(ChatModel::MessageIdRole).toString(), QStringLiteral("msg-1"));

    // The partner read it: ✓✓.
    ReadUpdate read {QStringLiteral("m1"), {QStringLiteral("msg-1")}, QStringLiteral("p1"), now()};
    m_server->push(QStringLiteral("d1"), MessageType::ReadUpdate, read.toJson());
    QTRY_COMPARE_WITH_TIMEOUT(chat->index(0).data(ChatModel::StatusRole).toInt(),
                              int(ChatModel::Read), kWaitMs);

    // The partner types, then it fades if no "stopped typing" comes.
    m_server->push(QStringLiteral("d1"), MessageType::Typing,
                   Typing {QStringLiteral("m1"), true, QStringLiteral("p1")}.toJson(), false);
    QTRY_VERIFY_WITH_TIMEOUT(chat->partnerTyping(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!chat->partnerTyping(), 3000);
    // Typing in another conversation is not this one's.
    m_server->push(QStringLiteral("d1"), MessageType::Typing,
                   Typing {QStringLiteral("m-other"), true, QStringLiteral("p1")}.toJson(), false);
    QVERIFY(serverMarker(*session, QStringLiteral("d1")));
    QVERIFY(!chat->partnerTyping());
}

void TestAppViewModels::chatIgnoresDuplicatesAndMarksReadWhenActive()
{
    auto session = makeSession(QStringLiteral("d"));
    QVERIFY(matchedDriver(*session));
    ChatModel *chat = session->chat();
    QSignalSpy arrived(chat, &ChatModel::messageArrived);
    MessageNew incoming {QStringLiteral("msg-7"), QStringLiteral("m1"), QStringLiteral("p1"),
                         QStringLiteral("I'm at the lobby"), now()};
    m_server->push(QStringLiteral("d1"), MessageType::MessageNew, incoming.toJson());
    QTRY_COMPARE_WITH_TIMEOUT(chat->rowCount(), 1, kWaitMs);
    QCOMPARE(chat->unreadCount(), 1);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(chat->index(0).data(ChatModel::MineRole).toBool(), false);
    // The same message again (a retransmission) is not a second message.
    m_server->push(QStringLiteral("d1"), MessageType::MessageNew, incoming.toJson());
    QVERIFY(serverMarker(*session, QStringLiteral("d1")));
    QCOMPARE(chat->rowCount(), 1);

    // Opening the conversation marks it read, up to that message.
    chat->setActive(true);
    QCOMPARE(chat->unreadCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::MessageRead), 1, kWaitMs);
    const auto read = decode<MessageRead>(
            m_server->received(QStringLiteral("d1"), MessageType::MessageRead).last().payload);
    QCOMPARE(read->matchId, QStringLiteral("m1"));
    QCOMPARE(read->upToMessageId, QStringLiteral("msg-7"));

    // While on screen, new ones are read at once and raise no toast.
    m_server->push(QStringLiteral("d1"), MessageType::MessageNew,
                   MessageNew {QStringLiteral("msg-8"), QStringLiteral("m1"), QStringLiteral("p1"),
                               QStringLiteral("Blue jacket"), now()}
                           .toJson());
    QTRY_COMPARE_WITH_TIMEOUT(
            m_server->receivedCount(QStringLiteral("d1"), MessageType::MessageRead), 2, kWaitMs);
    QCOMPARE(chat->unreadCount(), 0);
    QCOMPARE(arrived.count(), 1);
}

void TestAppViewModels::chatQueuedWhileServerDownIsDeliveredOnce()
{
    auto session = makeSession(QStringLiteral("d"));
    QVERIFY(matchedDriver(*session));
    ChatModel *chat = session->chat();
    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(session->connection()->state() != ConnectionManager::Connected,
                             kWaitMs);

    QVERIFY(chat->send(QStringLiteral("Stuck in traffic, 2 minutes")));
    QCOMPARE(chat->index(0).data(ChatModel::StatusRole).toInt(), int(ChatModel::Pending));
    // A reconnect attempt after the send failed (the marker): the message is still pending,
    // neither sent nor given up.
    const int attempt = session->connection()->reconnectAttempt();
    QTRY_VERIFY_WITH_TIMEOUT(session->connection()->reconnectAttempt() > attempt, kWaitMs);
    QCOMPARE(chat->index(0).data(ChatModel::StatusRole).toInt(), int(ChatModel::Pending));

    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(session->connection()->state(), ConnectionManager::Connected, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(chat->index(0).data(ChatModel::StatusRole).toInt(),
                              int(ChatModel::Sent), kWaitMs);
    QVERIFY(clientMarker(*session, QStringLiteral("d1")));
    QCOMPARE(m_server->receivedCount(QStringLiteral("d1"), MessageType::MessageSend), 1);
    QCOMPARE(chat->rowCount(), 1);
}

QTEST_GUILESS_MAIN(TestAppViewModels)
#include "tst_app_viewmodels.moc"
