// SPDX-License-Identifier: MIT
// Three real nebengjek-server processes on one PostgreSQL and one Redis (both real, started
// here): a ride and a chat across nodes, presence, notifications and a room across nodes,
// confirm racing the proposal timeout, Redis killed and restarted during traffic, and kill -9
// of a node mid-ride. The nodes start at once on an empty database (concurrent migrations).
#include "clusternodes.h"
#include "e2eharness.h"

#include <protocol/closecode.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace NebengJek;
using namespace E2e;
using NebengJek::Tests::ClusterNodes;

namespace {

constexpr int kMeshTimeoutMs = 30000;
constexpr int kProposalTimeoutMs = 700;

const Protocol::GeoPoint kFartherFromPickup {-6.2060, 106.8190};

// A ride request from kPickup, asked again while it ends in no_driver (as the app's user would):
// the last answer.
Envelope requestUntilProposed(WsClient *passenger)
{
    Envelope requested;
    // The answer says whether it worked.
    (void)QTest::qWaitFor(
            [&] {
                requested =
                        passenger->request(MessageType::FinderUpdate,
                                           {{QStringLiteral("pickup"), point(kPickup)},
                                            {QStringLiteral("destination"), point(kDestination)}});
                if (str(requested, "status") == QLatin1String("proposed"))
                    return true;
                QTest::qWait(50);
                return false;
            },
            kReplyTimeoutMs);
    return requested;
}

// match_status events of one match with the given status.
int statusCount(const Inbox &inbox, const QString &matchId, const char *status)
{
    int n = 0;
    for (const Envelope &e : inbox.ofType(MessageType::MatchStatus))
        n += str(e, "match_id") == matchId && str(e, "status") == QLatin1String(status) ? 1 : 0;
    return n;
}

} // namespace

class TestCluster : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void concurrentMigrationsFromThreeNodes();
    void rideAndChatAcrossNodes();
    void roomWithMembersOnThreeNodes();
    void confirmRacesProposalTimeout();
    void redisKilledAndRestarted();
    void replaceOldestAcrossNodes();
    void killDashNineOfPassengersNode();
    void postgresDown();

private:
    std::unique_ptr<WsClient> connectTo(int node, Inbox *inbox, const QString &userId,
                                        const QString &role);
    QString acceptedRide(WsClient *driver, Inbox *driverInbox, WsClient *passenger,
                         QString *matchId);
    // One end of a ride: the node, and where the client and its inbox go.
    struct Party
    {
        int node;
        Inbox *inbox;
        std::unique_ptr<WsClient> *client;
    };
    // `<prefix>-driver` and `<prefix>-passenger` connect to their nodes, the driver goes on
    // duty where the passenger's node sees it, and the passenger's request is accepted: the
    // ride's id, empty on failure.
    QString rideAcrossNodes(const QString &prefix, Party driver, Party passenger, QString *matchId);
    // The driver goes on duty near the pickup; true once node `node`'s matcher knows it.
    bool driverOnDutySeenBy(WsClient *driver, int node);

    std::unique_ptr<ClusterNodes> m_cluster;
};

void TestCluster::initTestCase()
{
    m_cluster = std::make_unique<ClusterNodes>(QStringLiteral(NEBENGJEK_SERVER_BINARY));
    QString error;
    const QStringList arguments {
            // Bursts must not trip the abuse limits; they are the gateway's tests.
            QStringLiteral("--rate-limit"),
            QStringLiteral("1000"),
            QStringLiteral("--user-rate-limit"),
            QStringLiteral("1000"),
            QStringLiteral("--user-rate-burst"),
            QStringLiteral("100000"),
            QStringLiteral("--rate-burst"),
            QStringLiteral("100000"),
            QStringLiteral("--retained-events-per-user"),
            QStringLiteral("10000"),
            QStringLiteral("--idempotency-window"),
            QStringLiteral("10000"),
            QStringLiteral("--proposal-timeout"),
            QStringLiteral("%1ms").arg(kProposalTimeoutMs),
            QStringLiteral("--presence-grace"),
            QStringLiteral("500ms"),
            QStringLiteral("--max-connections-per-user"),
            QStringLiteral("2")};
    QVERIFY2(m_cluster->start(3, arguments, &error), qPrintable(error));
    QVERIFY2(m_cluster->waitForMesh(kMeshTimeoutMs), "the nodes do not hear each other");
}

void TestCluster::cleanupTestCase()
{
    m_cluster.reset();
}

std::unique_ptr<WsClient> TestCluster::connectTo(int node, Inbox *inbox, const QString &userId,
                                                 const QString &role)
{
    inbox->dropDuplicates = true; // like the app: across nodes, resume may overlap live events
    auto client = std::make_unique<WsClient>(inbox);
    if (!client->open(m_cluster->port(node), ClusterNodes::token(userId, role))) {
        qWarning("could not connect as %s to node %d", qPrintable(userId), node + 1);
        return nullptr;
    }
    const Envelope done = client->request(
            MessageType::Resume, {{QStringLiteral("last_seq"), double(inbox->contiguousSeq())}});
    if (done.type != MessageType::ResumeDone) {
        qWarning("resume failed: %s", done.toJson().constData());
        return nullptr;
    }
    client->setResumeOnGap(true);
    return client;
}

void TestCluster::concurrentMigrationsFromThreeNodes()
{
    // All three nodes came up on the empty database at once (initTestCase); the schema is
    // complete and every migration was applied exactly once.
    const QString name = QStringLiteral("cluster-check");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_cluster->postgres().port());
        db.setUserName(QStringLiteral("postgres"));
        db.setDatabaseName(QStringLiteral("nebengjek_cluster"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT version), MAX(version)"
                                      " FROM schema_version")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), q.value(1).toInt());
        QCOMPARE(q.value(0).toInt(), q.value(2).toInt());
        QVERIFY(q.value(2).toInt() >= 6);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_cluster->healthStatus(i), QStringLiteral("Healthy"));
}

// Beacon on the driver's node, request on the passenger's node, confirm: the accepted ride.
QString TestCluster::acceptedRide(WsClient *driver, Inbox *driverInbox, WsClient *passenger,
                                  QString *matchId)
{
    const int proposalsBefore = int(driverInbox->ofType(MessageType::MatchProposal).size());
    // The passenger's node may not have heard of the driver's beacon yet.
    const Envelope requested = requestUntilProposed(passenger);
    if (str(requested, "status") != QLatin1String("proposed")) {
        qWarning("finder: %s", requested.toJson().constData());
        return {};
    }
    *matchId = str(requested, "match_id");
    if (!waitForCount(*driverInbox, MessageType::MatchProposal, proposalsBefore + 1))
        return {};
    const Envelope accepted = driver->request(
            MessageType::MatchConfirm,
            {{QStringLiteral("match_id"), *matchId}, {QStringLiteral("accepted"), true}});
    return str(accepted, "ride_id");
}

QString TestCluster::rideAcrossNodes(const QString &prefix, Party driver, Party passenger,
                                     QString *matchId)
{
    *driver.client = connectTo(driver.node, driver.inbox, prefix + QStringLiteral("-driver"),
                               QStringLiteral("driver"));
    *passenger.client =
            connectTo(passenger.node, passenger.inbox, prefix + QStringLiteral("-passenger"),
                      QStringLiteral("passenger"));
    // The passenger's node matches over the whole city: it must learn of the driver.
    if (!*driver.client || !*passenger.client
        || !driverOnDutySeenBy(driver.client->get(), passenger.node))
        return {};
    return acceptedRide(driver.client->get(), driver.inbox, passenger.client->get(), matchId);
}

bool TestCluster::driverOnDutySeenBy(WsClient *driver, int node)
{
    const Envelope answer = driver->request(MessageType::BeaconUpdate,
                                            {{QStringLiteral("is_active"), true},
                                             {QStringLiteral("lat"), kNearPickup.lat},
                                             {QStringLiteral("lng"), kNearPickup.lng}});
    if (answer.type != MessageType::Ack) {
        qWarning("beacon refused: %s", answer.toJson().constData());
        return false;
    }
    return QTest::qWaitFor(
            [&] { return m_cluster->metric(node, "nebengjek_matcher_available_drivers") >= 1; },
            kReplyTimeoutMs);
}

void TestCluster::rideAndChatAcrossNodes()
{
    Inbox driverInbox, passengerInbox;
    std::unique_ptr<WsClient> driver, passenger;
    QString matchId;
    const QString rideId = rideAcrossNodes(QStringLiteral("x-ride"), {0, &driverInbox, &driver},
                                           {1, &passengerInbox, &passenger}, &matchId);
    QVERIFY(!rideId.isEmpty());
    QVERIFY(waitForCount(passengerInbox, MessageType::MatchProposal, 1));
    QVERIFY(QTest::qWaitFor([&] { return statusCount(passengerInbox, matchId, "accepted") == 1; },
                            kReplyTimeoutMs));
    // A notification written on the driver's node reaches the passenger on theirs.
    QVERIFY(QTest::qWaitFor(
            [&] {
                for (const Envelope &e : passengerInbox.ofType(MessageType::NotificationNew)) {
                    const QJsonObject n =
                            e.payload.value(QStringLiteral("notification")).toObject();
                    if (n.value(QStringLiteral("kind")).toString() == QLatin1String("match_found"))
                        return true;
                }
                return false;
            },
            kReplyTimeoutMs));

    // Chat with typing and read receipts, each side on its own node.
    const Envelope sent =
            passenger->request(MessageType::MessageSend,
                               {{QStringLiteral("match_id"), matchId},
                                {QStringLiteral("temp_id"), QStringLiteral("t1")},
                                {QStringLiteral("body"), QStringLiteral("Saya pakai baju merah")}});
    VERIFY_TYPE(sent, MessageType::MessageSent);
    QVERIFY(waitForCount(driverInbox, MessageType::MessageNew, 1));
    QCOMPARE(str(driverInbox.ofType(MessageType::MessageNew).constFirst(), "message_id"),
             str(sent, "message_id"));
    driver->post(MessageType::Typing, {{QStringLiteral("match_id"), matchId}}, {});
    QVERIFY(waitForCount(passengerInbox, MessageType::Typing, 1));
    VERIFY_TYPE(driver->request(MessageType::MessageRead, {{QStringLiteral("match_id"), matchId}}),
                MessageType::ReadAck);
    QVERIFY(waitForCount(passengerInbox, MessageType::ReadUpdate, 1));

    // The ride: the location relay crosses nodes.
    driver->post(MessageType::LocationUpdate, point(kPickup), {});
    QVERIFY(waitForCount(passengerInbox, MessageType::LocationUpdate, 1));
    VERIFY_TYPE(driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}),
                MessageType::Ack);
    QVERIFY(waitForCount(passengerInbox, MessageType::RidePickup, 1));
    driver->post(MessageType::LocationUpdate, point({-6.2125, 106.8233}), {});
    driver->post(MessageType::LocationUpdate, point(kDestination), {});
    QVERIFY(waitForCount(passengerInbox, MessageType::LocationUpdate, 3));
    const Envelope arrived =
            driver->request(MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    VERIFY_TYPE(arrived, MessageType::Ack);
    QVERIFY(waitForCount(passengerInbox, MessageType::PaymentRequest, 1));
    const double fare = arrived.payload.value(QStringLiteral("fare")).toDouble();
    QVERIFY(fare > 5000);
    // Paid on the passenger's node, for a ride whose last change was on the driver's node.
    VERIFY_TYPE(passenger->request(
                        MessageType::PaymentProcess,
                        {{QStringLiteral("ride_id"), rideId}, {QStringLiteral("amount"), fare}}),
                MessageType::Ack);
    QVERIFY(waitForCount(passengerInbox, MessageType::RideCompleted, 1));
    QVERIFY(waitForCount(driverInbox, MessageType::RideCompleted, 1));

    // Presence across nodes: the driver leaves node 1 (offline after the grace period) and
    // comes back on node 3 (online).
    const int offlineBefore = int(passengerInbox.ofType(MessageType::UserOffline).size());
    const int onlineBefore = int(passengerInbox.ofType(MessageType::UserOnline).size());
    driver->close();
    QVERIFY(waitForCount(passengerInbox, MessageType::UserOffline, offlineBefore + 1));
    auto driverAgain =
            connectTo(2, &driverInbox, QStringLiteral("x-ride-driver"), QStringLiteral("driver"));
    QVERIFY(driverAgain);
    QVERIFY(waitForCount(passengerInbox, MessageType::UserOnline, onlineBefore + 1));

    // One number per durable event per user, across nodes: no gap, no number used twice.
    for (const Inbox *inbox : {&driverInbox, &passengerInbox}) {
        QVERIFY(inbox->lastSeq > 0);
        QCOMPARE(inbox->contiguousSeq(), inbox->lastSeq);
    }
}

void TestCluster::roomWithMembersOnThreeNodes()
{
    Inbox inboxes[3];
    std::unique_ptr<WsClient> members[3];
    for (int i = 0; i < 3; ++i) {
        members[i] = connectTo(i, &inboxes[i], QStringLiteral("x-room-%1").arg(i),
                               QStringLiteral("passenger"));
        QVERIFY(members[i]);
        VERIFY_TYPE(members[i]->request(MessageType::RoomJoin,
                                        {{QStringLiteral("room"), QStringLiteral("city:jkt")}}),
                    MessageType::Ack);
    }
    // Every member hears every other member, whatever node they are on.
    for (int from = 0; from < 3; ++from) {
        VERIFY_TYPE(members[from]->request(MessageType::RoomPublish,
                                           {{QStringLiteral("room"), QStringLiteral("city:jkt")},
                                            {QStringLiteral("data"),
                                             QJsonObject {{QStringLiteral("from"), from}}}}),
                    MessageType::Ack);
    }
    for (int i = 0; i < 3; ++i)
        QVERIFY(waitForCount(inboxes[i], MessageType::RoomEvent, 2));
}

void TestCluster::confirmRacesProposalTimeout()
{
    // The driver on node 1 confirms right around the moment the proposal expires; every node
    // holds the proposal's timer. Exactly one of "accepted" and "expired" happens, each time.
    Inbox driverInbox;
    auto driver =
            connectTo(0, &driverInbox, QStringLiteral("x-race-driver"), QStringLiteral("driver"));
    QVERIFY(driver);
    VERIFY_TYPE(driver->request(MessageType::BeaconUpdate,
                                {{QStringLiteral("is_active"), true},
                                 {QStringLiteral("lat"), kNearPickup.lat},
                                 {QStringLiteral("lng"), kNearPickup.lng}}),
                MessageType::Ack);
    int accepted = 0, expired = 0;
    constexpr int kRaces = 50;
    for (int race = 0; race < kRaces; ++race) {
        Inbox passengerInbox;
        auto passenger = connectTo(1 + race % 2, &passengerInbox,
                                   QStringLiteral("x-race-passenger-%1").arg(race),
                                   QStringLiteral("passenger"));
        QVERIFY(passenger);
        const int proposalsBefore = int(driverInbox.ofType(MessageType::MatchProposal).size());
        // The passenger's node may not have heard yet that the last race freed the driver.
        const Envelope requested = requestUntilProposed(passenger.get());
        QCOMPARE(str(requested, "status"), QStringLiteral("proposed"));
        const QString matchId = str(requested, "match_id");
        QVERIFY(waitForCount(driverInbox, MessageType::MatchProposal, proposalsBefore + 1));
        QElapsedTimer sinceProposal;
        sinceProposal.start();
        // Around the deadline: from 60 ms before to 40 ms after it.
        const int delay = kProposalTimeoutMs - 60 + int(QRandomGenerator::global()->bounded(100));
        QTest::qWait(qMax(0, delay - int(sinceProposal.elapsed())));
        const Envelope answer = driver->request(
                MessageType::MatchConfirm,
                {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}});
        const bool confirmed = answer.type == MessageType::Ack;
        if (confirmed) {
            ++accepted;
            QVERIFY(QTest::qWaitFor(
                    [&] { return statusCount(passengerInbox, matchId, "accepted") == 1; },
                    kReplyTimeoutMs));
            // Cancel to free the driver; the cancellation is the positive marker that no
            // expiry for this match is still on its way to the passenger.
            VERIFY_TYPE(passenger->request(MessageType::FinderUpdate,
                                           {{QStringLiteral("is_active"), false}}),
                        MessageType::Ack);
            QVERIFY(QTest::qWaitFor(
                    [&] { return statusCount(passengerInbox, matchId, "cancelled") == 1; },
                    kReplyTimeoutMs));
            QCOMPARE(statusCount(passengerInbox, matchId, "expired"), 0);
        } else {
            ++expired;
            QVERIFY2(answer.type == MessageType::Error, answer.toJson().constData());
            // Expired, then no other driver: no_driver ends the match.
            QVERIFY(QTest::qWaitFor(
                    [&] { return statusCount(passengerInbox, matchId, "no_driver") == 1; },
                    kReplyTimeoutMs));
            QCOMPARE(statusCount(passengerInbox, matchId, "expired"), 1);
            QCOMPARE(statusCount(passengerInbox, matchId, "accepted"), 0);
        }
    }
    qInfo("%d races: %d accepted, %d expired", kRaces, accepted, expired);
    QCOMPARE(accepted + expired, kRaces);
}

void TestCluster::redisKilledAndRestarted()
{
    Inbox driverInbox, passengerInbox;
    std::unique_ptr<WsClient> driver, passenger;
    QString matchId;
    QVERIFY(!rideAcrossNodes(QStringLiteral("x-redis"), {0, &driverInbox, &driver},
                             {2, &passengerInbox, &passenger}, &matchId)
                     .isEmpty());

    QStringList acknowledged;
    auto say = [&](int n) {
        const Envelope sent =
                driver->request(MessageType::MessageSend,
                                {{QStringLiteral("match_id"), matchId},
                                 {QStringLiteral("temp_id"), QStringLiteral("r%1").arg(n)},
                                 {QStringLiteral("body"), QStringLiteral("pesan %1").arg(n)}});
        acknowledged.append(str(sent, "message_id"));
        return sent.type == MessageType::MessageSent;
    };
    QVERIFY(say(0));
    QVERIFY(waitForCount(passengerInbox, MessageType::MessageNew, 1));

    m_cluster->redis().kill();
    QVERIFY(QTest::qWaitFor(
            [&] {
                const QByteArray health = m_cluster->httpGet(0, "/health");
                return health.contains("\"status\":\"Degraded\"") && health.contains("redis");
            },
            kReplyTimeoutMs));
    // The node keeps serving: requests are answered and stored while Redis is down.
    for (int n = 1; n <= 5; ++n)
        QVERIFY(say(n));
    QString error;
    QVERIFY2(m_cluster->redis().start(&error), qPrintable(error));
    // At once, while the nodes are still reconnecting: the driver's node may not be able to
    // publish it, or the passenger's node may not be subscribed yet. Either way it arrives.
    QVERIFY(say(6));
    // Without the passenger doing anything: their node catches them up from the log.
    QVERIFY(waitForCount(passengerInbox, MessageType::MessageNew, 7));
    QVERIFY(QTest::qWaitFor(
            [&] {
                for (int i = 0; i < m_cluster->size(); ++i) {
                    if (m_cluster->healthStatus(i) != QLatin1String("Healthy"))
                        return false;
                }
                return true;
            },
            kReplyTimeoutMs));
    // And live delivery is back.
    QVERIFY(say(7));
    QVERIFY(waitForCount(passengerInbox, MessageType::MessageNew, 8));
    QSet<QString> received;
    for (const Envelope &e : passengerInbox.ofType(MessageType::MessageNew))
        received.insert(str(e, "message_id"));
    for (const QString &id : std::as_const(acknowledged))
        QVERIFY(received.contains(id));
    QCOMPARE(passengerInbox.ofType(MessageType::MessageNew).size(), qsizetype(8));
}

void TestCluster::replaceOldestAcrossNodes()
{
    // Limit 2 per user: a third device, each on its own node, closes the oldest one.
    Inbox inbox;
    auto first = connectTo(0, &inbox, QStringLiteral("x-devices"), QStringLiteral("passenger"));
    QVERIFY(first);
    QTest::qWait(5); // distinct connect times (milliseconds)
    auto second = connectTo(1, &inbox, QStringLiteral("x-devices"), QStringLiteral("passenger"));
    QVERIFY(second);
    QTest::qWait(5);
    auto third = connectTo(2, &inbox, QStringLiteral("x-devices"), QStringLiteral("passenger"));
    QVERIFY(third);
    QVERIFY(QTest::qWaitFor([&] { return !first->isConnected(); }, kReplyTimeoutMs));
    QCOMPARE(first->closeCode(), int(Protocol::CloseCode::SessionReplaced));
    // The newer two stay: both still answer.
    for (WsClient *device : {second.get(), third.get()}) {
        VERIFY_TYPE(device->request(MessageType::NotificationUnreadCount, {}),
                    MessageType::NotificationUnreadCount);
        QVERIFY(device->isConnected());
    }
}

void TestCluster::killDashNineOfPassengersNode()
{
    // Passenger on node 2 mid-ride with a driver on node 1; a second passenger on node 2 has a
    // proposal out to a driver who does not answer. Node 2 dies during a chat burst.
    Inbox driverInbox, passengerInbox, slowDriverInbox, nextDriverInbox, secondPassengerInbox;
    std::unique_ptr<WsClient> driver, passenger;
    QString matchId;
    const QString rideId = rideAcrossNodes(QStringLiteral("x-kill"), {0, &driverInbox, &driver},
                                           {1, &passengerInbox, &passenger}, &matchId);
    QVERIFY(!rideId.isEmpty());
    VERIFY_TYPE(driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}),
                MessageType::Ack);

    // A proposal that node 2 makes and owns: to the nearest driver, who does not answer.
    auto slowDriver = connectTo(2, &slowDriverInbox, QStringLiteral("x-kill-slow-driver"),
                                QStringLiteral("driver"));
    auto nextDriver = connectTo(0, &nextDriverInbox, QStringLiteral("x-kill-next-driver"),
                                QStringLiteral("driver"));
    auto secondPassenger = connectTo(1, &secondPassengerInbox, QStringLiteral("x-kill-passenger-2"),
                                     QStringLiteral("passenger"));
    QVERIFY(slowDriver && nextDriver && secondPassenger);
    for (auto [client, where] : {std::pair {slowDriver.get(), kNearPickup},
                                 std::pair {nextDriver.get(), kFartherFromPickup}}) {
        VERIFY_TYPE(client->request(MessageType::BeaconUpdate,
                                    {{QStringLiteral("is_active"), true},
                                     {QStringLiteral("lat"), where.lat},
                                     {QStringLiteral("lng"), where.lng}}),
                    MessageType::Ack);
    }
    QVERIFY(QTest::qWaitFor(
            [&] { return m_cluster->metric(1, "nebengjek_matcher_available_drivers") >= 3; },
            kReplyTimeoutMs));
    const Envelope requested =
            secondPassenger->request(MessageType::FinderUpdate,
                                     {{QStringLiteral("pickup"), point(kPickup)},
                                      {QStringLiteral("destination"), point(kDestination)}});
    QCOMPARE(str(requested, "status"), QStringLiteral("proposed"));
    QVERIFY(waitForCount(slowDriverInbox, MessageType::MatchProposal, 1));

    // The chat burst, without waiting for answers.
    constexpr int kBurst = 40;
    auto requestId = [](int n) {
        return QStringLiteral("burst-%1").arg(n);
    };
    auto sendBurstMessage = [&](WsClient *client, int n) {
        client->post(MessageType::MessageSend,
                     {{QStringLiteral("match_id"), matchId},
                      {QStringLiteral("temp_id"), QStringLiteral("b%1").arg(n)},
                      {QStringLiteral("body"), QStringLiteral("burst %1").arg(n)}},
                     requestId(n));
    };
    for (int n = 0; n < kBurst; ++n)
        sendBurstMessage(passenger.get(), n);
    QVERIFY(QTest::qWaitFor([&] { return passenger->hasReply(requestId(kBurst / 4)); },
                            kReplyTimeoutMs));
    m_cluster->kill(1);
    QSet<QString> acknowledged;
    for (int n = 0; n < kBurst; ++n) {
        if (passenger->hasReply(requestId(n)))
            acknowledged.insert(str(*passenger->reply(requestId(n), 0), "message_id"));
    }
    QVERIFY(!acknowledged.isEmpty());

    // The dead node's proposal still times out (another node fires it) and moves on.
    QVERIFY(waitForCount(nextDriverInbox, MessageType::MatchProposal, 1));
    QCOMPARE(str(nextDriverInbox.ofType(MessageType::MatchProposal).constFirst(), "match_id"),
             str(requested, "match_id"));

    // The app reconnects to another node, resumes, and retries what was not answered (same
    // request ids: the server answers a retry of an applied request from its record).
    Inbox *inbox = &passengerInbox;
    auto again =
            connectTo(2, inbox, QStringLiteral("x-kill-passenger"), QStringLiteral("passenger"));
    QVERIFY(again);
    for (int n = 0; n < kBurst; ++n)
        sendBurstMessage(again.get(), n);
    QSet<QString> all;
    for (int n = 0; n < kBurst; ++n) {
        const auto reply = again->reply(requestId(n));
        QVERIFY(reply);
        VERIFY_TYPE(*reply, MessageType::MessageSent);
        all.insert(str(*reply, "message_id"));
    }
    // Everything acknowledged before the crash is among them (no message was applied twice).
    for (const QString &id : std::as_const(acknowledged))
        QVERIFY(all.contains(id));
    QCOMPARE(all.size(), qsizetype(kBurst));
    // The driver, on a node that lived, has each message exactly once.
    QVERIFY(waitForCount(driverInbox, MessageType::MessageNew, kBurst));
    QHash<QString, int> times;
    for (const Envelope &e : driverInbox.ofType(MessageType::MessageNew))
        ++times[str(e, "message_id")];
    for (const QString &id : std::as_const(all))
        QCOMPARE(times.value(id), 1);
    QCOMPARE(driverInbox.contiguousSeq(), driverInbox.lastSeq);
}

void TestCluster::postgresDown()
{
    // Last: the database does not come back in this test.
    Inbox inbox;
    auto user = connectTo(0, &inbox, QStringLiteral("x-pg-user"), QStringLiteral("passenger"));
    QVERIFY(user);
    m_cluster->postgres().stop();
    // Requests are answered UNAVAILABLE (retryable); after a few the circuit opens and they
    // are refused without touching the database.
    for (int i = 0; i < 5; ++i) {
        const Envelope answer = user->request(MessageType::NotificationMarkAllRead, {});
        QVERIFY2(answer.type == MessageType::Error, answer.toJson().constData());
        QCOMPARE(str(answer, "code"), QStringLiteral("UNAVAILABLE"));
        QVERIFY(answer.payload.value(QStringLiteral("retry_after_ms")).toInt() > 0);
    }
    QVERIFY(QTest::qWaitFor([&] { return m_cluster->healthStatus(0) == QLatin1String("Critical"); },
                            kReplyTimeoutMs));
    // Exported at each health evaluation (the request above was one): 2 = open.
    QCOMPARE(m_cluster->metric(0, "nebengjek_circuit_state{dependency=\"storage\"}"), 2.0);
    QCOMPARE(m_cluster->metric(0, "nebengjek_dependency_up{dependency=\"storage\"}"), 0.0);
    QCOMPARE(m_cluster->metric(0, "nebengjek_dependency_up{dependency=\"redis\"}"), 1.0);
    QVERIFY(user->isConnected());
}

QTEST_MAIN(TestCluster)
#include "tst_cluster.moc"
