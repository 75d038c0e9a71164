// SPDX-License-Identifier: MIT
// The QA client's request ids: unique per session (a random prefix), so that a second session of
// the same user is not refused because the server remembers the first one's ids. Checked against
// the in-process gateway over real loopback sockets.
#include "gatewaytestkit.h"

#include <core/testconnection.h>

using namespace TestKit;
using NebengJek::Protocol::Envelope;
using NebengJek::Protocol::MessageType;
using NebengJek::TestClient::ConnectionOptions;
using NebengJek::TestClient::ReceivedMessage;
using NebengJek::TestClient::TestConnection;

namespace {
// A QA client session that keeps every frame it receives.
struct QaSession
{
    QaSession()
    {
        QObject::connect(&connection, &TestConnection::messageReceived,
                         [this](const ReceivedMessage &m) { received.append(m); });
    }
    bool open(quint16 port, const QByteArray &token)
    {
        ConnectionOptions options;
        options.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));
        options.token = token;
        connection.open(options);
        return QTest::qWaitFor([this] { return find(QStringLiteral("auth_success")) != nullptr; },
                               kWait);
    }
    const ReceivedMessage *find(const QString &type, const QString &id = {}) const
    {
        for (const ReceivedMessage &m : received) {
            if (m.type() == type
                && (id.isEmpty() || m.json.value(QStringLiteral("id")).toString() == id))
                return &m;
        }
        return nullptr;
    }
    // The reply (any type) to request `id`.
    std::optional<ReceivedMessage> replyTo(const QString &id) const
    {
        std::optional<ReceivedMessage> reply;
        (void)QTest::qWaitFor(
                [&] {
                    for (const ReceivedMessage &m : received) {
                        if (m.json.value(QStringLiteral("id")).toString() == id) {
                            reply = m;
                            return true;
                        }
                    }
                    return false;
                },
                kWait);
        return reply;
    }

    TestConnection connection;
    QList<ReceivedMessage> received;
};
} // namespace

class TestQaClient : public QObject
{
    Q_OBJECT

private slots:
    void requestIdsDifferBetweenSessions()
    {
        TestConnection a;
        TestConnection b;
        const QString a1 = a.nextRequestId();
        const QString a2 = a.nextRequestId();
        const QString b1 = b.nextRequestId();
        QVERIFY(a1.startsWith(QLatin1String("qa-")));
        QVERIFY(a1 != a2);
        QVERIFY(a1 != b1);
        // Same prefix within a session, numbered.
        QCOMPARE(a1.section(QLatin1Char('-'), 0, 1), a2.section(QLatin1Char('-'), 0, 1));
        QVERIFY(a1.section(QLatin1Char('-'), 0, 1) != b1.section(QLatin1Char('-'), 0, 1));
        QVERIFY(a1.size() <= 64); // the protocol's id limit
    }

    void secondSessionOfTheSameUserIsNotRefused()
    {
        TestServer server;
        QVERIFY(server.ok());
        const QByteArray userToken = token(QStringLiteral("qa-user"));
        const QJsonObject target {{QStringLiteral("user_id"), QStringLiteral("qa-other")}};

        QaSession first;
        QVERIFY(first.open(server.port(), userToken));
        const QString blockId =
                first.connection.sendEnvelope(Envelope::make(MessageType::UserBlock, target));
        const auto blocked = first.replyTo(blockId);
        QVERIFY(blocked);
        QCOMPARE(blocked->type(), QStringLiteral("ack"));
        first.connection.abort();

        // A new session of the same user: its first request id must not be the first one's.
        QaSession second;
        QVERIFY(second.open(server.port(), userToken));
        const QString unblockId =
                second.connection.sendEnvelope(Envelope::make(MessageType::UserUnblock, target));
        QVERIFY(unblockId != blockId);
        const auto unblocked = second.replyTo(unblockId);
        QVERIFY(unblocked);
        QCOMPARE(unblocked->type(), QStringLiteral("ack"));
        QCOMPARE(unblocked->payload().value(QStringLiteral("changed")).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestQaClient)
#include "tst_qaclient.moc"
