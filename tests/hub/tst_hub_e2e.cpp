// SPDX-License-Identifier: MIT
// End to end over real sockets: the real nebengjek-server executable as a child process,
// QWebSocket clients with tokens minted by `nebengjek-server token`, a full ride and a chat;
// then kill -9 in the middle of a ride and a chat burst, a restart on the same data directory,
// and a resume: every message the server acknowledged arrives exactly once.
#include "e2eharness.h"

#include <memory>

using namespace NebengJek;
using namespace E2e;

class TestHubEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void fullRideAndChat();
    void killDashNineMidRideAndChatBurst();

private:
    bool startServer(QString *error) { return m_harness.start(error); }
    void killServer() { m_harness.kill(); }
    void stopServer() { m_harness.stop(); }
    std::unique_ptr<WsClient> connectAs(Inbox *inbox, const QString &userId, const QString &role)
    {
        return m_harness.connectAs(inbox, userId, role);
    }

    ServerHarness m_harness {QStringLiteral(NEBENGJEK_SERVER_BINARY)};
};

namespace {

// The group-commit counters of the server's /metrics (-1 when missing).
struct StorageCounters
{
    qint64 commits = -1;
    qint64 commands = -1;
};

StorageCounters storageCounters(int port)
{
    StorageCounters counters;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(port));
    if (!socket.waitForConnected(kReplyTimeoutMs))
        return counters;
    socket.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray response;
    const QByteArray last = "\nnebengjek_storage_commands_total ";
    // Complete once the second counter's line is (it is registered after the first).
    auto complete = [&] {
        const qsizetype at = response.indexOf(last);
        return at >= 0 && response.indexOf('\n', at + 1) > at;
    };
    while (!complete() && socket.waitForReadyRead(kReplyTimeoutMs))
        response += socket.readAll();
    for (const QByteArray &line : response.split('\n')) {
        const QList<QByteArray> fields = line.trimmed().split(' ');
        if (fields.size() != 2)
            continue;
        if (fields[0] == "nebengjek_storage_commits_total")
            counters.commits = fields[1].toLongLong();
        else if (fields[0] == "nebengjek_storage_commands_total")
            counters.commands = fields[1].toLongLong();
    }
    return counters;
}

} // namespace

void TestHubEndToEnd::initTestCase()
{
    QVERIFY2(m_harness.isValid(), NEBENGJEK_SERVER_BINARY);
}

void TestHubEndToEnd::cleanup()
{
    stopServer();
}

void TestHubEndToEnd::fullRideAndChat()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
    Inbox driverInbox, passengerInbox;
    auto driver = connectAs(&driverInbox, QStringLiteral("e2e-driver-1"), QStringLiteral("driver"));
    auto passenger = connectAs(&passengerInbox, QStringLiteral("e2e-passenger-1"),
                               QStringLiteral("passenger"));
    QVERIFY(driver && passenger);

    VERIFY_TYPE(driver->request(MessageType::BeaconUpdate,
                                {{QStringLiteral("is_active"), true},
                                 {QStringLiteral("lat"), kNearPickup.lat},
                                 {QStringLiteral("lng"), kNearPickup.lng}}),
                MessageType::Ack);
    const Envelope requested =
            passenger->request(MessageType::FinderUpdate,
                               {{QStringLiteral("pickup"), point(kPickup)},
                                {QStringLiteral("destination"), point(kDestination)}});
    VERIFY_TYPE(requested, MessageType::Ack);
    QCOMPARE(str(requested, "status"), QStringLiteral("proposed"));
    const QString matchId = str(requested, "match_id");
    QVERIFY(waitForCount(driverInbox, MessageType::MatchProposal, 1));
    QVERIFY(waitForCount(passengerInbox, MessageType::MatchProposal, 1));
    QCOMPARE(str(driverInbox.ofType(MessageType::MatchProposal).constFirst(), "match_id"), matchId);

    const Envelope accepted = driver->request(
            MessageType::MatchConfirm,
            {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}});
    VERIFY_TYPE(accepted, MessageType::Ack);
    const QString rideId = str(accepted, "ride_id");
    QVERIFY(waitForCount(passengerInbox, MessageType::MatchStatus, 1));
    QVERIFY(waitForCount(driverInbox, MessageType::MatchStatus, 1));
    QCOMPARE(str(passengerInbox.ofType(MessageType::MatchStatus).constFirst(), "ride_id"), rideId);

    // Chat while the driver comes.
    const Envelope sent =
            passenger->request(MessageType::MessageSend,
                               {{QStringLiteral("match_id"), matchId},
                                {QStringLiteral("temp_id"), QStringLiteral("t1")},
                                {QStringLiteral("body"), QStringLiteral("Saya pakai baju merah")}});
    VERIFY_TYPE(sent, MessageType::MessageSent);
    QVERIFY(waitForCount(driverInbox, MessageType::MessageNew, 1));
    const Envelope incoming = driverInbox.ofType(MessageType::MessageNew).constFirst();
    QCOMPARE(str(incoming, "body"), QStringLiteral("Saya pakai baju merah"));
    QCOMPARE(str(incoming, "message_id"), str(sent, "message_id"));
    driver->post(MessageType::Typing, {{QStringLiteral("match_id"), matchId}}, {});
    QVERIFY(waitForCount(passengerInbox, MessageType::Typing, 1));
    VERIFY_TYPE(driver->request(MessageType::MessageRead, {{QStringLiteral("match_id"), matchId}}),
                MessageType::ReadAck);
    QVERIFY(waitForCount(passengerInbox, MessageType::ReadUpdate, 1));

    // Group commit: a burst written at once reaches the server's event loop together, and its
    // messages share commits; /metrics counts fewer commits than durable commands.
    const StorageCounters before = storageCounters(m_harness.port());
    QVERIFY(before.commits > 0 && before.commands >= before.commits);
    constexpr int kGrouped = 20;
    for (int i = 0; i < kGrouped; ++i)
        passenger->post(MessageType::MessageSend,
                        {{QStringLiteral("match_id"), matchId},
                         {QStringLiteral("temp_id"), QStringLiteral("g%1").arg(i)},
                         {QStringLiteral("body"), QStringLiteral("grouped %1").arg(i)}},
                        QStringLiteral("grouped-%1").arg(i));
    QVERIFY(waitForCount(driverInbox, MessageType::MessageNew, 1 + kGrouped));
    const StorageCounters after = storageCounters(m_harness.port());
    QVERIFY2(after.commands - before.commands >= kGrouped,
             qPrintable(QStringLiteral("%1 commands").arg(after.commands - before.commands)));
    QVERIFY2(after.commits - before.commits < after.commands - before.commands,
             qPrintable(QStringLiteral("%1 commits for %2 commands")
                                .arg(after.commits - before.commits)
                                .arg(after.commands - before.commands)));
    qInfo("group commit: %lld commits for %lld commands", after.commits - before.commits,
          after.commands - before.commands);

    // The ride.
    driver->post(MessageType::LocationUpdate, point(kPickup), {});
    QVERIFY(waitForCount(passengerInbox, MessageType::LocationUpdate, 1));
    VERIFY_TYPE(driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}),
                MessageType::Ack);
    QVERIFY(waitForCount(passengerInbox, MessageType::RidePickup, 1));
    QVERIFY(waitForCount(driverInbox, MessageType::RidePickup, 1));
    driver->post(MessageType::LocationUpdate, point({-6.2125, 106.8233}), {});
    driver->post(MessageType::LocationUpdate, point(kDestination), {});
    QVERIFY(waitForCount(passengerInbox, MessageType::LocationUpdate, 3));
    const Envelope arrived =
            driver->request(MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    VERIFY_TYPE(arrived, MessageType::Ack);
    QVERIFY(waitForCount(passengerInbox, MessageType::PaymentRequest, 1));
    const qint64 fare = qint64(passengerInbox.ofType(MessageType::PaymentRequest)
                                       .constFirst()
                                       .payload.value(QStringLiteral("fare"))
                                       .toDouble());
    QCOMPARE(fare, qint64(arrived.payload.value(QStringLiteral("fare")).toDouble()));
    QVERIFY(fare > 5000);
    VERIFY_TYPE(passenger->request(MessageType::PaymentProcess,
                                   {{QStringLiteral("ride_id"), rideId},
                                    {QStringLiteral("amount"), double(fare)}}),
                MessageType::Ack);
    QVERIFY(waitForCount(passengerInbox, MessageType::RideCompleted, 1));
    QVERIFY(waitForCount(driverInbox, MessageType::RideCompleted, 1));

    // Per-user sequences, each seen once, no gaps.
    for (const Inbox *inbox : {&driverInbox, &passengerInbox}) {
        for (qint64 seq = 1; seq <= inbox->lastSeq; ++seq)
            QCOMPARE(inbox->timesSeen.value(seq), 1);
    }
    stopServer();
}

void TestHubEndToEnd::killDashNineMidRideAndChatBurst()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
    Inbox driverInbox, passengerInbox;
    auto driver = connectAs(&driverInbox, QStringLiteral("e2e-driver-2"), QStringLiteral("driver"));
    auto passenger = connectAs(&passengerInbox, QStringLiteral("e2e-passenger-2"),
                               QStringLiteral("passenger"));
    QVERIFY(driver && passenger);

    // A ride in progress.
    driver->request(MessageType::BeaconUpdate,
                    {{QStringLiteral("is_active"), true},
                     {QStringLiteral("lat"), kNearPickup.lat},
                     {QStringLiteral("lng"), kNearPickup.lng}});
    const QString matchId =
            str(passenger->request(MessageType::FinderUpdate,
                                   {{QStringLiteral("pickup"), point(kPickup)},
                                    {QStringLiteral("destination"), point(kDestination)}}),
                "match_id");
    QVERIFY(!matchId.isEmpty());
    const QString rideId = str(driver->request(MessageType::MatchConfirm,
                                               {{QStringLiteral("match_id"), matchId},
                                                {QStringLiteral("accepted"), true}}),
                               "ride_id");
    QVERIFY(!rideId.isEmpty());
    driver->post(MessageType::LocationUpdate, point(kPickup), {});
    VERIFY_TYPE(driver->request(MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}),
                MessageType::Ack);
    driver->post(MessageType::LocationUpdate, point({-6.2125, 106.8233}), {});
    QVERIFY(waitForCount(passengerInbox, MessageType::LocationUpdate, 2));

    // The chat burst: sent without waiting; the server is killed once part of it is answered,
    // while the rest is still queued or being written.
    constexpr int kBurst = 1500;
    auto burstId = [](int i) {
        return QStringLiteral("burst-%1").arg(i);
    };
    auto burstBody = [](int i) {
        return QStringLiteral("pesan nomor %1").arg(i);
    };
    auto burstPayload = [&](int i) {
        return QJsonObject {{QStringLiteral("match_id"), matchId},
                            {QStringLiteral("temp_id"), QStringLiteral("tmp-%1").arg(i)},
                            {QStringLiteral("body"), burstBody(i)}};
    };
    for (int i = 0; i < kBurst; ++i)
        passenger->post(MessageType::MessageSend, burstPayload(i), burstId(i));
    auto answeredBy = [&](const WsClient &client) {
        int n = 0;
        for (int i = 0; i < kBurst; ++i)
            n += client.hasReply(burstId(i)) ? 1 : 0;
        return n;
    };
    QVERIFY(QTest::qWaitFor([&] { return answeredBy(*passenger) >= 10; }, kReplyTimeoutMs));
    killServer();

    QHash<QString, QString> acknowledged; // request id -> server message id
    for (int i = 0; i < kBurst; ++i) {
        if (const auto r = passenger->reply(burstId(i), 0)) {
            VERIFY_TYPE(*r, MessageType::MessageSent);
            acknowledged.insert(burstId(i), str(*r, "message_id"));
        }
    }
    qInfo("killed with %d of %d messages acknowledged", int(acknowledged.size()), kBurst);
    QVERIFY(!acknowledged.isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return !driver->isConnected() && !passenger->isConnected(); },
                            kReplyTimeoutMs));
    driver.reset();
    passenger.reset();

    // Same data directory, same port: the ride and the chat are still there.
    QVERIFY2(startServer(&error), qPrintable(error));
    driver = connectAs(&driverInbox, QStringLiteral("e2e-driver-2"), QStringLiteral("driver"));
    passenger = connectAs(&passengerInbox, QStringLiteral("e2e-passenger-2"),
                          QStringLiteral("passenger"));
    QVERIFY(driver && passenger);

    // The passenger's app retries everything it has no answer for, with the same ids; and
    // retries some answered ones too (answers lost in flight look the same to it).
    QStringList retried;
    for (int i = 0; i < kBurst; ++i) {
        if (!acknowledged.contains(burstId(i)) || i % 10 == 0) {
            passenger->post(MessageType::MessageSend, burstPayload(i), burstId(i));
            retried.append(burstId(i));
        }
    }
    QVERIFY(QTest::qWaitFor([&] { return answeredBy(*passenger) == retried.size(); },
                            kReplyTimeoutMs * 3));
    QHash<QString, QString> finalIds = acknowledged;
    for (const QString &id : std::as_const(retried)) {
        const Envelope r = *passenger->reply(id, 0);
        VERIFY_TYPE(r, MessageType::MessageSent);
        // An answer given before the crash is given again, identical.
        if (acknowledged.contains(id))
            QCOMPARE(str(r, "message_id"), acknowledged.value(id));
        finalIds.insert(id, str(r, "message_id"));
    }
    QCOMPARE(finalIds.size(), kBurst);

    // The driver has every message exactly once: live before the crash, replayed by resume,
    // or live after it.
    QVERIFY(waitForCount(driverInbox, MessageType::MessageNew, kBurst));
    // Positive marker: one more message, sent after every retry was answered. Once the driver
    // has it, any duplicate the server sent before it has arrived too.
    const QString markerBody = QStringLiteral("marker after the retries");
    VERIFY_TYPE(passenger->request(MessageType::MessageSend,
                                   {{QStringLiteral("match_id"), matchId},
                                    {QStringLiteral("temp_id"), QStringLiteral("tmp-marker")},
                                    {QStringLiteral("body"), markerBody}}),
                MessageType::MessageSent);
    QVERIFY(QTest::qWaitFor(
            [&] {
                for (const Envelope &e : driverInbox.ofType(MessageType::MessageNew)) {
                    if (str(e, "body") == markerBody)
                        return true;
                }
                return false;
            },
            kReplyTimeoutMs));
    QHash<QString, int> bodies;
    QSet<QString> messageIds;
    for (const Envelope &e : driverInbox.ofType(MessageType::MessageNew)) {
        ++bodies[str(e, "body")];
        messageIds.insert(str(e, "message_id"));
    }
    QCOMPARE(driverInbox.ofType(MessageType::MessageNew).size(), kBurst + 1);
    QCOMPARE(messageIds.size(), kBurst + 1);
    QCOMPARE(bodies.value(markerBody), 1);
    for (int i = 0; i < kBurst; ++i)
        QCOMPARE(bodies.value(burstBody(i)), 1);
    for (const QString &id : std::as_const(acknowledged))
        QVERIFY(messageIds.contains(id));
    for (qint64 seq = 1; seq <= driverInbox.lastSeq; ++seq)
        QCOMPARE(driverInbox.timesSeen.value(seq), 1);

    // The ride goes on where it was.
    driver->post(MessageType::LocationUpdate, point(kDestination), {});
    const Envelope arrived =
            driver->request(MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    VERIFY_TYPE(arrived, MessageType::Ack);
    const qint64 fare = qint64(arrived.payload.value(QStringLiteral("fare")).toDouble());
    VERIFY_TYPE(passenger->request(MessageType::PaymentProcess,
                                   {{QStringLiteral("ride_id"), rideId},
                                    {QStringLiteral("amount"), double(fare)}}),
                MessageType::Ack);
    QVERIFY(waitForCount(driverInbox, MessageType::RideCompleted, 1));
    QVERIFY(waitForCount(passengerInbox, MessageType::RideCompleted, 1));
    for (const Inbox *inbox : {&driverInbox, &passengerInbox}) {
        for (qint64 seq = 1; seq <= inbox->lastSeq; ++seq)
            QCOMPARE(inbox->timesSeen.value(seq), 1);
    }
    stopServer();
}

QTEST_GUILESS_MAIN(TestHubEndToEnd)
#include "tst_hub_e2e.moc"
