// SPDX-License-Identifier: MIT
// Loss-free delivery: per-user sequence numbers, stored before sent, resume/replay/resync,
// idempotent retries (also across a restart), and storage failures.
#include "hubtestsupport.h"

#include <storage/chatrepository.h>
#include <storage/eventrepository.h>
#include <storage/riderepository.h>
#include <storage/sqlconnection.h>

using namespace NebengJek;
using namespace NebengJek::Tests;
using Protocol::MessageType;
using Protocol::Role;

class TestHubDelivery : public QObject
{
    Q_OBJECT

private slots:
    void storedBeforeSent();
    void resumeReplaysWhatWasMissed();
    void resumeDoesNotDuplicateLiveEvents();
    void resumeBeyondRetentionAsksForResync();
    void resumeAheadOfTheLog();
    void idempotentRetry();
    void idempotentRetryAfterRestart();
    void idempotencyWindow();
    void storageFailureAppliesNothing();
};

namespace {

QJsonObject chat(const QString &matchId, const QString &body)
{
    return {{QStringLiteral("match_id"), matchId},
            {QStringLiteral("temp_id"), QStringLiteral("t")},
            {QStringLiteral("body"), body}};
}

// Checks, at the moment each durable frame leaves the hub, that it is already in storage.
class CheckingOutbox : public Server::Outbox
{
public:
    Server::Storage *storage = nullptr;
    QHash<ConnectionId, QString> users;
    int checked = 0;
    QStringList problems;

    void send(ConnectionId connection, const QByteArray &frame) override
    {
        // Group commit: nothing leaves while the group that may hold its change is uncommitted.
        if (storage->hasPendingGroup())
            problems.append(QStringLiteral("a frame was sent before its group committed"));
        const auto parsed = Protocol::parseEnvelope(frame, Protocol::Direction::FromServer);
        if (!parsed.ok() || parsed.envelope->seq == 0)
            return;
        const qint64 seq = parsed.envelope->seq;
        const auto stored = storage->events().range(users.value(connection), seq - 1, seq);
        if (!stored.ok || stored.value.size() != 1 || stored.value.constFirst().frame != frame)
            problems.append(QStringLiteral("seq %1 sent before it was stored").arg(seq));
        ++checked;
    }
};

} // namespace

void TestHubDelivery::storedBeforeSent()
{
    QTemporaryDir dir;
    QString error;
    auto storage = Server::Storage::open(
            QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("h.db")), &error);
    QVERIFY2(storage, qPrintable(error));
    CheckingOutbox outbox;
    outbox.storage = storage.get();
    Server::Hub hub(storage.get(), HubHarness::fastConfig(), &outbox);
    outbox.users = {{1, QStringLiteral("d1")}, {2, QStringLiteral("p1")}};
    hub.connectionOpened(1, {QStringLiteral("d1"), Role::Driver});
    hub.connectionOpened(2, {QStringLiteral("p1"), Role::Passenger});
    int next = 0;
    auto send = [&hub, &next](ConnectionId c, MessageType t, const QJsonObject &p) {
        hub.handle(c, Envelope::make(t, p, QStringLiteral("r%1").arg(++next)));
        hub.commitPending();
    };
    send(1, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    send(2, MessageType::FinderUpdate, finder(toJson(kPickup), toJson(kDestination)));
    QCOMPARE(outbox.checked, 2); // the proposal, on both sides
    // Find the match id in storage and run the rest of the ride.
    const auto active = storage->rides().findInStates({QStringLiteral("proposed")});
    QCOMPARE(active.value.size(), 1);
    const QString matchId = active.value.constFirst().matchId;
    hub.handle(1,
               Envelope::make(
                       MessageType::MatchConfirm,
                       {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}},
                       QStringLiteral("c1")));
    hub.commitPending();
    const QString rideId = storage->rides().findByMatchId(matchId).value->rideId;
    send(2, MessageType::MessageSend, chat(matchId, QStringLiteral("halo")));
    send(1, MessageType::MessageRead, {{QStringLiteral("match_id"), matchId}});
    send(1, MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}});
    send(1, MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    QCOMPARE(outbox.checked, 10);
    QVERIFY2(outbox.problems.isEmpty(), qPrintable(outbox.problems.join(QLatin1Char('\n'))));
}

void TestHubDelivery::resumeReplaysWhatWasMissed()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger); // passenger seq 1, 2
    h.disconnect(passenger);
    for (int i = 0; i < 5; ++i)
        h.request(driver, MessageType::MessageSend,
                  chat(ride.matchId, QStringLiteral("m%1").arg(i))); // seq 3..7
    QVERIFY(h.outbox().peek(passenger.connection).isEmpty());
    // What auth_success.last_seq reports for the user.
    QCOMPARE(h.hub().latestSeq(QStringLiteral("p1")), qint64(7));
    QCOMPARE(h.hub().latestSeq(QStringLiteral("nobody")), qint64(0));

    // Back, having seen up to seq 2 before going away.
    passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(passenger);
    const Envelope done =
            h.request(passenger, MessageType::Resume, {{QStringLiteral("last_seq"), 2}});
    EXPECT_TYPE(done, MessageType::ResumeDone);
    QCOMPARE(done.payload.value(QStringLiteral("from_seq")).toInt(), 3);
    QCOMPARE(done.payload.value(QStringLiteral("to_seq")).toInt(), 7);
    QCOMPARE(done.payload.value(QStringLiteral("replayed")).toInt(), 5);
    const QList<Envelope> replayed = h.outbox().take(passenger.connection);
    QCOMPARE(replayed.size(), 5);
    for (int i = 0; i < 5; ++i) {
        EXPECT_TYPE(replayed.at(i), MessageType::MessageNew);
        QCOMPARE(replayed.at(i).seq, qint64(3 + i));
        QCOMPARE(str(replayed.at(i), "body"), QStringLiteral("m%1").arg(i));
    }
    // Up to date: nothing to replay.
    const Envelope again =
            h.request(passenger, MessageType::Resume, {{QStringLiteral("last_seq"), 7}});
    QCOMPARE(again.payload.value(QStringLiteral("replayed")).toInt(), 0);
    QCOMPARE(again.payload.value(QStringLiteral("to_seq")).toInt(), 7);
    QVERIFY(h.outbox().peek(passenger.connection).isEmpty());
    // Sequences are per user: the driver's own log is separate.
    const Envelope driverDone =
            h.request(driver, MessageType::Resume, {{QStringLiteral("last_seq"), 0}});
    QCOMPARE(driverDone.payload.value(QStringLiteral("to_seq")).toInt(), 2);
}

void TestHubDelivery::resumeDoesNotDuplicateLiveEvents()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    h.disconnect(passenger);
    h.request(driver, MessageType::MessageSend,
              chat(ride.matchId, QStringLiteral("while away"))); // seq 3
    passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(passenger);
    // Before the client's resume arrives, a new event reaches it live.
    h.request(driver, MessageType::MessageSend,
              chat(ride.matchId, QStringLiteral("live"))); // seq 4
    h.request(passenger, MessageType::Resume, {{QStringLiteral("last_seq"), 2}});
    QList<qint64> seqs;
    for (const Envelope &e : h.take(passenger, MessageType::MessageNew))
        seqs.append(e.seq);
    std::sort(seqs.begin(), seqs.end());
    QCOMPARE(seqs, (QList<qint64> {3, 4})); // each exactly once
}

void TestHubDelivery::resumeBeyondRetentionAsksForResync()
{
    Server::HubConfig config = HubHarness::fastConfig();
    config.retainedEventsPerUser = 5;
    HubHarness h(config);
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger); // seq 1, 2
    h.disconnect(passenger);
    for (int i = 0; i < 10; ++i)
        h.request(driver, MessageType::MessageSend,
                  chat(ride.matchId, QStringLiteral("m%1").arg(i))); // 3..12
    passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(passenger);

    const Envelope done =
            h.request(passenger, MessageType::Resume, {{QStringLiteral("last_seq"), 2}});
    const QList<Envelope> frames = h.outbox().take(passenger.connection);
    QCOMPARE(frames.size(), 6);
    EXPECT_TYPE(frames.at(0), MessageType::ResyncRequired);
    QCOMPARE(frames.at(0).payload.value(QStringLiteral("oldest_seq")).toInt(), 8);
    QCOMPARE(frames.at(0).payload.value(QStringLiteral("latest_seq")).toInt(), 12);
    for (int i = 1; i < 6; ++i)
        QCOMPARE(frames.at(i).seq, qint64(7 + i)); // what is retained is still replayed
    QCOMPARE(done.payload.value(QStringLiteral("replayed")).toInt(), 5);
    QCOMPARE(done.payload.value(QStringLiteral("from_seq")).toInt(), 8);

    // Within the window: no resync.
    h.request(passenger, MessageType::Resume, {{QStringLiteral("last_seq"), 9}});
    QVERIFY(h.take(passenger, MessageType::ResyncRequired).isEmpty());
    QCOMPARE(h.take(passenger, MessageType::MessageNew).size(), 3);
    // Storage keeps only the window.
    QCOMPARE(h.storage().events().oldestSeq(QStringLiteral("p1")).value, qint64(8));
}

void TestHubDelivery::resumeAheadOfTheLog()
{
    HubHarness h;
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(passenger);
    const Envelope done =
            h.request(passenger, MessageType::Resume, {{QStringLiteral("last_seq"), 50}});
    EXPECT_TYPE(done, MessageType::ResumeDone);
    QCOMPARE(done.payload.value(QStringLiteral("replayed")).toInt(), 0);
    const Envelope resync = h.takeOne(passenger, MessageType::ResyncRequired);
    QCOMPARE(resync.payload.value(QStringLiteral("latest_seq")).toInt(), 0);
    EXPECT_ERROR(h.request(passenger, MessageType::Resume, {{QStringLiteral("last_seq"), -1}}),
                 "VALIDATION_FAILED");
    EXPECT_ERROR(h.request(passenger, MessageType::Resume, {}), "VALIDATION_FAILED");
}

void TestHubDelivery::idempotentRetry()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    const QString id = QStringLiteral("client-msg-1");
    const Envelope first = h.request(passenger, MessageType::MessageSend,
                                     chat(ride.matchId, QStringLiteral("once")), id);
    EXPECT_TYPE(first, MessageType::MessageSent);
    const Envelope second = h.request(passenger, MessageType::MessageSend,
                                      chat(ride.matchId, QStringLiteral("once")), id);
    QCOMPARE(second.toJson(), first.toJson()); // the original answer, byte for byte
    QCOMPARE(h.take(driver, MessageType::MessageNew).size(), 1);
    QCOMPARE(h.storage().chat().conversation(ride.matchId).value.size(), 1);
    // The same id from another user is another request.
    EXPECT_TYPE(h.request(driver, MessageType::MessageSend,
                          chat(ride.matchId, QStringLiteral("mine")), id),
                MessageType::MessageSent);
    // The same id for another kind of request is refused.
    EXPECT_ERROR(h.request(passenger, MessageType::MessageRead,
                           {{QStringLiteral("match_id"), ride.matchId}}, id),
                 "CONFLICT");
    // Errors are not remembered: a request that failed can succeed when retried with the same
    // id. Arriving before the ride started is refused; after the start, the very same request
    // (same id) goes through.
    const QJsonObject arrive {{QStringLiteral("ride_id"), ride.rideId}};
    EXPECT_ERROR(h.request(driver, MessageType::RideArrived, arrive, QStringLiteral("arr")),
                 "CONFLICT");
    QVERIFY(h.take(passenger, MessageType::PaymentRequest).isEmpty());
    EXPECT_TYPE(h.request(driver, MessageType::RideStart, arrive), MessageType::Ack);
    const Envelope arrived =
            h.request(driver, MessageType::RideArrived, arrive, QStringLiteral("arr"));
    EXPECT_TYPE(arrived, MessageType::Ack);
    QCOMPARE(str(arrived, "status"), QStringLiteral("awaiting_payment"));
    const Envelope arrivedAgain =
            h.request(driver, MessageType::RideArrived, {{QStringLiteral("ride_id"), ride.rideId}},
                      QStringLiteral("arr"));
    QCOMPARE(arrivedAgain.toJson(), arrived.toJson());
    QCOMPARE(h.take(passenger, MessageType::PaymentRequest).size(), 1);
}

void TestHubDelivery::idempotentRetryAfterRestart()
{
    HubHarness h;
    Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    const QString id = QStringLiteral("burst-7");
    const Envelope first = h.request(passenger, MessageType::MessageSend,
                                     chat(ride.matchId, QStringLiteral("before crash")), id);
    EXPECT_TYPE(first, MessageType::MessageSent);
    // The server dies before the client saw the answer; the client retries after reconnecting.
    h.crashAndRestart();
    driver = h.connect(QStringLiteral("d1"), Role::Driver);
    passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(driver);
    const Envelope retry = h.request(passenger, MessageType::MessageSend,
                                     chat(ride.matchId, QStringLiteral("before crash")), id);
    QCOMPARE(retry.toJson(), first.toJson());
    QVERIFY(h.take(driver, MessageType::MessageNew).isEmpty());
    QCOMPARE(h.storage().chat().conversation(ride.matchId).value.size(), 1);
    // A confirm replayed after the restart is answered the same, too.
    const Envelope start =
            h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), ride.rideId}},
                      QStringLiteral("start-1"));
    h.restart();
    driver = h.connect(QStringLiteral("d1"), Role::Driver);
    QCOMPARE(h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), ride.rideId}},
                       QStringLiteral("start-1"))
                     .toJson(),
             start.toJson());
}

void TestHubDelivery::idempotencyWindow()
{
    Server::HubConfig config = HubHarness::fastConfig();
    config.idempotencyWindow = 4;
    HubHarness h(config);
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger);
    for (int i = 0; i < 40; ++i)
        h.request(passenger, MessageType::MessageSend, chat(ride.matchId, QStringLiteral("m")),
                  QStringLiteral("id-%1").arg(i));
    // Recent ids are remembered ...
    h.request(passenger, MessageType::MessageSend, chat(ride.matchId, QStringLiteral("m")),
              QStringLiteral("id-39"));
    QCOMPARE(h.storage().chat().conversation(ride.matchId).value.size(), 40);
    // ... ancient ones have been forgotten (and a retry that late is a new message).
    h.request(passenger, MessageType::MessageSend, chat(ride.matchId, QStringLiteral("m")),
              QStringLiteral("id-0"));
    QCOMPARE(h.storage().chat().conversation(ride.matchId).value.size(), 41);
}

void TestHubDelivery::storageFailureAppliesNothing()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.request(driver, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    const QString matchId = str(h.request(passenger, MessageType::FinderUpdate,
                                          finder(toJson(kPickup), toJson(kDestination))),
                                "match_id");
    h.drop(driver);
    h.drop(passenger);
    // Break the delivery log from under the hub.
    QVERIFY(h.storage().connection().execute(
            QStringLiteral("ALTER TABLE delivery_events RENAME TO broken_events")));
    const Envelope failed =
            h.request(driver, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}},
                      QStringLiteral("confirm-1"));
    EXPECT_ERROR(failed, "UNAVAILABLE");
    QCOMPARE(failed.payload.value(QStringLiteral("retryable")).toBool(), true);
    QVERIFY(failed.payload.value(QStringLiteral("retry_after_ms")).toInt() > 0);
    QVERIFY(!h.hub().isHealthy());
    // Nothing happened: no events, the match is still proposed (memory agrees with storage).
    QVERIFY(h.outbox().peek(passenger.connection).isEmpty());
    QCOMPARE(h.storage().rides().findByMatchId(matchId).value->state, QStringLiteral("proposed"));

    // Storage is back: the very same request now succeeds, once.
    QVERIFY(h.storage().connection().execute(
            QStringLiteral("ALTER TABLE broken_events RENAME TO delivery_events")));
    const Envelope ok =
            h.request(driver, MessageType::MatchConfirm,
                      {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}},
                      QStringLiteral("confirm-1"));
    EXPECT_TYPE(ok, MessageType::Ack);
    QVERIFY(h.hub().isHealthy());
    const Envelope status = h.takeOne(passenger, MessageType::MatchStatus);
    QCOMPARE(status.seq, qint64(2)); // the failed attempt did not burn a sequence number
}

QTEST_GUILESS_MAIN(TestHubDelivery)
#include "tst_hub_delivery.moc"
