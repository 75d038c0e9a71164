// SPDX-License-Identifier: MIT
// End to end: the real nebengjek-server (--dev, SQLite in a temporary directory) and two real
// AppSessions — the app core without a window — a driver and a passenger. Dev sign-in through
// /dev/token, a whole ride with live location and a chat with read receipts and typing; in the
// middle of the ride the server is killed (SIGKILL) and restarted on the same data directory
// while both users keep acting: the sessions reconnect and resume, and what was queued while
// the server was down is delivered exactly once.
#include "apptestsupport.h"

#include "connection/connectionmanager.h"
#include "models/appsession.h"
#include "models/chatmodel.h"
#include "models/notificationmodel.h"
#include "models/ridecontroller.h"
#include "models/routesimulator.h"

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace NebengJek;
using Client::AppSession;
using Client::ChatModel;
using Client::ConnectionManager;
using Client::RideController;
using Test::kWaitMs;

namespace {

// Process start and reconnect backoff on a loaded CI machine.
constexpr int kStartTimeoutMs = 30000;
constexpr int kReconnectTimeoutMs = 90000;

const QVariantMap kPickup {{QStringLiteral("lat"), -6.1754}, {QStringLiteral("lng"), 106.8272}};
const QVariantMap kDestination {{QStringLiteral("lat"), -6.2244},
                                {QStringLiteral("lng"), 106.8296}};

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

int countMessages(const ChatModel *chat, const QString &body)
{
    int n = 0;
    for (int row = 0; row < chat->rowCount(); ++row) {
        if (chat->index(row).data(ChatModel::BodyRole).toString() == body)
            ++n;
    }
    return n;
}

int rowOf(const ChatModel *chat, const QString &body)
{
    for (int row = 0; row < chat->rowCount(); ++row) {
        if (chat->index(row).data(ChatModel::BodyRole).toString() == body)
            return row;
    }
    return -1;
}

} // namespace

class TestAppEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void wholeRideAndChatAcrossAServerRestart();

private:
    bool startServer(QString *error);
    void killServer();

    QString m_binary;
    QTemporaryDir m_dir;
    int m_port = 0;
    std::unique_ptr<QProcess> m_server;
};

void TestAppEndToEnd::initTestCase()
{
    Test::isolateFromDesktop();
    m_binary = QStringLiteral(NEBENGJEK_SERVER_BINARY);
    QVERIFY2(QFile::exists(m_binary), qPrintable(m_binary));
    QVERIFY(m_dir.isValid());
    m_port = freePort();
    QVERIFY(m_port > 0);
}

void TestAppEndToEnd::cleanupTestCase()
{
    if (m_server) {
        m_server->terminate();
        if (!m_server->waitForFinished(kStartTimeoutMs))
            m_server->kill();
        m_server->waitForFinished(5000);
    }
}

bool TestAppEndToEnd::startServer(QString *error)
{
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server->setStandardOutputFile(QProcess::nullDevice());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=false;*.info=false"));
    m_server->setProcessEnvironment(env);
    m_server->start(m_binary,
                    {QStringLiteral("--dev"), QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(m_port),
                     QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("server")),
                     // The proposal must not time out on a slow machine; presence settles fast.
                     QStringLiteral("--proposal-timeout"), QStringLiteral("60s"),
                     QStringLiteral("--presence-grace"), QStringLiteral("1s"),
                     // This case is about resume across a crash, not where the car is: the
                     // safety radii are app_ride_e2e's (the arrival tapped while the server
                     // is down is wherever the car got to).
                     QStringLiteral("--start-radius"), QStringLiteral("0"),
                     QStringLiteral("--arrive-radius"), QStringLiteral("0")});
    if (!m_server->waitForStarted(kStartTimeoutMs)) {
        *error = QStringLiteral("cannot start %1").arg(m_binary);
        return false;
    }
    const bool up = QTest::qWaitFor(
            [this] {
                if (m_server->state() != QProcess::Running)
                    return true;
                QTcpSocket probe;
                probe.connectToHost(QHostAddress::LocalHost, quint16(m_port));
                return probe.waitForConnected(200);
            },
            kStartTimeoutMs);
    if (!up || m_server->state() != QProcess::Running) {
        *error = QStringLiteral("the server did not come up (exit code %1)")
                         .arg(m_server->exitCode());
        return false;
    }
    return true;
}

void TestAppEndToEnd::killServer()
{
    m_server->kill(); // SIGKILL: no graceful close frames, nothing flushed
    m_server->waitForFinished(kStartTimeoutMs);
    m_server.reset();
}

void TestAppEndToEnd::wholeRideAndChatAcrossAServerRestart()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
    const QString url = QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port);

    AppSession driver(m_dir.filePath(QStringLiteral("driver-app")));
    AppSession passenger(m_dir.filePath(QStringLiteral("passenger-app")));
    driver.devSignIn(url, QStringLiteral("e2e-driver"), QStringLiteral("driver"));
    passenger.devSignIn(url, QStringLiteral("e2e-passenger"), QStringLiteral("passenger"));
    QVERIFY2(Test::waitUntilReady(driver), qPrintable(driver.errorString()));
    QVERIFY2(Test::waitUntilReady(passenger), qPrintable(passenger.errorString()));
    QCOMPARE(driver.userId(), QStringLiteral("e2e-driver"));
    QVERIFY(driver.isDriver());
    QVERIFY(!passenger.isDriver());

    RideController *d = driver.ride();
    RideController *p = passenger.ride();
    // The simulated car drives fast so the location relay and the fare have movement to see.
    d->simulator()->setInterval(200);
    d->simulator()->setSpeed(50);

    // --- matching ---
    d->goOnline();
    QTRY_VERIFY_WITH_TIMEOUT(!d->busy() && d->lastError().isEmpty(), kWaitMs);
    QTest::qWait(300); // the beacon is processed before the request
    QVERIFY(p->requestRide(kPickup, kDestination));
    QTRY_COMPARE_WITH_TIMEOUT(d->state(), RideController::Proposal, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(p->driverFound(), kWaitMs);
    QCOMPARE(d->partnerId(), QStringLiteral("e2e-passenger"));
    QCOMPARE(p->partnerId(), QStringLiteral("e2e-driver"));
    QVERIFY(d->proposalSecondsLeft() > 0);
    d->accept();
    QTRY_COMPARE_WITH_TIMEOUT(d->state(), RideController::Matched, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::Matched, kWaitMs);
    QVERIFY(!d->rideId().isEmpty());
    QCOMPARE(p->rideId(), d->rideId());
    QCOMPARE(p->matchId(), d->matchId());
    QTRY_VERIFY_WITH_TIMEOUT(p->partnerOnline(), kWaitMs);

    // Live location: the driver's simulated position reaches the passenger.
    QTRY_VERIFY_WITH_TIMEOUT(!p->partnerLocation().isEmpty(), kWaitMs);
    QVERIFY(p->route().size() >= 2);

    // --- chat ---
    ChatModel *dc = driver.chat();
    ChatModel *pc = passenger.chat();
    QCOMPARE(dc->matchId(), d->matchId());
    QCOMPARE(pc->matchId(), d->matchId());
    QVERIFY(pc->send(QStringLiteral("Hi, I'm at the main gate")));
    QTRY_COMPARE_WITH_TIMEOUT(pc->index(0).data(ChatModel::StatusRole).toInt(),
                              int(ChatModel::Sent), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(dc->rowCount(), 1, kWaitMs);
    QCOMPARE(dc->unreadCount(), 1);
    QCOMPARE(dc->index(0).data(ChatModel::MineRole).toBool(), false);
    dc->setTyping(true);
    QTRY_VERIFY_WITH_TIMEOUT(pc->partnerTyping(), kWaitMs);
    dc->setActive(true); // the driver opens the chat: read receipt to the passenger
    QCOMPARE(dc->unreadCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(pc->index(0).data(ChatModel::StatusRole).toInt(),
                              int(ChatModel::Read), kWaitMs);
    QVERIFY(dc->send(QStringLiteral("On my way")));
    QTRY_VERIFY_WITH_TIMEOUT(!pc->partnerTyping(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(pc->rowCount(), 2, kWaitMs);

    // --- the ride starts ---
    d->startRide();
    QTRY_COMPARE_WITH_TIMEOUT(d->state(), RideController::OnRide, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::OnRide, kWaitMs);
    QTest::qWait(1500); // some distance driven

    // --- the server dies mid-ride; both users keep going ---
    killServer();
    QTRY_VERIFY_WITH_TIMEOUT(driver.connection()->state() != ConnectionManager::Connected, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(passenger.connection()->state() != ConnectionManager::Connected,
                             kWaitMs);
    QCOMPARE(driver.stage(), AppSession::SignedIn); // a lost connection is not a sign-out
    QCOMPARE(passenger.stage(), AppSession::SignedIn);
    const QString queued = QStringLiteral("Are we there yet?");
    QVERIFY(pc->send(queued));
    QCOMPARE(pc->index(rowOf(pc, queued)).data(ChatModel::StatusRole).toInt(),
             int(ChatModel::Pending));
    d->arrive();
    QVERIFY(d->busy());
    QCOMPARE(d->state(), RideController::OnRide);

    QVERIFY2(startServer(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(driver.connection()->state(), ConnectionManager::Connected,
                              kReconnectTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(passenger.connection()->state(), ConnectionManager::Connected,
                              kReconnectTimeoutMs);

    // The queued arrival went through: both sides see the payment request.
    QTRY_COMPARE_WITH_TIMEOUT(d->state(), RideController::AwaitingPayment, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::AwaitingPayment, kWaitMs);
    QVERIFY(p->fare() >= 5000);
    QCOMPARE(d->fare(), p->fare());
    QVERIFY(p->rideDistanceMeters() > 0);
    // The queued chat message arrived exactly once and its sender sees it stored.
    QTRY_COMPARE_WITH_TIMEOUT(countMessages(dc, queued), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(pc->index(rowOf(pc, queued)).data(ChatModel::StatusRole).toInt(),
                              int(ChatModel::Read), kWaitMs); // the driver has the chat open
    // Positive marker: a message sent after it arrives, so a duplicate of the queued one
    // (sent before it on the same connection) would have arrived too.
    const QString marker = QStringLiteral("marker: nothing before me twice");
    QVERIFY(pc->send(marker));
    QTRY_COMPARE_WITH_TIMEOUT(countMessages(dc, marker), 1, kWaitMs);
    QCOMPARE(countMessages(dc, queued), 1);
    QCOMPARE(dc->rowCount(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(pc->rowCount(), 4, kWaitMs);

    // --- payment ---
    p->pay();
    QTRY_COMPARE_WITH_TIMEOUT(p->state(), RideController::Completed, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(d->state(), RideController::Completed, kWaitMs);
    QCOMPARE(d->fare(), p->fare());

    // The passenger's notification center saw the ride (match found, started, payment, done).
    QTRY_VERIFY_WITH_TIMEOUT(passenger.notifications()->rowCount() >= 4, kWaitMs);
    QVERIFY(passenger.notifications()->unreadCount() >= 1);
    passenger.notifications()->markAllRead();
    QCOMPARE(passenger.notifications()->unreadCount(), 0);
    // The server agrees: a reload sent after the mark-all (answered after it, same connection)
    // sets the count from the server's list.
    passenger.notifications()->refresh();
    QVERIFY(passenger.notifications()->loading());
    QTRY_VERIFY_WITH_TIMEOUT(!passenger.notifications()->loading(), kWaitMs);
    QCOMPARE(passenger.notifications()->unreadCount(), 0);

    d->finish();
    p->finish();
    QCOMPARE(d->state(), RideController::Online);
    QCOMPARE(p->state(), RideController::Idle);
    driver.signOut();
    passenger.signOut();
}

QTEST_GUILESS_MAIN(TestAppEndToEnd)
#include "tst_app_e2e.moc"
