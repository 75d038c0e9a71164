// SPDX-License-Identifier: MIT
// ConnectionManager against a real in-process WebSocket server on 127.0.0.1: auth header,
// resume, offline queue flush, replies, every close code class, HTTP refusals, handshake
// timeout, sequence dedup and persistence, pings, network changes, suspend and sign-out.
#include "fakeserver.h"

#include <connection/connectionmanager.h>
#include <connection/connectionquality.h>
#include <connection/networkmonitor.h>
#include <protocol/closecode.h>
#include <storage/offlinequeue.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace NebengJek::Client;
using namespace std::chrono_literals;
using NebengJek::Protocol::MessageType;
namespace CloseCode = NebengJek::Protocol::CloseCode;

namespace {

constexpr int kWait = 5000; // generous: the machine is shared with parallel builds
const QString kToken = QStringLiteral("secret-token");

ReconnectPolicy fastPolicy(std::chrono::milliseconds delay = 20ms)
{
    ReconnectPolicy p;
    p.setStrategy(ReconnectPolicy::Strategy::Fixed);
    p.setJitter(ReconnectPolicy::Jitter::None);
    p.setBaseDelay(delay);
    p.setMaxDelay(delay);
    return p;
}

std::unique_ptr<ConnectionManager> makeManager(const QString &dir, const QUrl &url)
{
    auto m = std::make_unique<ConnectionManager>(dir);
    m->setReconnectPolicy(fastPolicy());
    m->setHandshakeTimeout(3000ms);
    m->setPingInterval(0ms); // tests that measure quality turn it on
    m->networkMonitor()->setOnline(true);
    m->setCredentials(url, kToken);
    return m;
}

// The positive marker for "no reconnect": a second manager with the same fixed policy, on its
// own server, dropped with a retryable code after the moment in question. Once it is back, a
// reconnect the first manager had scheduled before (same delay, earlier start) has happened.
class ReconnectMarker
{
public:
    ReconnectMarker()
        : m_manager(makeManager(m_dir.path(), m_server.url()))
    { }
    bool connect()
    {
        m_manager->open();
        return QTest::qWaitFor(
                [this] { return m_manager->state() == ConnectionManager::Connected; }, 10000);
    }
    bool dropAndAwaitReturn()
    {
        m_server.closeWith(0, NebengJek::Protocol::CloseCode::ServerRestart);
        return QTest::qWaitFor(
                [this] {
                    return m_server.connectionCount() == 2
                            && m_manager->state() == ConnectionManager::Connected;
                },
                10000);
    }

private:
    QTemporaryDir m_dir;
    FakeServer m_server;
    std::unique_ptr<ConnectionManager> m_manager;
};

QJsonObject chat(int n)
{
    return {{QStringLiteral("match_id"), QStringLiteral("m-1")},
            {QStringLiteral("body"), QStringLiteral("hello %1").arg(n)}};
}

QJsonObject payloadOf(const QJsonObject &message)
{
    return message.value(QStringLiteral("payload")).toObject();
}

QString typeOf(const QJsonObject &message)
{
    return message.value(QStringLiteral("type")).toString();
}

QJsonObject errorReply(const QString &id, const QString &code, int retryAfterMs = 0)
{
    QJsonObject payload {{QStringLiteral("code"), code},
                         {QStringLiteral("message"), QStringLiteral("nope")}};
    if (retryAfterMs > 0)
        payload.insert(QStringLiteral("retry_after_ms"), retryAfterMs);
    return {{QStringLiteral("type"), QStringLiteral("error")},
            {QStringLiteral("id"), id},
            {QStringLiteral("payload"), payload}};
}

} // namespace

class TestConnectionManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initialStates()
    {
        QTemporaryDir dir;
        ConnectionManager m(dir.path());
        QCOMPARE(m.state(), ConnectionManager::SignedOut);
        QCOMPARE(m.quality()->level(), ConnectionQuality::Offline);
        m.open(); // no credentials: stays signed out
        QCOMPARE(m.state(), ConnectionManager::SignedOut);
        m.setCredentials(QUrl(QStringLiteral("ws://127.0.0.1:1/ws")), kToken);
        QCOMPARE(m.state(), ConnectionManager::Offline);
    }

    void authenticatesWithBearerHeaderThenResumes()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        QSignalSpy authenticated(m.get(), &ConnectionManager::authenticated);
        QSignalSpy states(m.get(), &ConnectionManager::stateChanged);
        m->open();
        QCOMPARE(m->state(), ConnectionManager::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QCOMPARE(server.connection(0).authorization, QByteArray("Bearer secret-token"));
        QCOMPARE(authenticated.count(), 1);
        QCOMPARE(authenticated.at(0).at(0).toString(), QStringLiteral("u-1"));
        QCOMPARE(authenticated.at(0).at(1).value<NebengJek::Protocol::Role>(),
                 NebengJek::Protocol::Role::Driver);
        QCOMPARE(m->userId(), QStringLiteral("u-1"));
        QCOMPARE(m->roleName(), QStringLiteral("driver"));
        QCOMPARE(states.at(0).at(0).value<ConnectionManager::State>(),
                 ConnectionManager::Connecting);
        QCOMPARE(states.last().at(0).value<ConnectionManager::State>(),
                 ConnectionManager::Connected);

        QTRY_VERIFY_WITH_TIMEOUT(!server.connection(0).received.isEmpty(), kWait);
        const QJsonObject first = server.connection(0).received.first();
        QCOMPARE(typeOf(first), QStringLiteral("resume"));
        QVERIFY(!first.value(QStringLiteral("id")).toString().isEmpty());
        QCOMPARE(payloadOf(first).value(QStringLiteral("last_seq")).toInteger(), 0);
    }

    void queuedWhileOfflineThenSentInOrderAfterResume()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        QStringList ids;
        for (int i = 0; i < 3; ++i)
            ids.append(m->send(MessageType::MessageSend, chat(i)));
        QCOMPARE(m->offlineQueue()->pendingCount(), 3);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(
                server.connectionCount() > 0 ? server.connection(0).received.size() : 0, 4, kWait);
        const auto &got = server.connection(0).received;
        QCOMPARE(typeOf(got.at(0)), QStringLiteral("resume"));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(typeOf(got.at(i + 1)), QStringLiteral("message.send"));
            QCOMPARE(got.at(i + 1).value(QStringLiteral("id")).toString(), ids.at(i));
            QCOMPARE(payloadOf(got.at(i + 1)), chat(i));
        }
        // Sent while connected: straight out, after the queued ones.
        const QString live = m->send(MessageType::MessageSend, chat(9));
        QTRY_COMPARE_WITH_TIMEOUT(server.connection(0).received.size(), 5, kWait);
        QCOMPARE(server.connection(0).received.last().value(QStringLiteral("id")).toString(), live);
    }

    void queueSurvivesRestartOfTheApp()
    {
        QTemporaryDir dir;
        FakeServer server;
        QString id;
        {
            auto m = makeManager(dir.path(), server.url());
            id = m->send(MessageType::RideArrived,
                         {{QStringLiteral("ride_id"), QStringLiteral("r-1")}});
        } // the app quits before it ever connected
        auto m = makeManager(dir.path(), server.url());
        QCOMPARE(m->offlineQueue()->pendingCount(), 1);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(
                server.connectionCount() > 0
                        ? server.received(0, QStringLiteral("ride_arrived")).size()
                        : 0,
                1, kWait);
        QCOMPARE(server.received(0, QStringLiteral("ride_arrived"))
                         .at(0)
                         .value(QStringLiteral("id"))
                         .toString(),
                 id);
    }

    void repliesMarkSentErrorsMarkFailed()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QSignalSpy replies(m.get(), &ConnectionManager::replyReceived);
        QSignalSpy messages(m.get(), &ConnectionManager::messageReceived);
        QSignalSpy errors(m.get(), &ConnectionManager::errorReceived);
        const QString ok = m->send(MessageType::MessageSend, chat(1));
        const QString bad = m->send(MessageType::MessageSend, chat(2));
        QTRY_COMPARE_WITH_TIMEOUT(server.received(0, QStringLiteral("message.send")).size(), 2,
                                  kWait);

        server.send(0,
                    {{QStringLiteral("type"), QStringLiteral("message.sent")},
                     {QStringLiteral("id"), ok},
                     {QStringLiteral("payload"), QJsonObject {{QStringLiteral("message_id"), 7}}}});
        server.send(0, errorReply(bad, QStringLiteral("VALIDATION_FAILED")));
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kWait);
        QCOMPARE(replies.count(), 1);
        QCOMPARE(replies.at(0).at(0).toString(), ok);
        QCOMPARE(messages.count(), 1); // the reply, also as a message
        QCOMPARE(m->offlineQueue()->entry(ok)->status, OfflineQueue::Sent);
        QCOMPARE(m->offlineQueue()->entry(bad)->status, OfflineQueue::Failed);
        QCOMPARE(errors.at(0).at(0).toString(), bad);
        QCOMPARE(errors.at(0).at(1).value<NebengJek::Protocol::ProtocolError>().code,
                 NebengJek::Protocol::ErrorCode::ValidationFailed);
        QCOMPARE(m->offlineQueue()->pendingCount(), 0);
    }

    void retryableErrorKeepsPendingAndResends()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QSignalSpy errors(m.get(), &ConnectionManager::errorReceived);
        const QString id = m->send(MessageType::MessageSend, chat(1));
        QTRY_COMPARE_WITH_TIMEOUT(server.received(0, QStringLiteral("message.send")).size(), 1,
                                  kWait);
        server.send(0, errorReply(id, QStringLiteral("RATE_LIMIT"), 50));
        // Re-sent with the same id after the retry delay; no final error reported.
        QTRY_COMPARE_WITH_TIMEOUT(server.received(0, QStringLiteral("message.send")).size(), 2,
                                  kWait);
        QCOMPARE(server.received(0, QStringLiteral("message.send"))
                         .at(1)
                         .value(QStringLiteral("id"))
                         .toString(),
                 id);
        QVERIFY(m->offlineQueue()->isPending(id));
        QCOMPARE(errors.count(), 0);
        server.autoAck = true;
        server.send(0,
                    {{QStringLiteral("type"), QStringLiteral("ack")},
                     {QStringLiteral("id"), id},
                     {QStringLiteral("payload"), QJsonObject {}}});
        QTRY_COMPARE_WITH_TIMEOUT(m->offlineQueue()->entry(id)->status, OfflineQueue::Sent, kWait);
    }

    void unansweredRequestsResentAfterReconnect()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        const QString id = m->send(MessageType::MessageSend, chat(1));
        QTRY_COMPARE_WITH_TIMEOUT(server.received(0, QStringLiteral("message.send")).size(), 1,
                                  kWait);
        server.closeWith(0, CloseCode::ServerRestart); // before it answered
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(server.received(1, QStringLiteral("message.send")).size(), 1,
                                  kWait);
        QCOMPARE(server.received(1, QStringLiteral("message.send"))
                         .at(0)
                         .value(QStringLiteral("id"))
                         .toString(),
                 id);
    }

    void closeCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("terminal");
        QTest::newRow("1000 normal") << CloseCode::Normal << true;
        QTest::newRow("1001 going away") << CloseCode::GoingAway << false;
        QTest::newRow("1008 policy") << CloseCode::PolicyViolation << true;
        QTest::newRow("1011 internal") << CloseCode::InternalError << false;
        QTest::newRow("4000 server restart") << CloseCode::ServerRestart << false;
        QTest::newRow("4001 stale") << CloseCode::Stale << false;
        QTest::newRow("4002 slow consumer") << CloseCode::SlowConsumer << false;
        QTest::newRow("4008 rate limited") << CloseCode::RateLimited << false;
        QTest::newRow("4010 token expired") << CloseCode::TokenExpired << false;
        QTest::newRow("4499 unknown retryable") << 4499 << false;
        QTest::newRow("4500 auth failed") << CloseCode::AuthFailed << true;
        QTest::newRow("4501 auth timeout") << CloseCode::AuthTimeout << true;
        QTest::newRow("4503 forbidden") << CloseCode::Forbidden << true;
        QTest::newRow("4509 session replaced") << CloseCode::SessionReplaced << true;
        QTest::newRow("4999 unknown terminal") << 4999 << true;
    }

    void closeCodes()
    {
        QFETCH(int, code);
        QFETCH(bool, terminal);
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        QSignalSpy signedOut(m.get(), &ConnectionManager::signedOutByServer);
        QSignalSpy expired(m.get(), &ConnectionManager::tokenExpired);
        QSignalSpy states(m.get(), &ConnectionManager::stateChanged);
        ReconnectMarker marker;
        QVERIFY(marker.connect());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        states.clear();
        server.closeWith(0, code, QStringLiteral("test"));
        if (terminal) {
            QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::SignedOut, kWait);
            QCOMPARE(signedOut.count(), 1);
            QCOMPARE(signedOut.at(0).at(0).toString(), NebengJek::Protocol::closeCodeName(code));
            QCOMPARE(m->quality()->level(), ConnectionQuality::Offline);
            QVERIFY(marker.dropAndAwaitReturn()); // a reconnect delay has passed: nothing happened
            QCOMPARE(server.connectionCount(), 1);
            QCOMPARE(m->state(), ConnectionManager::SignedOut);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, kWait);
            QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
            QCOMPARE(states.at(0).at(0).value<ConnectionManager::State>(),
                     ConnectionManager::Reconnecting);
            QCOMPARE(signedOut.count(), 0);
            QCOMPARE(m->lastError(), QString()); // cleared by the successful reconnect
            QCOMPARE(expired.count(), code == CloseCode::TokenExpired ? 1 : 0);
        }
    }

    void abruptDropReconnects()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        QSignalSpy signedOut(m.get(), &ConnectionManager::signedOutByServer);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        server.abort(0); // no close frame: network loss
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QCOMPARE(signedOut.count(), 0);
    }

    void httpRefusals_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("terminal");
        QTest::newRow("401") << 401 << true;
        QTest::newRow("403") << 403 << true;
        QTest::newRow("503") << 503 << false;
        QTest::newRow("tcp closed") << 0 << false;
    }

    void httpRefusals()
    {
        QFETCH(int, status);
        QFETCH(bool, terminal);
        QTemporaryDir dir;
        RefusingServer server(status);
        auto m = makeManager(dir.path(), server.url());
        QSignalSpy signedOut(m.get(), &ConnectionManager::signedOutByServer);
        ReconnectMarker marker;
        QVERIFY(marker.connect());
        m->open();
        if (terminal) {
            QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::SignedOut, kWait);
            QCOMPARE(signedOut.count(), 1);
            QCOMPARE(signedOut.at(0).at(0).toString(), QStringLiteral("http_%1").arg(status));
            QVERIFY(marker.dropAndAwaitReturn()); // a reconnect delay has passed
            QCOMPARE(server.attempts(), 1);
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(server.attempts() >= 3, kWait);
            QVERIFY(m->state() == ConnectionManager::Reconnecting);
            QVERIFY(m->reconnectAttempt() >= 2);
            QCOMPARE(signedOut.count(), 0);
        }
    }

    void nothingListeningRetriesWithGrowingCount()
    {
        QTemporaryDir dir;
        QUrl url;
        {
            FakeServer gone;
            url = gone.url();
        } // port closed again
        auto m = makeManager(dir.path(), url);
        QSignalSpy attempts(m.get(), &ConnectionManager::reconnectAttemptChanged);
        m->open();
        QTRY_VERIFY_WITH_TIMEOUT(m->reconnectAttempt() >= 3, kWait);
        QVERIFY(attempts.count() >= 3);
        QVERIFY(m->state() == ConnectionManager::Reconnecting);
    }

    void maxAttemptsThenOffline()
    {
        QTemporaryDir dir;
        RefusingServer server(0);
        auto m = makeManager(dir.path(), server.url());
        ReconnectPolicy p = fastPolicy();
        p.setMaxAttempts(2);
        m->setReconnectPolicy(p);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Offline, kWait);
        QCOMPARE(server.attempts(), 3); // the first try plus two retries
        QVERIFY(m->lastError().contains(QStringLiteral("gave up")));
        // A manual open() starts over.
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Offline, kWait);
        QCOMPARE(server.attempts(), 6);
    }

    void handshakeTimeoutRetries()
    {
        QTemporaryDir dir;
        FakeServer server;
        server.autoAuth = false; // upgrade succeeds, auth_success never comes
        auto m = makeManager(dir.path(), server.url());
        m->setHandshakeTimeout(150ms);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, kWait);
        QCOMPARE(m->lastError(), QStringLiteral("handshake_timeout"));
        server.autoAuth = true;
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
    }

    void authFailedMessageSignsOut()
    {
        QTemporaryDir dir;
        FakeServer server;
        server.autoAuth = false;
        auto m = makeManager(dir.path(), server.url());
        QSignalSpy signedOut(m.get(), &ConnectionManager::signedOutByServer);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, kWait);
        server.send(0,
                    {{QStringLiteral("type"), QStringLiteral("auth_failed")},
                     {QStringLiteral("payload"),
                      QJsonObject {{QStringLiteral("reason"), QStringLiteral("expired")}}}});
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::SignedOut, kWait);
        QCOMPARE(signedOut.at(0).at(0).toString(), QStringLiteral("auth_failed"));
    }

    // A live event published between auth_success and the server's handling of resume
    // reaches us before the replay; it must neither overtake the replay nor make the replayed
    // (older) events look like duplicates.
    void liveEventDuringResumeWaitsForReplay()
    {
        QTemporaryDir dir;
        FakeServer server;
        server.autoResumeDone = false;
        auto m = makeManager(dir.path(), server.url());
        QSignalSpy messages(m.get(), &ConnectionManager::messageReceived);
        QSignalSpy resumed(m.get(), &ConnectionManager::resumed);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(server.received(0, QStringLiteral("resume")).size(), 1, kWait);
        const QString resumeId = server.received(0, QStringLiteral("resume"))
                                         .at(0)
                                         .value(QStringLiteral("id"))
                                         .toString();
        const QString type = QStringLiteral("notification.new");
        server.sendEvent(0, 3, type); // live, before the replay
        server.sendEvent(0, 1, type); // replay
        server.sendEvent(0, 2, type);
        server.sendEvent(0, 3, type);
        // Marker: an ephemeral event is not held, so once it is out, the durable ones before
        // it would have been too.
        server.send(0,
                    {{QStringLiteral("type"), QStringLiteral("user.online")},
                     {QStringLiteral("payload"),
                      QJsonObject {{QStringLiteral("user_id"), QStringLiteral("u-2")},
                                   {QStringLiteral("at"), 1}}}});
        QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kWait);
        QCOMPARE(messages.at(0).at(0).value<NebengJek::Protocol::Envelope>().type,
                 NebengJek::Protocol::MessageType::UserOnline); // the rest held until resume.done
        server.send(0,
                    {{QStringLiteral("type"), QStringLiteral("resume.done")},
                     {QStringLiteral("id"), resumeId},
                     {QStringLiteral("payload"),
                      QJsonObject {{QStringLiteral("from_seq"), 1},
                                   {QStringLiteral("to_seq"), 3},
                                   {QStringLiteral("replayed"), 3}}}});
        QTRY_COMPARE_WITH_TIMEOUT(m->lastSeq(), qint64(3), kWait);
        QList<qint64> seqs;
        for (const QList<QVariant> &args : messages) {
            const auto e = args.at(0).value<NebengJek::Protocol::Envelope>();
            if (e.seq > 0)
                seqs.append(e.seq);
        }
        QCOMPARE(seqs, QList<qint64>({1, 2, 3}));
        // Emitted once, after the replayed events.
        QCOMPARE(resumed.count(), 1);
    }

    void duplicatesDroppedAndSeqPersisted()
    {
        QTemporaryDir dir;
        FakeServer server;
        {
            auto m = makeManager(dir.path(), server.url());
            QSignalSpy messages(m.get(), &ConnectionManager::messageReceived);
            m->open();
            QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
            const QString type = QStringLiteral("notification.new");
            server.sendEvent(0, 1, type);
            server.sendEvent(0, 2, type);
            server.sendEvent(0, 2, type); // duplicate
            server.sendEvent(0, 1, type); // older
            server.sendEvent(0, 3, type);
            QTRY_COMPARE_WITH_TIMEOUT(m->lastSeq(), qint64(3), kWait);
            QTest::qWait(50);
            QCOMPARE(messages.count(), 3);
            QCOMPARE(messages.at(2).at(0).value<NebengJek::Protocol::Envelope>().seq, 3);
        }
        // A restart resumes from the persisted sequence and drops the replayed overlap.
        auto m = makeManager(dir.path(), server.url());
        QCOMPARE(m->lastSeq(), qint64(3));
        QSignalSpy messages(m.get(), &ConnectionManager::messageReceived);
        server.serverLastSeq = 4;
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount() > 1
                                          ? server.received(1, QStringLiteral("resume")).size()
                                          : 0,
                                  1, kWait);
        QCOMPARE(payloadOf(server.received(1, QStringLiteral("resume")).at(0))
                         .value(QStringLiteral("last_seq"))
                         .toInteger(),
                 3);
        server.sendEvent(1, 3, QStringLiteral("notification.new"));
        server.sendEvent(1, 4, QStringLiteral("notification.new"));
        server.send(1,
                    {{QStringLiteral("type"), QStringLiteral("resume.done")},
                     {QStringLiteral("payload"),
                      QJsonObject {{QStringLiteral("from_seq"), 4},
                                   {QStringLiteral("to_seq"), 4},
                                   {QStringLiteral("replayed"), 1}}}});
        QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kWait); // seq 4; resume.done is internal
        QTest::qWait(50);
        QCOMPARE(messages.count(), 1);
        QCOMPARE(messages.at(0).at(0).value<NebengJek::Protocol::Envelope>().seq, 4);
        QCOMPARE(m->lastSeq(), qint64(4));
    }

    void anotherUserStartsFromZero()
    {
        QTemporaryDir dir;
        FakeServer server;
        {
            auto m = makeManager(dir.path(), server.url());
            m->open();
            QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
            server.sendEvent(0, 5, QStringLiteral("notification.new"));
            QTRY_COMPARE_WITH_TIMEOUT(m->lastSeq(), qint64(5), kWait);
        }
        server.userId = QStringLiteral("u-2");
        server.serverLastSeq = 9;
        auto m = makeManager(dir.path(), server.url());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount() > 1
                                          ? server.received(1, QStringLiteral("resume")).size()
                                          : 0,
                                  1, kWait);
        QCOMPARE(payloadOf(server.received(1, QStringLiteral("resume")).at(0))
                         .value(QStringLiteral("last_seq"))
                         .toInteger(),
                 0);
        QCOMPARE(m->lastSeq(), qint64(0));
    }

    void serverBehindUsStartsFromZero()
    {
        QTemporaryDir dir;
        FakeServer server;
        {
            auto m = makeManager(dir.path(), server.url());
            m->open();
            QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
            server.sendEvent(0, 50, QStringLiteral("notification.new"));
            QTRY_COMPARE_WITH_TIMEOUT(m->lastSeq(), qint64(50), kWait);
        }
        server.serverLastSeq = 2; // storage was reset
        auto m = makeManager(dir.path(), server.url());
        QSignalSpy messages(m.get(), &ConnectionManager::messageReceived);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QCOMPARE(m->lastSeq(), qint64(0));
        server.sendEvent(1, 1, QStringLiteral("notification.new"));
        QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kWait); // not dropped as a duplicate
    }

    void pingsMeasureQuality()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        m->setPingInterval(50ms);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(m->quality()->rttMs() >= 0, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(server.received(0, QStringLiteral("ping")).size() >= 3, kWait);
        const auto pings = server.received(0, QStringLiteral("ping"));
        for (int i = 0; i < pings.size(); ++i) {
            QCOMPARE(payloadOf(pings.at(i)).value(QStringLiteral("seq")).toInteger(), i + 1);
            QVERIFY(payloadOf(pings.at(i)).value(QStringLiteral("client_time")).toDouble() > 0);
        }
        QCOMPARE(m->quality()->missedPongs(), 0);
        QVERIFY(m->quality()->level() == ConnectionQuality::Excellent
                || m->quality()->level() == ConnectionQuality::Good); // loopback, busy box
    }

    void missedPongsDropTheConnection()
    {
        QTemporaryDir dir;
        FakeServer server;
        server.autoPong = false;
        auto m = makeManager(dir.path(), server.url());
        m->setPingInterval(50ms);
        QStringList errors; // lastError is cleared again by the reconnect
        connect(m.get(), &ConnectionManager::lastErrorChanged, this,
                [&errors, &m] { errors.append(m->lastError()); });
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(m->quality()->level(), ConnectionQuality::Poor, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() >= 2, kWait);
        QVERIFY2(errors.contains(QStringLiteral("no_pong")), qPrintable(errors.join(u',')));
        // Dead after kDeadAfterMissedPongs: the 4th ping was never written on connection 0.
        QCOMPARE(server.received(0, QStringLiteral("ping")).size(),
                 ConnectionManager::kDeadAfterMissedPongs);
    }

    void networkLossPausesAndReturnTriggersAttempt()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        m->setReconnectPolicy(fastPolicy(60s)); // only the network can make it try soon
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        server.closeWith(0, CloseCode::ServerRestart);
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Reconnecting, kWait);
        QCOMPARE(m->nextRetryMs(), 60000);

        m->networkMonitor()->setOnline(false);
        QCOMPARE(m->state(), ConnectionManager::Offline);
        QCOMPARE(m->nextRetryMs(), 0);
        QTest::qWait(100);
        QCOMPARE(server.connectionCount(), 1);

        m->networkMonitor()->setOnline(true); // back: try at once
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QCOMPARE(server.connectionCount(), 2);
    }

    void lostWhileNetworkDownWaitsForIt()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        m->networkMonitor()->setOnline(false); // a live socket is left to its pings
        QCOMPARE(m->state(), ConnectionManager::Connected);
        server.abort(0);
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Offline, kWait);
        QTest::qWait(100);
        QCOMPARE(server.connectionCount(), 1);
        m->networkMonitor()->setOnline(true);
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
    }

    void suspendAndResume()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        m->suspend();
        QCOMPARE(m->state(), ConnectionManager::Suspended);
        QCOMPARE(m->quality()->level(), ConnectionQuality::Offline);
        QTRY_COMPARE_WITH_TIMEOUT(server.connection(0).closeCode, int(CloseCode::GoingAway), kWait);
        const QString queued = m->send(MessageType::MessageSend, chat(1));
        QTest::qWait(100);
        QCOMPARE(server.connectionCount(), 1);
        m->resume();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(server.received(1, QStringLiteral("message.send")).size(), 1,
                                  kWait);
        QCOMPARE(server.received(1, QStringLiteral("message.send"))
                         .at(0)
                         .value(QStringLiteral("id"))
                         .toString(),
                 queued);
    }

    void userCloseSignsOutWithoutReconnect()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        QSignalSpy signedOut(m.get(), &ConnectionManager::signedOutByServer);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        server.autoAck = false;
        m->suspend(); // so the next request stays queued
        const QString queued = m->send(MessageType::MessageSend, chat(1));
        m->resume();
        m->close();
        QCOMPARE(m->state(), ConnectionManager::SignedOut);
        QCOMPARE(m->offlineQueue()->entry(queued)->status, OfflineQueue::Failed);
        QTest::qWait(300);
        QCOMPARE(signedOut.count(), 0); // the user's doing, not the server's
        QCOMPARE(m->state(), ConnectionManager::SignedOut);
        m->open(); // the token is gone with the sign-out
        QCOMPARE(m->state(), ConnectionManager::SignedOut);
    }

    void closeSendsNormalCloseFrame()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        m->close();
        QTRY_COMPARE_WITH_TIMEOUT(server.connection(0).closeCode, int(CloseCode::Normal), kWait);
        QTest::qWait(200);
        QCOMPARE(server.connectionCount(), 1);
    }

    void tokenRefreshAndServerChange()
    {
        QTemporaryDir dir;
        FakeServer server;
        FakeServer other;
        auto m = makeManager(dir.path(), server.url());
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        m->setCredentials(server.url(), QStringLiteral("fresh-token"));
        QTRY_COMPARE_WITH_TIMEOUT(server.received(0, QStringLiteral("token.refresh")).size(), 1,
                                  kWait);
        QCOMPARE(payloadOf(server.received(0, QStringLiteral("token.refresh")).at(0))
                         .value(QStringLiteral("token"))
                         .toString(),
                 QStringLiteral("fresh-token"));
        m->setCredentials(other.url(), QStringLiteral("fresh-token"));
        QTRY_COMPARE_WITH_TIMEOUT(other.connectionCount(), 1, kWait);
        QCOMPARE(other.connection(0).authorization, QByteArray("Bearer fresh-token"));
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QCOMPARE(server.connectionCount(), 1);
    }

    void liveOnlyAndOwnTypes()
    {
        QTemporaryDir dir;
        FakeServer server;
        auto m = makeManager(dir.path(), server.url());
        const QJsonObject typing {{QStringLiteral("match_id"), QStringLiteral("m-1")},
                                  {QStringLiteral("is_typing"), true}};
        QCOMPARE(m->send(MessageType::Typing, typing), QString()); // not connected: dropped
        QCOMPARE(m->offlineQueue()->pendingCount(), 0);
        QCOMPARE(m->send(MessageType::Ping, {}), QString());
        QCOMPARE(m->send(MessageType::Auth, {}), QString());
        QCOMPARE(m->send(MessageType::Resume, {}), QString());
        QCOMPARE(m->send(MessageType::MatchProposal, {}), QString()); // server-only type
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QVERIFY(!m->send(MessageType::Typing, typing).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(server.received(0, QStringLiteral("typing")).size(), 1, kWait);
        QCOMPARE(m->offlineQueue()->pendingCount(), 0);
    }

    void stablePeriodResetsAttemptCounter()
    {
        QTemporaryDir dir;
        FakeServer server;
        qint64 now = 0;
        auto m = makeManager(dir.path(), server.url());
        m->setClock([&now] { return now; });
        ReconnectPolicy p = fastPolicy();
        p.setStablePeriod(100ms);
        m->setReconnectPolicy(p);
        m->open();
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        // Two quick drops: the counter grows because no connection was stable.
        server.closeWith(0, CloseCode::ServerRestart);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        server.closeWith(1, CloseCode::ServerRestart);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 3, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(m->state(), ConnectionManager::Connected, kWait);
        QCOMPARE(m->reconnectAttempt(), 2);
        // Stable on the injected clock: the timer's check resets the count.
        now += 100;
        QTRY_COMPARE_WITH_TIMEOUT(m->reconnectAttempt(), 0, kWait);
    }
};

QTEST_GUILESS_MAIN(TestConnectionManager)
#include "tst_connectionmanager.moc"
