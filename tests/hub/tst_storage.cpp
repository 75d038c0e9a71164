// SPDX-License-Identifier: MIT
// Storage against both backends: every test runs once on an SQLite file and once on a real
// PostgreSQL server started by the fixture (a fresh database per test).
#include "hubtestsupport.h"
#include "postgresfixture.h"

#include <storage/chatrepository.h>
#include <storage/eventrepository.h>
#include <storage/idempotencyrepository.h>
#include <storage/migrations.h>
#include <storage/notificationrepository.h>
#include <storage/profilerepository.h>
#include <storage/riderepository.h>
#include <storage/sqlconnection.h>
#include <storage/storage.h>
#include <storage/walcheckpointer.h>

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace NebengJek;
using namespace NebengJek::Server;

class TestStorage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void migrations_data() { backends(); }
    void migrations();
    void migrationsStepByStep_data() { backends(); }
    void migrationsStepByStep();
    void refusesNewerSchema_data() { backends(); }
    void refusesNewerSchema();
    void rides_data() { backends(); }
    void rides();
    void ridesSurviveReopen_data() { backends(); }
    void ridesSurviveReopen();
    void chatMessages_data() { backends(); }
    void chatMessages();
    void blocks_data() { backends(); }
    void blocks();
    void notifications_data() { backends(); }
    void notifications();
    void deliveryEvents_data() { backends(); }
    void deliveryEvents();
    void seqCounters_data() { backends(); }
    void seqCounters();
    void idempotencyKeys_data() { backends(); }
    void idempotencyKeys();
    void profilesRatingsAndHistory_data() { backends(); }
    void profilesRatingsAndHistory();
    void transactionRollsBack_data() { backends(); }
    void groupCommit();
    void groupCommit_data() { backends(); }
    void transactionRollsBack();

    void hubOnBackend_data() { backends(); }
    void hubOnBackend();

    void sqliteIsDurable();
    void walCheckpointsOffTheWriter();
    void badUrls();
    void unreachablePostgres();

private:
    void backends();
    // A fresh, empty database for the current data row.
    QString freshUrl();
    std::unique_ptr<Storage> openFresh(int schemaVersion = -1);

    QTemporaryDir m_dir;
    Tests::PostgresServer m_postgres;
    int m_counter = 0;
    QString m_lastUrl;
};

void TestStorage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    // CI installs PostgreSQL: not being able to start it is a failure, never a skip.
    QVERIFY2(m_postgres.start(&error), qPrintable(error));
}

void TestStorage::cleanupTestCase()
{
    m_postgres.stop();
}

void TestStorage::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString TestStorage::freshUrl()
{
    QFETCH(QString, backend);
    const int n = ++m_counter;
    if (backend == QLatin1String("sqlite"))
        m_lastUrl =
                QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("db%1.sqlite").arg(n));
    else {
        QString error;
        m_lastUrl = m_postgres.createDatabase(QStringLiteral("t%1").arg(n), &error);
        if (m_lastUrl.isEmpty())
            qWarning("createDatabase: %s", qPrintable(error));
    }
    return m_lastUrl;
}

std::unique_ptr<Storage> TestStorage::openFresh(int schemaVersion)
{
    const QString url = freshUrl();
    if (url.isEmpty())
        return nullptr;
    QString error;
    auto storage = Storage::open(url, &error, schemaVersion);
    if (!storage)
        qWarning("open %s: %s", qPrintable(url), qPrintable(error));
    return storage;
}

static QList<int> appliedVersions(Storage &storage)
{
    QList<int> versions;
    QSqlQuery q(storage.connection().database());
    q.exec(QStringLiteral("SELECT version FROM schema_version ORDER BY version"));
    while (q.next())
        versions.append(q.value(0).toInt());
    return versions;
}

void TestStorage::migrations()
{
    auto storage = openFresh();
    QVERIFY(storage);
    QVERIFY(storage->isHealthy());
    QCOMPARE(storage->schemaVersion(), Storage::latestSchemaVersion());
    QVERIFY(Storage::latestSchemaVersion() >= 5);
    QList<int> expected;
    for (int v = 1; v <= Storage::latestSchemaVersion(); ++v)
        expected.append(v);
    QCOMPARE(appliedVersions(*storage), expected);

    // Opening again applies nothing twice.
    storage.reset();
    QString error;
    storage = Storage::open(m_lastUrl, &error);
    QVERIFY2(storage, qPrintable(error));
    QCOMPARE(appliedVersions(*storage), expected);
}

void TestStorage::migrationsStepByStep()
{
    auto storage = openFresh(2);
    QVERIFY(storage);
    QCOMPARE(storage->schemaVersion(), 2);
    QCOMPARE(appliedVersions(*storage), (QList<int> {1, 2}));
    // Tables of later migrations do not exist yet.
    QSqlQuery q(storage->connection().database());
    QVERIFY(!q.exec(QStringLiteral("SELECT COUNT(*) FROM notifications")));
    // A row written at version 2 (by the binary of that time) survives the later migrations.
    QVERIFY(q.exec(
            QStringLiteral("INSERT INTO rides (match_id, passenger_id, state, pickup_lat,"
                           " pickup_lng, destination_lat, destination_lng, created_at,"
                           " updated_at) VALUES ('m1', 'p1', 'accepted', 1, 2, 3, 4, 1, 1)")));
    q.finish();
    storage.reset();

    QString error;
    storage = Storage::open(m_lastUrl, &error, 3);
    QVERIFY2(storage, qPrintable(error));
    QCOMPARE(appliedVersions(*storage), (QList<int> {1, 2, 3}));
    storage.reset();
    storage = Storage::open(m_lastUrl, &error);
    QVERIFY2(storage, qPrintable(error));
    QCOMPARE(storage->schemaVersion(), Storage::latestSchemaVersion());
    const auto found = storage->rides().findByMatchId(QStringLiteral("m1"));
    QVERIFY(found.ok && found.value);
    QCOMPARE(found.value->passengerId, QStringLiteral("p1"));
    QCOMPARE(found.value->destination, (Protocol::GeoPoint {3, 4}));
    QVERIFY(!found.value->lastDriverLocation); // the column added later is NULL
    // And the current code can update it.
    RideRecord updated = *found.value;
    updated.lastDriverLocation = Protocol::GeoPoint {5, 6};
    QVERIFY(storage->rides().save(updated));
    QCOMPARE(*storage->rides().findByMatchId(QStringLiteral("m1")).value->lastDriverLocation,
             (Protocol::GeoPoint {5, 6}));
}

void TestStorage::refusesNewerSchema()
{
    auto storage = openFresh();
    QVERIFY(storage);
    QSqlQuery q(storage->connection().database());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version (version, description, applied_at)"
                                  " VALUES (%1, 'from the future', 0)")
                           .arg(Storage::latestSchemaVersion() + 1)));
    q.finish();
    storage.reset();
    QString error;
    QVERIFY(!Storage::open(m_lastUrl, &error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
}

static RideRecord sampleRide(const QString &matchId, const QString &state)
{
    RideRecord r;
    r.matchId = matchId;
    r.passengerId = QStringLiteral("passenger-1");
    r.driverId = QStringLiteral("driver-1");
    r.state = state;
    r.pickup = {-6.2, 106.8};
    r.destination = {-6.25, 106.85};
    r.createdAt = 1000;
    r.updatedAt = 1000;
    return r;
}

void TestStorage::rides()
{
    auto storage = openFresh();
    QVERIFY(storage);
    RideRepository &rides = storage->rides();

    // Two rows without a ride id: NULL does not collide with the UNIQUE constraint.
    RideRecord a = sampleRide(QStringLiteral("match-a"), QStringLiteral("proposed"));
    a.pastCandidates = {QStringLiteral("driver-0"), QStringLiteral("driver-x")};
    a.proposalExpiresAt = 123456789012;
    RideRecord b = sampleRide(QStringLiteral("match-b"), QStringLiteral("expired"));
    b.driverId.clear();
    QVERIFY(rides.save(a));
    QVERIFY(rides.save(b));

    auto found = rides.findByMatchId(QStringLiteral("match-a"));
    QVERIFY(found.ok && found.value);
    QCOMPARE(found.value->pastCandidates, a.pastCandidates);
    QCOMPARE(found.value->proposalExpiresAt, a.proposalExpiresAt);
    QCOMPARE(found.value->pickup, a.pickup);
    QCOMPARE(found.value->destination, a.destination);
    QVERIFY(found.value->rideId.isEmpty());

    // Update in place (upsert).
    a.state = QStringLiteral("accepted");
    a.rideId = QStringLiteral("ride-a");
    a.acceptedAt = 2000;
    a.distanceMeters = 1234.5;
    a.fare = 8086;
    QVERIFY(rides.save(a));
    found = rides.findByRideId(QStringLiteral("ride-a"));
    QVERIFY(found.ok && found.value);
    QCOMPARE(found.value->matchId, QStringLiteral("match-a"));
    QCOMPARE(found.value->state, QStringLiteral("accepted"));
    QCOMPARE(found.value->distanceMeters, 1234.5);
    QCOMPARE(found.value->fare, qint64(8086));

    QVERIFY(!found.value->lastDriverLocation);
    const Protocol::GeoPoint anchor {-6.21, 106.82};
    QVERIFY(rides.saveDistance(QStringLiteral("match-a"), 2000.25, anchor, 3000));
    found = rides.findByMatchId(QStringLiteral("match-a"));
    QCOMPARE(found.value->distanceMeters, 2000.25);
    QCOMPARE(found.value->updatedAt, qint64(3000));
    QVERIFY(found.value->lastDriverLocation);
    QCOMPARE(*found.value->lastDriverLocation, anchor);
    QVERIFY(rides.saveDistance(QStringLiteral("match-a"), 2000.25, std::nullopt, 3000));
    QVERIFY(!rides.findByMatchId(QStringLiteral("match-a")).value->lastDriverLocation);

    const auto missing = rides.findByMatchId(QStringLiteral("nope"));
    QVERIFY(missing.ok);
    QVERIFY(!missing.value);

    const auto active =
            rides.findInStates({QStringLiteral("proposed"), QStringLiteral("accepted")});
    QVERIFY(active.ok);
    QCOMPARE(active.value.size(), 1);
    QCOMPARE(active.value.constFirst().matchId, QStringLiteral("match-a"));

    // Partners: the active ride's driver; the expired one without a driver is nobody's.
    const auto partners =
            rides.partnersOf(QStringLiteral("passenger-1"), {QStringLiteral("accepted")}, 0);
    QVERIFY(partners.ok);
    QCOMPARE(partners.value, QStringList {QStringLiteral("driver-1")});
    const auto ofDriver =
            rides.partnersOf(QStringLiteral("driver-1"), {QStringLiteral("accepted")}, 0);
    QCOMPARE(ofDriver.value, QStringList {QStringLiteral("passenger-1")});
    // A completed ride counts only while recent.
    a.state = QStringLiteral("completed");
    QVERIFY(rides.save(a));
    QCOMPARE(rides.partnersOf(QStringLiteral("driver-1"), {QStringLiteral("accepted")}, 1000)
                     .value.size(),
             1);
    QCOMPARE(rides.partnersOf(QStringLiteral("driver-1"), {QStringLiteral("accepted")}, 999999)
                     .value.size(),
             0);
}

void TestStorage::ridesSurviveReopen()
{
    auto storage = openFresh();
    QVERIFY(storage);
    QVERIFY(storage->rides().save(
            sampleRide(QStringLiteral("m-keep"), QStringLiteral("in_progress"))));
    storage.reset();
    QString error;
    storage = Storage::open(m_lastUrl, &error);
    QVERIFY2(storage, qPrintable(error));
    const auto active = storage->rides().findInStates({QStringLiteral("in_progress")});
    QVERIFY(active.ok);
    QCOMPARE(active.value.size(), 1);
}

void TestStorage::chatMessages()
{
    auto storage = openFresh();
    QVERIFY(storage);
    ChatRepository &chat = storage->chat();
    auto message = [](const QString &id, const QString &from, const QString &to, bool withheld) {
        ChatMessageRecord m;
        m.messageId = id;
        m.matchId = QStringLiteral("match-1");
        m.senderId = from;
        m.recipientId = to;
        m.body = QStringLiteral("halo, saya di depan — \"gerbang\" 🚗");
        m.sentAt = 10;
        m.withheld = withheld;
        return m;
    };
    ChatMessageRecord m1 =
            message(QStringLiteral("msg-1"), QStringLiteral("d"), QStringLiteral("p"), false);
    ChatMessageRecord m2 =
            message(QStringLiteral("msg-2"), QStringLiteral("d"), QStringLiteral("p"), true);
    ChatMessageRecord m3 =
            message(QStringLiteral("msg-3"), QStringLiteral("d"), QStringLiteral("p"), false);
    ChatMessageRecord m4 =
            message(QStringLiteral("msg-4"), QStringLiteral("p"), QStringLiteral("d"), false);
    for (ChatMessageRecord *m : {&m1, &m2, &m3, &m4})
        QVERIFY(chat.insert(*m));
    QVERIFY(m1.position > 0);
    QVERIFY(m2.position > m1.position && m3.position > m2.position);

    ChatMessageRecord duplicate = m1;
    QVERIFY(!chat.insert(duplicate)); // message ids are unique
    storage->connection().recordSuccess();

    const auto found = chat.find(QStringLiteral("msg-1"));
    QVERIFY(found.ok && found.value);
    QCOMPARE(found.value->body, m1.body);

    // Up to msg-1 only.
    auto marked = chat.markRead(QStringLiteral("match-1"), QStringLiteral("p"), m1.position, 20);
    QVERIFY(marked.ok);
    QCOMPARE(marked.value, QStringList {QStringLiteral("msg-1")});
    // The rest: msg-3 (msg-2 was withheld, msg-4 is p's own).
    marked = chat.markRead(QStringLiteral("match-1"), QStringLiteral("p"), 0, 30);
    QCOMPARE(marked.value, QStringList {QStringLiteral("msg-3")});
    marked = chat.markRead(QStringLiteral("match-1"), QStringLiteral("p"), 0, 40);
    QVERIFY(marked.ok);
    QVERIFY(marked.value.isEmpty());

    const auto conversation = chat.conversation(QStringLiteral("match-1"));
    QVERIFY(conversation.ok);
    QCOMPARE(conversation.value.size(), 4);
    QCOMPARE(conversation.value.at(0).readAt, qint64(20));
    QCOMPARE(conversation.value.at(1).readAt, qint64(0));
    QVERIFY(conversation.value.at(1).withheld);
    QCOMPARE(conversation.value.at(2).readAt, qint64(30));
}

void TestStorage::blocks()
{
    auto storage = openFresh();
    QVERIFY(storage);
    BlockRepository &blocks = storage->blocks();
    auto added = blocks.add(QStringLiteral("a"), QStringLiteral("b"), 1);
    QVERIFY(added.ok && added.value);
    added = blocks.add(QStringLiteral("a"), QStringLiteral("b"), 2);
    QVERIFY(added.ok);
    QVERIFY(!added.value); // already there
    QVERIFY(blocks.add(QStringLiteral("c"), QStringLiteral("a"), 3).value);
    auto involving = blocks.involving(QStringLiteral("a"));
    QVERIFY(involving.ok);
    QCOMPARE(involving.value.size(), 2);
    auto removed = blocks.remove(QStringLiteral("a"), QStringLiteral("b"));
    QVERIFY(removed.ok && removed.value);
    removed = blocks.remove(QStringLiteral("a"), QStringLiteral("b"));
    QVERIFY(removed.ok && !removed.value);
    QCOMPARE(blocks.involving(QStringLiteral("b")).value.size(), 0);
}

void TestStorage::notifications()
{
    auto storage = openFresh();
    QVERIFY(storage);
    NotificationRepository &repo = storage->notifications();
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        NotificationRecord n;
        n.userId = QStringLiteral("u1");
        n.kind = QStringLiteral("ride_started");
        n.title = QStringLiteral("Title %1").arg(i);
        n.body = QStringLiteral("Body");
        n.data = R"({"ride_id":"r1"})";
        n.createdAt = 100 + i;
        QVERIFY(repo.insert(n));
        QVERIFY(ids.isEmpty() || n.id > ids.constLast());
        ids.append(n.id);
    }
    NotificationRecord other;
    other.userId = QStringLiteral("u2");
    other.kind = QStringLiteral("x");
    other.data = "{}";
    QVERIFY(repo.insert(other));

    auto page = repo.page(QStringLiteral("u1"), 0, 2);
    QVERIFY(page.ok);
    QCOMPARE(page.value.size(), 2);
    QCOMPARE(page.value.at(0).id, ids.at(4));
    QCOMPARE(page.value.at(1).id, ids.at(3));
    QCOMPARE(page.value.at(0).data, QByteArray(R"({"ride_id":"r1"})"));
    page = repo.page(QStringLiteral("u1"), ids.at(3), 10);
    QCOMPARE(page.value.size(), 3);
    QCOMPARE(page.value.constLast().id, ids.at(0));

    QCOMPARE(repo.unreadCount(QStringLiteral("u1")).value, 5);
    QCOMPARE(repo.countOwned(QStringLiteral("u1"), {ids.at(0), other.id}).value, 1);
    QCOMPARE(repo.markRead(QStringLiteral("u1"), {ids.at(0), ids.at(1)}).value, 2);
    QCOMPARE(repo.markRead(QStringLiteral("u1"), {ids.at(0)}).value, 0);
    QCOMPARE(repo.unreadCount(QStringLiteral("u1")).value, 3);
    QCOMPARE(repo.newestId(QStringLiteral("u1")).value, ids.at(4));
    QCOMPARE(repo.newestId(QStringLiteral("nobody")).value, qint64(0));
    QCOMPARE(repo.markAllRead(QStringLiteral("u1"), ids.at(3)).value, 2);
    QCOMPARE(repo.unreadCount(QStringLiteral("u1")).value, 1);
    QCOMPARE(repo.unreadCount(QStringLiteral("u2")).value, 1);
}

void TestStorage::deliveryEvents()
{
    auto storage = openFresh();
    QVERIFY(storage);
    EventRepository &events = storage->events();
    QCOMPARE(events.latestSeq(QStringLiteral("u")).value, qint64(0));
    for (qint64 seq = 1; seq <= 10; ++seq)
        QVERIFY(events.insert(QStringLiteral("u"), seq, 32,
                              QByteArray("frame-") + QByteArray::number(seq), seq));
    QVERIFY(events.insert(QStringLiteral("v"), 1, 32, "other", 1));
    QVERIFY(!events.insert(QStringLiteral("u"), 5, 32, "dup", 1)); // (user, seq) is unique
    storage->connection().recordSuccess();

    QCOMPARE(events.latestSeq(QStringLiteral("u")).value, qint64(10));
    QCOMPARE(events.oldestSeq(QStringLiteral("u")).value, qint64(1));
    auto range = events.range(QStringLiteral("u"), 3, 6);
    QVERIFY(range.ok);
    QCOMPARE(range.value.size(), 3);
    QCOMPARE(range.value.at(0).seq, qint64(4));
    QCOMPARE(range.value.at(2).frame, QByteArray("frame-6"));
    QVERIFY(events.pruneUpTo(QStringLiteral("u"), 7));
    QCOMPARE(events.oldestSeq(QStringLiteral("u")).value, qint64(8));
    QCOMPARE(events.latestSeq(QStringLiteral("u")).value, qint64(10));
    QCOMPARE(events.oldestSeq(QStringLiteral("v")).value, qint64(1));
}

void TestStorage::seqCounters()
{
    auto storage = openFresh();
    QVERIFY(storage);
    EventRepository &events = storage->events();
    // A user's first number continues after events written without a counter (the upsert),
    // later ones come from the counter alone (the keyed UPDATE).
    QVERIFY(events.insert(QStringLiteral("u"), 7, 32, "imported", 1));
    QCOMPARE(events.allocateSeq(QStringLiteral("u")).value, qint64(8));
    QCOMPARE(events.allocateSeq(QStringLiteral("u")).value, qint64(9));
    QCOMPARE(events.allocateSeq(QStringLiteral("v")).value, qint64(1));
    QCOMPARE(events.allocateSeq(QStringLiteral("u")).value, qint64(10));
    QCOMPARE(events.allocateSeq(QStringLiteral("v")).value, qint64(2));
    QCOMPARE(events.latestSeq(QStringLiteral("u")).value, qint64(10));
    {
        // A rollback gives the numbers back.
        Transaction t(*storage);
        QCOMPARE(events.allocateSeq(QStringLiteral("u")).value, qint64(11));
        t.rollback();
    }
    QCOMPARE(events.allocateSeq(QStringLiteral("u")).value, qint64(11));
    QVERIFY(storage->isHealthy());
}

void TestStorage::idempotencyKeys()
{
    auto storage = openFresh();
    QVERIFY(storage);
    IdempotencyRepository &keys = storage->idempotency();
    for (int i = 0; i < 10; ++i)
        QVERIFY(keys.insert(
                QStringLiteral("u"),
                {QStringLiteral("r%1").arg(i), 30, QByteArray("reply") + QByteArray::number(i)},
                i));
    QVERIFY(keys.insert(QStringLiteral("w"), {QStringLiteral("r0"), 30, "w-reply"}, 0));
    QVERIFY(!keys.insert(QStringLiteral("u"), {QStringLiteral("r3"), 30, "again"}, 0));
    storage->connection().recordSuccess();

    auto found = keys.find(QStringLiteral("u"), QStringLiteral("r3"));
    QVERIFY(found.ok && found.value);
    QCOMPARE(found.value->reply, QByteArray("reply3"));
    QCOMPARE(found.value->type, 30);
    QVERIFY(keys.prune(QStringLiteral("u"), 4));
    QVERIFY(!keys.find(QStringLiteral("u"), QStringLiteral("r5")).value);
    QVERIFY(keys.find(QStringLiteral("u"), QStringLiteral("r6")).value);
    QVERIFY(keys.find(QStringLiteral("u"), QStringLiteral("r9")).value);
    QVERIFY(keys.find(QStringLiteral("w"), QStringLiteral("r0")).value);
    // Pruning below the window deletes nothing.
    QVERIFY(keys.prune(QStringLiteral("w"), 4));
    QVERIFY(keys.find(QStringLiteral("w"), QStringLiteral("r0")).value);
}

void TestStorage::transactionRollsBack()
{
    auto storage = openFresh();
    QVERIFY(storage);
    {
        Transaction tx(*storage);
        QVERIFY(tx.isActive());
        QVERIFY(storage->rides().save(
                sampleRide(QStringLiteral("gone"), QStringLiteral("accepted"))));
        QVERIFY(storage->events().insert(QStringLiteral("u"), 1, 1, "x", 1));
        // Destroyed without commit: both writes disappear together.
    }
    QVERIFY(!storage->rides().findByMatchId(QStringLiteral("gone")).value);
    QCOMPARE(storage->events().latestSeq(QStringLiteral("u")).value, qint64(0));
    {
        Transaction tx(*storage);
        QVERIFY(storage->rides().save(
                sampleRide(QStringLiteral("kept"), QStringLiteral("accepted"))));
        QVERIFY(storage->events().insert(QStringLiteral("u"), 1, 1, "x", 1));
        QVERIFY(tx.commit());
    }
    QVERIFY(storage->rides().findByMatchId(QStringLiteral("kept")).value);
    QCOMPARE(storage->events().latestSeq(QStringLiteral("u")).value, qint64(1));
    QVERIFY(storage->isHealthy());
}

// Group commit on each backend: transactions between beginGroup() and commitGroup() share one
// COMMIT; one that fails (after a write, by a statement error, which aborts the whole
// transaction on PostgreSQL unless rolled back to its savepoint) undoes only itself, whether it
// opened the group or joined it; nothing is visible to another connection before the COMMIT.
void TestStorage::groupCommit()
{
    auto storage = openFresh();
    QVERIFY(storage);
    QString error;
    auto observer = Storage::open(m_lastUrl, &error);
    QVERIFY2(observer, qPrintable(error));
    const QString user = QStringLiteral("u");
    auto insert = [&](qint64 seq) {
        return storage->events().insert(user, seq, 1, "x", 1);
    };
    auto seen = [&](qint64 seq) {
        const auto r = observer->events().range(user, seq - 1, seq);
        return r.ok && r.value.size() == 1;
    };
    const quint64 commits = storage->commitCount();
    const quint64 committed = storage->committedTransactionCount();

    storage->beginGroup();
    {
        Transaction t(*storage); // opens the group
        QVERIFY(insert(1));
        QVERIFY(t.commit());
    }
    {
        Transaction t(*storage); // a savepoint: written, then a statement fails
        QVERIFY(insert(2));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("failed")));
        QVERIFY(!insert(1)); // duplicate key
        t.rollback();
    }
    {
        Transaction t(*storage);
        QVERIFY(insert(3));
        QVERIFY(t.commit());
    }
    QVERIFY(storage->hasPendingGroup());
    QVERIFY(!seen(1));
    QVERIFY(storage->commitGroup());
    QVERIFY(!storage->hasPendingGroup());
    QVERIFY(seen(1));
    QVERIFY(!seen(2));
    QVERIFY(seen(3));
    QCOMPARE(storage->commitCount() - commits, quint64(1));
    QCOMPARE(storage->committedTransactionCount() - committed, quint64(2));

    // The transaction that opened the group fails: the group starts afresh with the next one.
    storage->beginGroup();
    {
        Transaction t(*storage);
        QVERIFY(insert(4));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("failed")));
        QVERIFY(!insert(3));
        t.rollback();
    }
    {
        Transaction t(*storage);
        QVERIFY(insert(5));
        QVERIFY(t.commit());
    }
    QVERIFY(storage->commitGroup());
    QVERIFY(!seen(4));
    QVERIFY(seen(5));
    QCOMPARE(storage->commitCount() - commits, quint64(2));
    QCOMPARE(storage->committedTransactionCount() - committed, quint64(3));

    // Outside a group a Transaction commits by itself, as before.
    {
        Transaction t(*storage);
        QVERIFY(insert(6));
        QVERIFY(t.commit());
    }
    QVERIFY(seen(6));
    QCOMPARE(storage->commitCount() - commits, quint64(3));
}

// The hub itself on each backend: a ride with chat, notifications and resume, then a restart
// that must find the ride again. Catches SQL that only one backend accepts.
void TestStorage::hubOnBackend()
{
    using Protocol::MessageType;
    using Protocol::Role;
    auto storage = openFresh();
    QVERIFY(storage);
    Tests::RecordingOutbox outbox;
    Server::HubConfig config;
    auto hub = std::make_unique<Hub>(storage.get(), config, &outbox);
    hub->connectionOpened(1, {QStringLiteral("d1"), Role::Driver});
    hub->connectionOpened(2, {QStringLiteral("p1"), Role::Passenger});
    int next = 0;
    auto request = [&](ConnectionId c, MessageType type, const QJsonObject &payload) {
        const QString id = QStringLiteral("q%1").arg(++next);
        hub->handle(c, Protocol::Envelope::make(type, payload, id));
        hub->commitPending();
        for (const Protocol::Envelope &e : outbox.take(c)) {
            if (e.id == id)
                return e;
        }
        return Protocol::Envelope::make(MessageType::Error);
    };
    QCOMPARE(request(1, MessageType::BeaconUpdate, Tests::beacon(-6.2010, 106.8170)).type,
             MessageType::Ack);
    const Protocol::Envelope requested =
            request(2, MessageType::FinderUpdate,
                    Tests::finder(Tests::point(-6.2, 106.8166), Tests::point(-6.225, 106.83)));
    const QString matchId = Tests::str(requested, "match_id");
    const QString rideId = Tests::str(
            request(1, MessageType::MatchConfirm,
                    {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}}),
            "ride_id");
    QVERIFY(!rideId.isEmpty());
    QCOMPARE(request(2, MessageType::MessageSend,
                     {{QStringLiteral("match_id"), matchId},
                      {QStringLiteral("temp_id"), QStringLiteral("t")},
                      {QStringLiteral("body"), QStringLiteral("halo")}})
                     .type,
             MessageType::MessageSent);
    QCOMPARE(request(1, MessageType::MessageRead, {{QStringLiteral("match_id"), matchId}})
                     .payload.value(QStringLiteral("marked_count"))
                     .toInt(),
             1);
    QCOMPARE(request(1, MessageType::RideStart, {{QStringLiteral("ride_id"), rideId}}).type,
             MessageType::Ack);
    hub->handle(1,
                Protocol::Envelope::make(MessageType::LocationUpdate, Tests::point(-6.21, 106.82)));
    const Protocol::Envelope list =
            request(2, MessageType::NotificationList, {{QStringLiteral("limit"), 1}});
    QCOMPARE(list.payload.value(QStringLiteral("items")).toArray().size(), 1);
    QVERIFY(list.payload.contains(QStringLiteral("next_before_id")));
    QCOMPARE(request(2, MessageType::NotificationMarkAllRead, {})
                     .payload.value(QStringLiteral("unread_count"))
                     .toInt(),
             0);
    // A second device of the passenger catches up from the start.
    hub->connectionOpened(4, {QStringLiteral("p1"), Role::Passenger});
    const Protocol::Envelope done =
            request(4, MessageType::Resume, {{QStringLiteral("last_seq"), 0}});
    // proposal, accepted, read_update, pickup
    QCOMPARE(done.payload.value(QStringLiteral("replayed")).toInt(), 4);
    QVERIFY(hub->isHealthy());

    // Restart on the same database: the ride in progress is back, with its distance anchor.
    hub.reset();
    storage.reset();
    QString error;
    storage = Storage::open(m_lastUrl, &error);
    QVERIFY2(storage, qPrintable(error));
    hub = std::make_unique<Hub>(storage.get(), config, &outbox);
    QCOMPARE(hub->activeRideCount(), 1);
    hub->connectionOpened(3, {QStringLiteral("d1"), Role::Driver});
    hub->handle(
            3, Protocol::Envelope::make(MessageType::LocationUpdate, Tests::point(-6.225, 106.83)));
    const Protocol::Envelope arrived =
            request(3, MessageType::RideArrived, {{QStringLiteral("ride_id"), rideId}});
    QCOMPARE(arrived.type, MessageType::Ack);
    const double expected = Protocol::distanceMeters({-6.2010, 106.8170}, {-6.21, 106.82})
            + Protocol::distanceMeters({-6.21, 106.82}, {-6.225, 106.83});
    QVERIFY(arrived.payload.value(QStringLiteral("distance_m")).toDouble() > 0);
    QVERIFY(qAbs(arrived.payload.value(QStringLiteral("distance_m")).toDouble() - expected)
            < Protocol::distanceMeters({-6.2010, 106.8170}, {-6.2, 106.8166}) + 1);
}

void TestStorage::sqliteIsDurable()
{
    QString error;
    const QString url =
            QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("durable/nested/hub.db"));
    auto storage = Storage::open(url, &error);
    QVERIFY2(storage, qPrintable(error)); // creates missing directories
    QCOMPARE(storage->backend(), Storage::Backend::Sqlite);
    QSqlQuery q(storage->connection().database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2); // FULL
    QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() >= 1000);
    q.finish();
    storage->flush();
    QVERIFY(storage->isHealthy());
    QVERIFY(storage->probe());

    auto memory = Storage::open(QStringLiteral("sqlite::memory:"), &error);
    QVERIFY2(memory, qPrintable(error));
    QCOMPARE(memory->schemaVersion(), Storage::latestSchemaVersion());

    // A hub without storage keeps its state in an in-memory database of its own.
    Tests::RecordingOutbox outbox;
    Hub hub(nullptr, Server::HubConfig(), &outbox);
    hub.connectionOpened(1, {QStringLiteral("u"), Protocol::Role::Passenger});
    hub.handle(1,
               Protocol::Envelope::make(Protocol::MessageType::NotificationUnreadCount, {},
                                        QStringLiteral("x")));
    hub.commitPending();
    QCOMPARE(outbox.take(1).constLast().type, Protocol::MessageType::NotificationUnreadCount);
    QVERIFY(hub.isHealthy());
}

void TestStorage::walCheckpointsOffTheWriter()
{
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("checkpoint/hub.db"));
    auto storage = Storage::open(QStringLiteral("sqlite://") + path, &error);
    QVERIFY2(storage, qPrintable(error));
    const WalCheckpointer *checkpointer = storage->walCheckpointer();
    QVERIFY(checkpointer);
    // The writer's own checkpoint is only a backstop, far above SQLite's 1,000 pages.
    QSqlQuery q(storage->connection().database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() > 4000);
    q.finish();

    // Well below the backstop: only the checkpoint thread can copy these pages.
    const QByteArray frame(3000, 'x');
    for (int i = 1; i <= 200; ++i)
        QVERIFY(storage->events().insert(QStringLiteral("u%1").arg(i % 7), i, 32, frame, i));
    const quint64 passesBefore = checkpointer->passes();
    QTRY_VERIFY_WITH_TIMEOUT(
            checkpointer->passes() > passesBefore + 1 && checkpointer->lastWalFrames() > 100
                    && checkpointer->lastCheckpointedFrames() == checkpointer->lastWalFrames(),
            10000);

    // Caught up, the writer's next transaction starts the WAL from its beginning again: the
    // file stays bounded without the writer checkpointing.
    const qint64 framesBefore = checkpointer->lastWalFrames();
    QVERIFY(storage->events().insert(QStringLiteral("u"), 1000, 32, frame, 1000));
    QTRY_VERIFY_WITH_TIMEOUT(
            checkpointer->lastWalFrames() > 0 && checkpointer->lastWalFrames() < framesBefore
                    && checkpointer->lastCheckpointedFrames() == checkpointer->lastWalFrames(),
            10000);
    QVERIFY(storage->isHealthy());

    auto memory = Storage::open(QStringLiteral("sqlite::memory:"), &error);
    QVERIFY2(memory, qPrintable(error));
    QVERIFY(!memory->walCheckpointer()); // no WAL to checkpoint
}

void TestStorage::badUrls()
{
    QString error;
    QVERIFY(!Storage::open(QStringLiteral("mysql://x/y"), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!Storage::open(QStringLiteral("postgresql://127.0.0.1"), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!Storage::open(QStringLiteral("sqlite://"), &error));
    QVERIFY(!error.isEmpty());
}

void TestStorage::unreachablePostgres()
{
    QString error;
    // The fixture's port with a database that does not exist, and a closed port.
    QVERIFY(!Storage::open(m_postgres.urlFor(QStringLiteral("does_not_exist")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains(QLatin1String("secret")));
    error.clear();
    QVERIFY(!Storage::open(QStringLiteral("postgresql://u:secret@127.0.0.1:1/db"), &error));
    QVERIFY2(!error.contains(QLatin1String("secret")), qPrintable(error));
    // libpq options in the URL query reach the driver; option injection is refused.
    QString url = m_postgres.urlFor(QStringLiteral("postgres"))
            + QStringLiteral("?application_name=nebengjek-test&sslmode=disable");
    QVERIFY2(Storage::open(url, &error), qPrintable(error));
    QVERIFY(!Storage::open(m_postgres.urlFor(QStringLiteral("postgres"))
                                   + QStringLiteral("?sslmode=disable;host=evil"),
                           &error));
}

// Issue #13's tables: profiles (upsert), ratings (one per rater and ride, averages), the
// history query (ended rides with a driver, newest first, cursor paging) and the notifications'
// text keys, on both backends.
void TestStorage::profilesRatingsAndHistory()
{
    auto storage = openFresh();
    QVERIFY(storage);
    ProfileRepository profiles(storage->connection());
    QVERIFY(profiles.save({QStringLiteral("driver-1"), QStringLiteral("Budi"),
                           QStringLiteral("Vario"), QStringLiteral("B 1"), 1}));
    QVERIFY(profiles.save({QStringLiteral("driver-1"), QStringLiteral("Budi S."),
                           QStringLiteral("Vario"), QStringLiteral("B 2"), 2}));
    auto found = profiles.find({QStringLiteral("driver-1"), QStringLiteral("nobody")});
    QVERIFY(found.ok);
    QCOMPARE(found.value.size(), 1);
    QCOMPARE(found.value.value(QStringLiteral("driver-1")).name, QStringLiteral("Budi S."));
    QCOMPARE(found.value.value(QStringLiteral("driver-1")).plate, QStringLiteral("B 2"));

    using Insert = ProfileRepository::InsertResult;
    QCOMPARE(profiles.addRating({QStringLiteral("r1"), QStringLiteral("passenger-1"),
                                 QStringLiteral("driver-1"), 5, QStringLiteral("great"), 10}),
             Insert::Inserted);
    QCOMPARE(profiles.addRating({QStringLiteral("r2"),
                                 QStringLiteral("passenger-1"),
                                 QStringLiteral("driver-1"),
                                 4,
                                 {},
                                 11}),
             Insert::Inserted);
    QCOMPARE(profiles.addRating({QStringLiteral("r1"),
                                 QStringLiteral("passenger-1"),
                                 QStringLiteral("driver-1"),
                                 1,
                                 {},
                                 12}),
             Insert::Duplicate);
    const auto summary = profiles.ratingsOf({QStringLiteral("driver-1"), QStringLiteral("x")});
    QVERIFY(summary.ok);
    QCOMPARE(summary.value.size(), 1);
    QCOMPARE(summary.value.value(QStringLiteral("driver-1")).count, 2);
    QCOMPARE(summary.value.value(QStringLiteral("driver-1")).average, 4.5);
    const auto given = profiles.ratingsGivenBy(QStringLiteral("passenger-1"),
                                               {QStringLiteral("r1"), QStringLiteral("r3")});
    QCOMPARE(given.value, (QHash<QString, int> {{QStringLiteral("r1"), 5}}));

    // History: three ended rides with a driver, one request cancelled before any driver, one
    // active ride; newest first by completed_at (else updated_at), paged.
    RideRepository &rides = storage->rides();
    auto ended = [&](const char *match, const char *ride, const char *state, qint64 completedAt,
                     qint64 updatedAt) {
        RideRecord r = sampleRide(QLatin1String(match), QLatin1String(state));
        r.rideId = QLatin1String(ride);
        r.completedAt = completedAt;
        r.updatedAt = updatedAt;
        return rides.save(r);
    };
    QVERIFY(ended("m1", "r1", "completed", 3000, 3000));
    QVERIFY(ended("m2", "r2", "cancelled", 0, 5000));
    QVERIFY(ended("m3", "r3", "completed", 4000, 4000));
    QVERIFY(ended("m4", "r4", "in_progress", 0, 6000));
    RideRecord unmatched = sampleRide(QStringLiteral("m5"), QStringLiteral("cancelled"));
    unmatched.updatedAt = 7000;
    QVERIFY(rides.save(unmatched));
    auto page =
            rides.history(QStringLiteral("passenger-1"), std::numeric_limits<qint64>::max(), {}, 2);
    QVERIFY(page.ok);
    QCOMPARE(page.value.size(), 2);
    QCOMPARE(page.value.at(0).matchId, QStringLiteral("m2"));
    QCOMPARE(page.value.at(1).matchId, QStringLiteral("m3"));
    page = rides.history(QStringLiteral("passenger-1"), 4000, QStringLiteral("m3"), 2);
    QCOMPARE(page.value.size(), 1);
    QCOMPARE(page.value.at(0).matchId, QStringLiteral("m1"));
    // The driver sees the same rides; a stranger none.
    QCOMPARE(rides.history(QStringLiteral("driver-1"), std::numeric_limits<qint64>::max(), {}, 10)
                     .value.size(),
             3);
    QVERIFY(rides.history(QStringLiteral("x"), std::numeric_limits<qint64>::max(), {}, 10)
                    .value.isEmpty());

    NotificationRecord n;
    n.userId = QStringLiteral("u1");
    n.kind = QStringLiteral("collect_cash");
    n.title = QStringLiteral("Collect cash");
    n.data = "{}";
    n.textKey = QStringLiteral("notification.collect_cash");
    n.textArgs = R"({"fare":6170})";
    QVERIFY(storage->notifications().insert(n));
    const auto stored = storage->notifications().page(QStringLiteral("u1"), 0, 1);
    QCOMPARE(stored.value.at(0).textKey, QStringLiteral("notification.collect_cash"));
    QCOMPARE(stored.value.at(0).textArgs, QByteArray(R"({"fare":6170})"));
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
