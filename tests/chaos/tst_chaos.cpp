// SPDX-License-Identifier: MIT
// Chaos against the real nebengjek-server (child process, loopback only), bounded in cycles and
// time, with exact accounting of a chat load:
// - kill -9 loop: the server is killed while chat bursts are in flight in both directions, then
//   restarted on the same data directory; clients reconnect, resume and retry every unanswered
//   request with the same id;
// - connection jitter: every client's TCP connection is cut at random every few seconds, then it
//   reconnects, resumes and retries.
// In both, every acknowledged message reaches the other side exactly once, every request is
// finally acknowledged (100% delivery), a retried request gets the answer it got the first time,
// and each user's seq runs from 1 without gaps or duplicates.
#include "e2eharness.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>

using namespace E2e;

namespace {

// Shedding on, at a threshold low enough that a burst or a resume after a restart trips it:
// the clients must retry refused upgrades and UNAVAILABLE like the app.
const QStringList kShedding {QStringLiteral("--shed-lag"), QStringLiteral("500ms")};

// One chatting user. Like the app: every request has a unique id and stays pending until it is
// answered; after each (re)connect the user resumes and sends every pending request again with
// the same id.
class ChatUser
{
public:
    ChatUser(ServerHarness *server, const QString &userId, const QString &role)
        : m_server(server)
        , m_userId(userId)
        , m_role(role)
    { }

    // Like the app: a refused or failed connect (503 overloaded while the server catches up,
    // a restart still in progress) is retried after a pause.
    bool connect()
    {
        collect();
        m_client.reset();
        for (int attempt = 0; attempt < 20 && !m_client; ++attempt) {
            if (attempt > 0)
                QTest::qWait(500);
            m_client = m_server->connectAs(&inbox, m_userId, m_role);
        }
        if (!m_client)
            return false;
        ++connections;
        resendPending();
        return true;
    }
    bool isConnected() const { return m_client && m_client->isConnected(); }
    WsClient *client() const { return m_client.get(); }
    // Cuts the TCP connection from this side (RST), as a flaky mobile network does.
    void cut()
    {
        collect();
        if (m_client)
            m_client->close();
    }

    void send(const QString &matchId)
    {
        const QString id = QStringLiteral("%1-m%2").arg(m_userId).arg(++m_sent);
        const QString body = QStringLiteral("%1 says %2").arg(m_userId).arg(m_sent);
        const QJsonObject payload {{QStringLiteral("match_id"), matchId},
                                   {QStringLiteral("temp_id"), QStringLiteral("t%1").arg(m_sent)},
                                   {QStringLiteral("body"), body}};
        m_pending.insert(id, payload);
        bodies.insert(id, body);
        if (isConnected())
            m_client->post(MessageType::MessageSend, payload, id);
    }

    // Takes the answers that arrived; a retry of an acknowledged request must get the same
    // message id.
    void collect()
    {
        if (!m_client)
            return;
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            const auto reply = m_client->reply(it.key(), 0);
            if (!reply) {
                ++it;
                continue;
            }
            if (reply->type != MessageType::MessageSent) {
                // Retryable refusals (UNAVAILABLE while the server sheds load) are sent again
                // after the hint, with the same id; anything else is a failure of the test.
                if (reply->type != MessageType::Error
                    || !reply->payload.value(QStringLiteral("retryable")).toBool()) {
                    failures.append(it.key() + QLatin1Char(' ')
                                    + QString::fromUtf8(reply->toJson()));
                    it = m_pending.erase(it);
                    continue;
                }
                m_client->forget(it.key());
                m_retryAt.insert(it.key(),
                                 m_clock.elapsed()
                                         + reply->payload.value(QStringLiteral("retry_after_ms"))
                                                   .toInt(500));
                ++retried;
                ++it;
                continue;
            }
            const QString messageId = str(*reply, "message_id");
            if (acked.contains(it.key()) && acked.value(it.key()) != messageId)
                failures.append(QStringLiteral("%1 answered %2, then %3")
                                        .arg(it.key(), acked.value(it.key()), messageId));
            acked.insert(it.key(), messageId);
            it = m_pending.erase(it);
        }
    }

    // Sends again what was refused retryably, once its hint has passed.
    void retryDue()
    {
        const qint64 now = m_clock.elapsed();
        for (auto it = m_retryAt.begin(); it != m_retryAt.end();) {
            if (it.value() > now || !isConnected() || !m_pending.contains(it.key())) {
                ++it;
                continue;
            }
            m_client->post(MessageType::MessageSend, m_pending.value(it.key()), it.key());
            it = m_retryAt.erase(it);
        }
    }

    void resendPending()
    {
        m_retryAt.clear();
        for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
            m_client->post(MessageType::MessageSend, it.value(), it.key());
    }
    // Sends some acknowledged requests again, as an app does whose answers were lost in flight.
    void retrySomeAcknowledged(const QString &matchId, int everyNth)
    {
        int i = 0;
        for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
            if (++i % everyNth != 0)
                continue;
            m_pending.insert(it.key(),
                             {{QStringLiteral("match_id"), matchId},
                              {QStringLiteral("temp_id"), QStringLiteral("retry")},
                              {QStringLiteral("body"), bodies.value(it.key())}});
            m_client->post(MessageType::MessageSend, m_pending.value(it.key()), it.key());
        }
    }

    int pendingCount() const { return int(m_pending.size()); }
    int sentCount() const { return m_sent; }

    Inbox inbox;
    QHash<QString, QString> acked; // request id -> message id
    QHash<QString, QString> bodies; // request id -> body
    QStringList failures;
    int connections = 0;
    int retried = 0; // retryable refusals, each sent again

private:
    QElapsedTimer m_clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    QHash<QString, qint64> m_retryAt; // request id -> clock ms
    ServerHarness *m_server;
    QString m_userId;
    QString m_role;
    std::unique_ptr<WsClient> m_client;
    QHash<QString, QJsonObject> m_pending;
    int m_sent = 0;
};

// Every message `from` had acknowledged reached `to` exactly once, and nothing else did.
bool deliveredExactlyOnce(const ChatUser &from, const ChatUser &to, const QString &matchId,
                          QString *problem)
{
    QHash<QString, int> seen; // message id -> times
    QHash<QString, int> bodies;
    for (const Envelope &e : to.inbox.ofType(MessageType::MessageNew)) {
        if (str(e, "match_id") != matchId)
            continue;
        ++seen[str(e, "message_id")];
        ++bodies[str(e, "body")];
    }
    for (auto it = from.acked.cbegin(); it != from.acked.cend(); ++it) {
        if (seen.value(it.value()) != 1) {
            *problem = QStringLiteral("%1 (%2) delivered %3 times")
                               .arg(it.key(), it.value())
                               .arg(seen.value(it.value()));
            return false;
        }
        if (bodies.value(from.bodies.value(it.key())) != 1) {
            *problem = QStringLiteral("body of %1 delivered %2 times")
                               .arg(it.key())
                               .arg(bodies.value(from.bodies.value(it.key())));
            return false;
        }
    }
    if (seen.size() != from.acked.size()) {
        *problem = QStringLiteral("%1 messages delivered, %2 acknowledged")
                           .arg(seen.size())
                           .arg(from.acked.size());
        return false;
    }
    return true;
}

// Waits until every request of every user is answered (resending to users whose connection
// dropped), then until each side has received what the other had acknowledged.
bool settle(const QList<ChatUser *> &users, int timeoutMs)
{
    return QTest::qWaitFor(
            [&] {
                int pending = 0;
                for (ChatUser *u : users) {
                    if (!u->isConnected())
                        u->connect();
                    u->collect();
                    u->retryDue();
                    pending += u->pendingCount();
                }
                return pending == 0;
            },
            timeoutMs);
}

} // namespace

#define CHECK_DELIVERY(from, to, matchId) \
    do { \
        QString problem; \
        QVERIFY2(deliveredExactlyOnce(from, to, matchId, &problem), qPrintable(problem)); \
    } while (false)

#define CHECK_SEQ(user) \
    do { \
        QString problem; \
        QVERIFY2((user).inbox.seqIsExactlyOnce(&problem), qPrintable(problem)); \
        QVERIFY2((user).failures.isEmpty(), qPrintable((user).failures.join(QLatin1Char('\n')))); \
    } while (false)

class TestChaos : public QObject
{
    Q_OBJECT

private slots:
    void killDashNineLoopUnderChatLoad();
    void connectionJitter();
};

void TestChaos::killDashNineLoopUnderChatLoad()
{
    ServerHarness server(QStringLiteral(NEBENGJEK_SERVER_BINARY));
    QVERIFY(server.isValid());
    QString error;
    QVERIFY2(server.start(&error, kShedding), qPrintable(error));
    ChatUser driver(&server, QStringLiteral("chaos-kill-driver"), QStringLiteral("driver"));
    ChatUser passenger(&server, QStringLiteral("chaos-kill-passenger"),
                       QStringLiteral("passenger"));
    QVERIFY(driver.connect() && passenger.connect());
    const QString matchId = matchPair(driver.client(), passenger.client());
    QVERIFY(!matchId.isEmpty());

    constexpr int kCycles = 5;
    constexpr int kBurst = 150; // per direction and cycle
    QElapsedTimer elapsed;
    elapsed.start();
    for (int cycle = 0; cycle < kCycles; ++cycle) {
        const qsizetype ackedBefore = passenger.acked.size() + driver.acked.size();
        for (int i = 0; i < kBurst; ++i) {
            passenger.send(matchId);
            driver.send(matchId);
        }
        // Killed once part of the burst is answered, while the rest is queued or in flight.
        QVERIFY(QTest::qWaitFor(
                [&] {
                    passenger.collect();
                    driver.collect();
                    passenger.retryDue();
                    driver.retryDue();
                    return passenger.acked.size() + driver.acked.size() >= ackedBefore + 20;
                },
                kReplyTimeoutMs));
        server.kill();
        passenger.collect();
        driver.collect();
        QVERIFY(QTest::qWaitFor([&] { return !driver.isConnected() && !passenger.isConnected(); },
                                kReplyTimeoutMs));
        QVERIFY2(server.start(&error, kShedding), qPrintable(error));
        QVERIFY(driver.connect() && passenger.connect());
        passenger.retrySomeAcknowledged(matchId, 10);
    }
    QVERIFY(settle({&driver, &passenger}, kReplyTimeoutMs * 3));
    qInfo("%d kill -9 cycles, %d + %d messages (%d + %d retried after UNAVAILABLE), %lld ms",
          kCycles, passenger.sentCount(), driver.sentCount(), passenger.retried, driver.retried,
          elapsed.elapsed());
    QCOMPARE(int(passenger.acked.size()), passenger.sentCount());
    QCOMPARE(int(driver.acked.size()), driver.sentCount());

    // Positive marker: one more message each way; once it has arrived, anything duplicated or
    // late from before would have too.
    passenger.send(matchId);
    driver.send(matchId);
    QVERIFY(settle({&driver, &passenger}, kReplyTimeoutMs));
    QVERIFY(waitForCount(driver.inbox, MessageType::MessageNew, int(passenger.acked.size())));
    QVERIFY(waitForCount(passenger.inbox, MessageType::MessageNew, int(driver.acked.size())));
    CHECK_DELIVERY(passenger, driver, matchId);
    CHECK_DELIVERY(driver, passenger, matchId);
    CHECK_SEQ(driver);
    CHECK_SEQ(passenger);
    server.stop();
}

void TestChaos::connectionJitter()
{
    ServerHarness server(QStringLiteral(NEBENGJEK_SERVER_BINARY));
    QVERIFY(server.isValid());
    QString error;
    QVERIFY2(server.start(&error, kShedding), qPrintable(error));

    // Two rides, each a driver and a passenger chatting both ways.
    constexpr int kPairs = 2;
    std::vector<std::unique_ptr<ChatUser>> users;
    QStringList matches;
    for (int p = 0; p < kPairs; ++p) {
        auto driver = std::make_unique<ChatUser>(
                &server, QStringLiteral("chaos-jitter-driver-%1").arg(p), QStringLiteral("driver"));
        auto passenger = std::make_unique<ChatUser>(
                &server, QStringLiteral("chaos-jitter-passenger-%1").arg(p),
                QStringLiteral("passenger"));
        QVERIFY(driver->connect() && passenger->connect());
        const QString matchId = matchPair(driver->client(), passenger->client());
        QVERIFY(!matchId.isEmpty());
        matches.append(matchId);
        users.push_back(std::move(driver));
        users.push_back(std::move(passenger));
    }

    constexpr int kRunMs = 12000;
    constexpr int kSendEveryMs = 40;
    auto *random = QRandomGenerator::global();
    auto nextCut = [&](qint64 now) {
        return now + 1000 + qint64(random->bounded(2500));
    };
    QElapsedTimer elapsed;
    elapsed.start();
    std::vector<qint64> cutAt;
    for (std::size_t i = 0; i < users.size(); ++i)
        cutAt.push_back(nextCut(0));
    int cuts = 0;
    qint64 nextSend = 0;
    while (elapsed.elapsed() < kRunMs) {
        const qint64 now = elapsed.elapsed();
        for (std::size_t i = 0; i < users.size(); ++i) {
            ChatUser &u = *users[i];
            if (now >= cutAt[i]) {
                u.cut();
                ++cuts;
                cutAt[i] = nextCut(now);
                // Reconnect at once (resume and retry happen in connect()).
                QVERIFY(u.connect());
            } else if (!u.isConnected()) {
                QVERIFY(u.connect());
            }
            u.collect();
            u.retryDue();
        }
        if (now >= nextSend) {
            for (std::size_t i = 0; i < users.size(); ++i)
                users[i]->send(matches.at(int(i / 2)));
            nextSend = now + kSendEveryMs;
        }
        QTest::qWait(5);
    }
    QList<ChatUser *> all;
    for (auto &u : users)
        all.append(u.get());
    QVERIFY(settle(all, kReplyTimeoutMs * 3));
    // Positive marker: one more message from everyone after the jitter.
    for (std::size_t i = 0; i < users.size(); ++i)
        users[i]->send(matches.at(int(i / 2)));
    QVERIFY(settle(all, kReplyTimeoutMs));
    int total = 0;
    for (std::size_t i = 0; i < users.size(); i += 2) {
        ChatUser &driver = *users[i];
        ChatUser &passenger = *users[i + 1];
        QCOMPARE(int(driver.acked.size()), driver.sentCount());
        QCOMPARE(int(passenger.acked.size()), passenger.sentCount());
        QVERIFY(waitForCount(driver.inbox, MessageType::MessageNew, int(passenger.acked.size())));
        QVERIFY(waitForCount(passenger.inbox, MessageType::MessageNew, int(driver.acked.size())));
        CHECK_DELIVERY(passenger, driver, matches.at(int(i / 2)));
        CHECK_DELIVERY(driver, passenger, matches.at(int(i / 2)));
        CHECK_SEQ(driver);
        CHECK_SEQ(passenger);
        total += driver.sentCount() + passenger.sentCount();
    }
    int retried = 0;
    for (auto &u : users)
        retried += u->retried;
    qInfo("%d clients, %d TCP cuts, %d messages (%d retried after UNAVAILABLE), all delivered "
          "exactly once, %lld ms",
          int(users.size()), cuts, total, retried, elapsed.elapsed());
    QVERIFY(cuts >= int(users.size()) * 3);
    server.stop();
}

QTEST_GUILESS_MAIN(TestChaos)
#include "tst_chaos.moc"
