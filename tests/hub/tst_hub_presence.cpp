// SPDX-License-Identifier: MIT
// Presence: who is told, status.bulk on connect, the grace period and several devices.
#include "hubtestsupport.h"

using namespace NebengJek;
using namespace NebengJek::Tests;
using Protocol::MessageType;
using Protocol::Role;

constexpr int kTimeoutMs = 10000;

class TestHubPresence : public QObject
{
    Q_OBJECT

private slots:
    void statusBulkOnConnect();
    void onlyPartnersAreTold();
    void offlineAfterGraceOnly();
    void reconnectWithinGraceIsInvisible();
    void multiDevice();
    void blockedUsersDoNotSeeEachOther();
};

static QJsonArray bulkUsers(const Envelope &e)
{
    return e.payload.value(QStringLiteral("users")).toArray();
}

void TestHubPresence::statusBulkOnConnect()
{
    HubHarness h;
    Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    // Nobody to know about yet: an empty bulk.
    QCOMPARE(bulkUsers(h.takeOne(driver, MessageType::StatusBulk)).size(), 0);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    acceptRide(h, driver, passenger);

    // The passenger reconnects on a second device: its bulk names the driver, online.
    const Client tablet = h.connect(QStringLiteral("p1"), Role::Passenger);
    const QJsonArray users = bulkUsers(h.takeOne(tablet, MessageType::StatusBulk));
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.at(0).toObject().value(QStringLiteral("user_id")).toString(),
             QStringLiteral("d1"));
    QCOMPARE(users.at(0).toObject().value(QStringLiteral("online")).toBool(), true);

    // After the driver has gone (grace passed), the bulk says offline with a last-seen time.
    h.disconnect(driver);
    QTRY_COMPARE_WITH_TIMEOUT(h.count(passenger, MessageType::UserOffline), 1, kTimeoutMs);
    const Client third = h.connect(QStringLiteral("p1"), Role::Passenger);
    const QJsonObject entry = bulkUsers(h.takeOne(third, MessageType::StatusBulk)).at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("online")).toBool(), false);
    QVERIFY(entry.value(QStringLiteral("last_seen")).toDouble() > 0);
}

void TestHubPresence::onlyPartnersAreTold()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const Client stranger = h.connect(QStringLiteral("x1"), Role::Passenger);
    acceptRide(h, driver, passenger);
    h.drop(stranger);

    // The driver's second device connects: already online, nobody is told again.
    const Client driverTablet = h.connect(QStringLiteral("d1"), Role::Driver);
    QVERIFY(h.take(passenger, MessageType::UserOnline).isEmpty());
    h.disconnect(driverTablet);

    // A stranger coming online is told to nobody; the driver reconnecting after being away is
    // told to the passenger only.
    h.disconnect(driver);
    QTRY_COMPARE_WITH_TIMEOUT(h.count(passenger, MessageType::UserOffline), 1, kTimeoutMs);
    h.take(passenger, MessageType::UserOffline);
    const Client driverAgain = h.connect(QStringLiteral("d1"), Role::Driver);
    const Envelope online = h.takeOne(passenger, MessageType::UserOnline);
    QCOMPARE(str(online, "user_id"), QStringLiteral("d1"));
    QVERIFY(online.payload.value(QStringLiteral("at")).toDouble() > 0);
    QCOMPARE(online.seq, qint64(0)); // ephemeral
    QVERIFY(h.take(stranger, MessageType::UserOnline).isEmpty());
    QVERIFY(h.take(stranger, MessageType::UserOffline).isEmpty());
    Q_UNUSED(driverAgain);
}

void TestHubPresence::offlineAfterGraceOnly()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    acceptRide(h, driver, passenger);
    QElapsedTimer timer;
    timer.start();
    h.disconnect(driver);
    QVERIFY(h.take(passenger, MessageType::UserOffline).isEmpty()); // not at once
    QTRY_VERIFY_WITH_TIMEOUT(!h.outbox().peek(passenger.connection).isEmpty(), kTimeoutMs);
    QVERIFY(timer.elapsed() >= h.config().presenceGraceMs - 20);
    const Envelope offline = h.takeOne(passenger, MessageType::UserOffline);
    QCOMPARE(str(offline, "user_id"), QStringLiteral("d1"));
    QVERIFY(offline.payload.value(QStringLiteral("last_seen")).toDouble() > 0);
}

void TestHubPresence::reconnectWithinGraceIsInvisible()
{
    Server::HubConfig config = HubHarness::fastConfig();
    config.presenceGraceMs = 3000; // the reconnect below must land inside it even when slow
    HubHarness h(config);
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    acceptRide(h, driver, passenger);
    h.disconnect(driver);
    QTest::qWait(100);
    h.connect(QStringLiteral("d1"), Role::Driver);
    QTest::qWait(config.presenceGraceMs + 300);
    QVERIFY(h.take(passenger, MessageType::UserOffline).isEmpty());
    QVERIFY(h.take(passenger, MessageType::UserOnline).isEmpty());
}

void TestHubPresence::multiDevice()
{
    HubHarness h;
    const Client phone = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, phone, passenger);
    const Client tablet = h.connect(QStringLiteral("d1"), Role::Driver);
    // Closing one of two devices is not going offline.
    h.disconnect(phone);
    QTest::qWait(h.config().presenceGraceMs * 2);
    QVERIFY(h.take(passenger, MessageType::UserOffline).isEmpty());
    // Closing the last one is, after the grace period.
    h.disconnect(tablet);
    QTRY_COMPARE_WITH_TIMEOUT(h.count(passenger, MessageType::UserOffline), 1, kTimeoutMs);
    h.take(passenger, MessageType::UserOffline);
    // Events reach every open device of a user.
    const Client a = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client b = h.connect(QStringLiteral("d1"), Role::Driver);
    h.drop(a);
    h.drop(b);
    h.request(passenger, MessageType::MessageSend,
              {{QStringLiteral("match_id"), ride.matchId},
               {QStringLiteral("temp_id"), QStringLiteral("t1")},
               {QStringLiteral("body"), QStringLiteral("halo")}});
    const QList<QByteArray> onA = h.outbox().rawFrames(a.connection);
    QCOMPARE(onA.size(), 1);
    QCOMPARE(onA, h.outbox().rawFrames(b.connection));
    QVERIFY(onA.constFirst().isSharedWith(h.outbox().rawFrames(b.connection).constFirst()));
}

void TestHubPresence::blockedUsersDoNotSeeEachOther()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    acceptRide(h, driver, passenger);
    h.request(passenger, MessageType::UserBlock,
              {{QStringLiteral("user_id"), QStringLiteral("d1")}});
    h.disconnect(driver);
    QTest::qWait(h.config().presenceGraceMs * 2);
    QVERIFY(h.take(passenger, MessageType::UserOffline).isEmpty());
    const Client driverAgain = h.connect(QStringLiteral("d1"), Role::Driver);
    QVERIFY(h.take(passenger, MessageType::UserOnline).isEmpty());
    QCOMPARE(bulkUsers(h.takeOne(driverAgain, MessageType::StatusBulk)).size(), 0);
}

QTEST_GUILESS_MAIN(TestHubPresence)
#include "tst_hub_presence.moc"
