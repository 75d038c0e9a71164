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

// The positive marker for "no offline came": a second driver/passenger pair whose driver leaves
// after the moment in question (create it once the pair under test has its ride, so its
// passenger is matched with its own driver). Grace timers have one interval and fire in the order
// they were started, so once the marker's passenger is told, any offline the hub had scheduled
// earlier would have been sent too.
class GraceMarker
{
public:
    explicit GraceMarker(HubHarness &h)
        : m_h(h)
        , m_driver(h.connect(QStringLiteral("marker-driver"), Role::Driver))
        , m_passenger(h.connect(QStringLiteral("marker-passenger"), Role::Passenger))
    {
        m_ok = !acceptRide(h, m_driver, m_passenger).rideId.isEmpty();
    }
    bool isReady() const { return m_ok; }
    void start() { m_h.disconnect(m_driver); }
    bool arrived() const { return m_h.count(m_passenger, MessageType::UserOffline) == 1; }

private:
    HubHarness &m_h;
    Client m_driver;
    Client m_passenger;
    bool m_ok = false;
};

void TestHubPresence::statusBulkOnConnect()
{
    HubHarness h;
    Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    // Nobody to know about yet: an empty bulk.
    QCOMPARE(bulkUsers(h.takeOne(driver, MessageType::StatusBulk)).size(), 0);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    QVERIFY(!acceptRide(h, driver, passenger).rideId.isEmpty());

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
    QVERIFY(!acceptRide(h, driver, passenger).rideId.isEmpty());
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
    QVERIFY(!acceptRide(h, driver, passenger).rideId.isEmpty());
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
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    QVERIFY(!acceptRide(h, driver, passenger).rideId.isEmpty());
    GraceMarker marker(h);
    QVERIFY(marker.isReady());
    // Back before the event loop ran: well within the grace period, however slow the machine.
    h.disconnect(driver);
    h.connect(QStringLiteral("d1"), Role::Driver);
    QVERIFY(h.take(passenger, MessageType::UserOnline).isEmpty());
    marker.start();
    QTRY_VERIFY_WITH_TIMEOUT(marker.arrived(), kTimeoutMs);
    QVERIFY(h.take(passenger, MessageType::UserOffline).isEmpty());
    QVERIFY(h.take(passenger, MessageType::UserOnline).isEmpty());
}

void TestHubPresence::multiDevice()
{
    HubHarness h;
    const Client phone = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, phone, passenger);
    QVERIFY(!ride.rideId.isEmpty());
    GraceMarker marker(h);
    QVERIFY(marker.isReady());
    const Client tablet = h.connect(QStringLiteral("d1"), Role::Driver);
    // Closing one of two devices is not going offline.
    h.disconnect(phone);
    marker.start();
    QTRY_VERIFY_WITH_TIMEOUT(marker.arrived(), kTimeoutMs);
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
    EXPECT_TYPE(h.request(passenger, MessageType::MessageSend,
                          {{QStringLiteral("match_id"), ride.matchId},
                           {QStringLiteral("temp_id"), QStringLiteral("t1")},
                           {QStringLiteral("body"), QStringLiteral("halo")}}),
                MessageType::MessageSent);
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
    QVERIFY(!acceptRide(h, driver, passenger).rideId.isEmpty());
    GraceMarker marker(h);
    QVERIFY(marker.isReady());
    const Envelope blocked = h.request(passenger, MessageType::UserBlock,
                                       {{QStringLiteral("user_id"), QStringLiteral("d1")}});
    EXPECT_TYPE(blocked, MessageType::Ack);
    QCOMPARE(blocked.payload.value(QStringLiteral("changed")).toBool(), true);
    h.disconnect(driver);
    marker.start();
    QTRY_VERIFY_WITH_TIMEOUT(marker.arrived(), kTimeoutMs);
    QVERIFY(h.take(passenger, MessageType::UserOffline).isEmpty());
    const Client driverAgain = h.connect(QStringLiteral("d1"), Role::Driver);
    QVERIFY(h.take(passenger, MessageType::UserOnline).isEmpty());
    QCOMPARE(bulkUsers(h.takeOne(driverAgain, MessageType::StatusBulk)).size(), 0);
}

QTEST_GUILESS_MAIN(TestHubPresence)
#include "tst_hub_presence.moc"
