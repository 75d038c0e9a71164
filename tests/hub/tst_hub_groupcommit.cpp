// SPDX-License-Identifier: MIT
// Group commit: the durable commands of one event-loop pass share one COMMIT; nothing is sent
// before that commit; a failing command does not fail the others; a failed commit answers every
// command of its group UNAVAILABLE and leaves the hub working.
#include "hubtestsupport.h"

#include <storage/storage.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace NebengJek;
using namespace NebengJek::Tests;
using Protocol::MessageType;
using Protocol::Role;

class TestHubGroupCommit : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void onePassIsOneCommit();
    void nothingSentBeforeTheCommit();
    void failingCommandLeavesTheOthers_data();
    void failingCommandLeavesTheOthers();
    void failedCommitAnswersEveryCommandUnavailable();
    void withoutGroupCommitEachCommandCommits();

private:
    QJsonObject send(const QString &body, const QString &tempId) const
    {
        return {{QStringLiteral("match_id"), m_ride.matchId},
                {QStringLiteral("temp_id"), tempId},
                {QStringLiteral("body"), body}};
    }
    // Hands a message.send to the hub without running the event loop: it joins the open group.
    QString handleSend(const Client &from, const QString &body)
    {
        const QString id = m_h->nextId();
        m_h->hub().handle(from.connection,
                          Envelope::make(MessageType::MessageSend, send(body, id), id));
        return id;
    }
    // Rows in chat_messages as another connection sees them: only what is committed.
    int committedMessages(const QString &bodyLike = QStringLiteral("%"));
    // Runs SQL on a second connection to the hub's database (test-only triggers).
    void sideSql(const QString &sql);

    std::unique_ptr<HubHarness> m_h;
    Client m_driver;
    Client m_passenger;
    AcceptedRide m_ride;
};

void TestHubGroupCommit::init()
{
    m_h = std::make_unique<HubHarness>();
    m_driver = m_h->connect(QStringLiteral("driver-1"), Role::Driver);
    m_passenger = m_h->connect(QStringLiteral("passenger-1"), Role::Passenger);
    m_ride = acceptRide(*m_h, m_driver, m_passenger);
    QVERIFY(!m_ride.rideId.isEmpty());
}

void TestHubGroupCommit::cleanup()
{
    m_h.reset();
}

int TestHubGroupCommit::committedMessages(const QString &bodyLike)
{
    int count = -1;
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("observer"));
        db.setDatabaseName(m_h->databaseUrl().mid(QStringLiteral("sqlite://").size()));
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM chat_messages WHERE body LIKE ?"));
            q.addBindValue(bodyLike);
            if (q.exec() && q.next())
                count = q.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("observer"));
    return count;
}

void TestHubGroupCommit::sideSql(const QString &sql)
{
    bool ok = false;
    QString error;
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("side"));
        db.setDatabaseName(m_h->databaseUrl().mid(QStringLiteral("sqlite://").size()));
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
            error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("side"));
    QVERIFY2(ok, qPrintable(error));
}

void TestHubGroupCommit::onePassIsOneCommit()
{
    HubHarness &h = *m_h;
    const quint64 commitsBefore = h.storage().commitCount();
    const quint64 commandsBefore = h.storage().committedTransactionCount();
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        ids.append(handleSend(m_passenger, QStringLiteral("from passenger %1").arg(i)));
        ids.append(handleSend(m_driver, QStringLiteral("from driver %1").arg(i)));
    }
    // The end of the event-loop pass commits the group: ten commands, one COMMIT.
    QTRY_COMPARE(h.count(m_passenger, MessageType::MessageSent), 5);
    QCOMPARE(h.count(m_driver, MessageType::MessageSent), 5);
    QCOMPARE(h.storage().commitCount() - commitsBefore, quint64(1));
    QCOMPARE(h.storage().committedTransactionCount() - commandsBefore, quint64(10));
    QCOMPARE(committedMessages(), 10);
    // Each party got the other's five messages live, in order, with consecutive seqs.
    const QList<Envelope> atDriver = h.take(m_driver, MessageType::MessageNew);
    QCOMPARE(atDriver.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(str(atDriver[i], "body"), QStringLiteral("from passenger %1").arg(i));
        QCOMPARE(atDriver[i].seq, atDriver[0].seq + i);
    }
    // A command on its own, later: a group of one.
    EXPECT_TYPE(h.request(m_driver, MessageType::MessageSend,
                          send(QStringLiteral("alone"), QStringLiteral("t-alone"))),
                MessageType::MessageSent);
    QCOMPARE(h.storage().commitCount() - commitsBefore, quint64(2));
    QCOMPARE(h.storage().committedTransactionCount() - commandsBefore, quint64(11));
}

void TestHubGroupCommit::nothingSentBeforeTheCommit()
{
    HubHarness &h = *m_h;
    handleSend(m_passenger, QStringLiteral("second"));
    // Applied (in the open transaction) but not committed: no ack, no delivery, and another
    // connection does not see the rows.
    QVERIFY(h.outbox().peek(m_passenger.connection).isEmpty());
    QVERIFY(h.outbox().peek(m_driver.connection).isEmpty());
    QCOMPARE(committedMessages(), 0);
    // kill -9 now: what the process leaves behind is what it committed, i.e. none of it, and
    // nobody was told otherwise.
    h.crashAndRestart();
    QCOMPARE(committedMessages(), 0);

    // After a commit the acks go out, and a kill -9 right after them keeps every message.
    m_passenger = h.connect(QStringLiteral("passenger-1"), Role::Passenger);
    m_driver = h.connect(QStringLiteral("driver-1"), Role::Driver);
    const QString a = handleSend(m_passenger, QStringLiteral("third"));
    const QString b = handleSend(m_passenger, QStringLiteral("fourth"));
    QVERIFY(h.hub().commitPending());
    EXPECT_TYPE(h.takeReply(m_passenger, a), MessageType::MessageSent);
    EXPECT_TYPE(h.takeReply(m_passenger, b), MessageType::MessageSent);
    h.crashAndRestart();
    QCOMPARE(committedMessages(QStringLiteral("third")), 1);
    QCOMPARE(committedMessages(QStringLiteral("fourth")), 1);
    QCOMPARE(committedMessages(), 2);
}

void TestHubGroupCommit::failingCommandLeavesTheOthers_data()
{
    QTest::addColumn<int>("poisonAt");
    // First: the command that opened the group's transaction; later: a savepoint in it.
    QTest::newRow("first of the group") << 0;
    QTest::newRow("middle of the group") << 1;
    QTest::newRow("last of the group") << 2;
}

void TestHubGroupCommit::failingCommandLeavesTheOthers()
{
    QFETCH(int, poisonAt);
    HubHarness &h = *m_h;
    // The failure comes after the command wrote its chat row: storing its delivery event
    // fails, so undoing that command must also undo the row.
    sideSql(QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON delivery_events"
                           " WHEN CAST(NEW.frame AS TEXT) LIKE '%POISON%'"
                           " BEGIN SELECT RAISE(ABORT, 'poisoned'); END"));
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids.append(handleSend(m_passenger,
                              i == poisonAt ? QStringLiteral("POISON")
                                            : QStringLiteral("fine %1").arg(i)));
    QVERIFY(h.hub().commitPending());
    for (int i = 0; i < 3; ++i) {
        if (i == poisonAt)
            EXPECT_ERROR(h.takeReply(m_passenger, ids[i]), "UNAVAILABLE");
        else
            EXPECT_TYPE(h.takeReply(m_passenger, ids[i]), MessageType::MessageSent);
    }
    QCOMPARE(committedMessages(QStringLiteral("POISON")), 0);
    QCOMPARE(committedMessages(), 2);
    QCOMPARE(h.take(m_driver, MessageType::MessageNew).size(), 2);
    // The hub keeps working once the poison is gone.
    sideSql(QStringLiteral("DROP TRIGGER poison"));
    EXPECT_TYPE(h.request(m_passenger, MessageType::MessageSend,
                          send(QStringLiteral("after"), QStringLiteral("t-after"))),
                MessageType::MessageSent);
    QCOMPARE(committedMessages(), 3);
}

void TestHubGroupCommit::failedCommitAnswersEveryCommandUnavailable()
{
    HubHarness &h = *m_h;
    // A deferred foreign key is checked at COMMIT: a message with this body makes the group's
    // COMMIT itself fail, after every command of the group was applied.
    sideSql(QStringLiteral("CREATE TABLE commit_guard (x TEXT REFERENCES nowhere_table(id)"
                           " DEFERRABLE INITIALLY DEFERRED)"));
    sideSql(QStringLiteral("CREATE TABLE nowhere_table (id TEXT PRIMARY KEY)"));
    sideSql(QStringLiteral("CREATE TRIGGER commit_fails AFTER INSERT ON chat_messages"
                           " WHEN NEW.body = 'FAIL AT COMMIT'"
                           " BEGIN INSERT INTO commit_guard VALUES ('missing'); END"));
    const QString a = handleSend(m_passenger, QStringLiteral("fine"));
    const QString b = handleSend(m_driver, QStringLiteral("FAIL AT COMMIT"));
    const QString c = handleSend(m_passenger, QStringLiteral("also fine"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("group commit")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("group commit failed")));
    QVERIFY(!h.hub().commitPending());
    EXPECT_ERROR(h.takeReply(m_passenger, a), "UNAVAILABLE");
    EXPECT_ERROR(h.takeReply(m_driver, b), "UNAVAILABLE");
    EXPECT_ERROR(h.takeReply(m_passenger, c), "UNAVAILABLE");
    // Nothing of the group was delivered or stored.
    QCOMPARE(h.take(m_driver, MessageType::MessageNew).size(), 0);
    QCOMPARE(h.take(m_passenger, MessageType::MessageNew).size(), 0);
    QCOMPARE(committedMessages(), 0);
    // The retry of the good ones succeeds (they were not remembered as applied), and the
    // delivery log continues without a gap.
    sideSql(QStringLiteral("DROP TRIGGER commit_fails"));
    const Envelope retried =
            h.request(m_passenger, MessageType::MessageSend, send(QStringLiteral("fine"), a), a);
    EXPECT_TYPE(retried, MessageType::MessageSent);
    const QList<Envelope> delivered = h.take(m_driver, MessageType::MessageNew);
    QCOMPARE(delivered.size(), 1);
    QCOMPARE(committedMessages(), 1);
}

void TestHubGroupCommit::withoutGroupCommitEachCommandCommits()
{
    Server::HubConfig config = HubHarness::fastConfig();
    config.groupCommit = false;
    m_h = std::make_unique<HubHarness>(config);
    HubHarness &h = *m_h;
    m_driver = h.connect(QStringLiteral("driver-1"), Role::Driver);
    m_passenger = h.connect(QStringLiteral("passenger-1"), Role::Passenger);
    m_ride = acceptRide(h, m_driver, m_passenger);
    const quint64 commitsBefore = h.storage().commitCount();
    const QString id = handleSend(m_passenger, QStringLiteral("now"));
    // Answered at once, committed at once.
    EXPECT_TYPE(h.takeReply(m_passenger, id), MessageType::MessageSent);
    handleSend(m_passenger, QStringLiteral("and now"));
    QCOMPARE(h.storage().commitCount() - commitsBefore, quint64(2));
    QCOMPARE(committedMessages(), 2);
}

QTEST_GUILESS_MAIN(TestHubGroupCommit)
#include "tst_hub_groupcommit.moc"
