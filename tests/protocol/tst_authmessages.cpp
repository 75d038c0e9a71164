// SPDX-License-Identifier: MIT
// Session messages (messages/authmessages.h): auth, auth_success, auth_failed, token.refresh,
// ping/pong, ack and the error reply.
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {
constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;
const QString kJwt = QStringLiteral("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                                    "eyJzdWIiOiJ1LTEiLCJyb2xlIjoiZHJpdmVyIn0.c2lnbmF0dXJl");

QByteArray tokenOf(int length)
{
    return QByteArray(R"({"token":")") + QByteArray(length, 'a') + R"("})";
}
} // namespace

class TestAuthMessages : public QObject
{
    Q_OBJECT

private slots:
    void auth();
    void authSuccess_data();
    void authSuccess();
    void authFailed();
    void tokenRefresh();
    void ping();
    void pong();
    void ack();
    void errorMessage_data();
    void errorMessage();
    void errorMessageFromChatSeed();
    void validation_data();
    void validation();
};

void TestAuthMessages::auth()
{
    const auto rt = roundTrip(Auth {kJwt}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->token, kJwt);
}

void TestAuthMessages::authSuccess_data()
{
    QTest::addColumn<int>("role");
    QTest::newRow("driver") << int(Role::Driver);
    QTest::newRow("passenger") << int(Role::Passenger);
}

void TestAuthMessages::authSuccess()
{
    QFETCH(int, role);
    AuthSuccess m;
    m.userId = QStringLiteral("u-1");
    m.role = Role(role);
    m.sessionId = QStringLiteral("s-7f3a");
    m.expiresAt = 1700003600000;
    m.serverTime = 1700000000000;
    m.lastSeq = 41;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->userId, m.userId);
    QCOMPARE(rt.value->role, m.role);
    QCOMPARE(rt.value->sessionId, m.sessionId);
    QCOMPARE(rt.value->expiresAt, m.expiresAt);
    QCOMPARE(rt.value->serverTime, m.serverTime);
    QCOMPARE(rt.value->lastSeq, m.lastSeq);
}

void TestAuthMessages::authFailed()
{
    const auto rt = roundTrip(AuthFailed {QStringLiteral("token expired")}, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->reason, QStringLiteral("token expired"));
}

void TestAuthMessages::tokenRefresh()
{
    const auto rt = roundTrip(TokenRefresh {kJwt}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->token, kJwt);
}

void TestAuthMessages::ping()
{
    Ping m;
    m.seq = 3;
    m.clientTime = 1700000000000;
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->seq, m.seq);
    QCOMPARE(rt.value->clientTime, m.clientTime);

    const auto bare = roundTrip(Ping {}, kClient);
    QVERIFY2(bare.value, qPrintable(bare.failure));
    QVERIFY(!bare.value->seq.has_value());
    QVERIFY(!bare.value->clientTime.has_value());
}

void TestAuthMessages::pong()
{
    Pong m;
    m.seq = 3;
    m.clientTime = 1700000000000;
    m.serverTime = 1700000000012;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->seq, m.seq);
    QCOMPARE(rt.value->clientTime, m.clientTime);
    QCOMPARE(rt.value->serverTime, m.serverTime);

    Pong bare;
    bare.serverTime = 5;
    const auto rtBare = roundTrip(bare, kServer);
    QVERIFY2(rtBare.value, qPrintable(rtBare.failure));
    QVERIFY(!rtBare.value->seq.has_value());
    QCOMPARE(rtBare.value->serverTime, qint64(5));
}

void TestAuthMessages::ack()
{
    const auto rt = roundTrip(Ack {}, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->status, QStringLiteral("ok"));

    const auto dup = roundTrip(Ack {QStringLiteral("duplicate")}, kServer);
    QVERIFY2(dup.value, qPrintable(dup.failure));
    QCOMPARE(dup.value->status, QStringLiteral("duplicate"));
}

void TestAuthMessages::errorMessage_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("retryAfterMs");
    QTest::newRow("validation with field")
            << int(ErrorCode::ValidationFailed) << QStringLiteral("pickup.lat") << 0;
    QTest::newRow("rate limit with delay") << int(ErrorCode::RateLimit) << QString() << 2500;
    QTest::newRow("conflict") << int(ErrorCode::Conflict) << QString() << 0;
    QTest::newRow("internal") << int(ErrorCode::InternalError) << QString() << 0;
}

void TestAuthMessages::errorMessage()
{
    QFETCH(int, code);
    QFETCH(QString, field);
    QFETCH(int, retryAfterMs);
    ErrorMessage m;
    m.error = ProtocolError::make(ErrorCode(code), QStringLiteral("something is wrong"));
    m.error.field = field;
    m.error.retryAfterMs = retryAfterMs;
    const auto rt = roundTrip(m, kServer, QStringLiteral("c-5"));
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->error.code, m.error.code);
    QCOMPARE(rt.value->error.message, m.error.message);
    QCOMPARE(rt.value->error.field, field);
    QCOMPARE(rt.value->error.retryAfterMs, retryAfterMs);
    const QJsonObject payload = jsonObject(rt.wire).value(QStringLiteral("payload")).toObject();
    QCOMPARE(payload.value(QStringLiteral("retryable")).toBool(), isRetryable(ErrorCode(code)));
}

// The chat seed's error code spelling is read as ours.
void TestAuthMessages::errorMessageFromChatSeed()
{
    const Received r = receive(
            R"({"type":"error","payload":{"code":"UNKNOWN_EVENT","message":"Unknown event type: x"}})",
            kServer);
    QVERIFY2(r.ok, qPrintable(describe(r.error)));
    const Decoded<ErrorMessage> e = decode<ErrorMessage>(r.envelope->payload);
    QVERIFY(e.ok());
    QCOMPARE(e->error.code, ErrorCode::UnknownType);
}

void TestAuthMessages::validation_data()
{
    addValidationColumns();
    accepts("auth", "auth", kClient, R"({"token":"a.b.c"})");
    accepts("auth: 4096", "auth", kClient, tokenOf(kMaxTokenLength));
    rejects("auth: 4097", "auth", kClient, tokenOf(kMaxTokenLength + 1), "token");
    rejects("auth: missing", "auth", kClient, "{}", "token");
    rejects("auth: empty", "auth", kClient, R"({"token":""})", "token");
    rejects("auth: blank", "auth", kClient, R"({"token":"   "})", "token");
    rejects("auth: number", "auth", kClient, R"({"token":12345})", "token");
    rejects("auth: control character", "auth", kClient, R"({"token":"a.b\u0000.c"})", "token");
    accepts("refresh", "token.refresh", kClient, R"({"token":"a.b.c"})");
    rejects("refresh: 4097", "token.refresh", kClient, tokenOf(kMaxTokenLength + 1), "token");
    rejects("refresh: null", "token.refresh", kClient, R"({"token":null})", "token");

    const char *ok = R"("user_id":"u","session_id":"s","expires_at":1,"server_time":1)";
    accepts("success", "auth_success", kServer, QByteArray(R"({"role":"driver",)") + ok + "}");
    accepts("success: no last_seq", "auth_success", kServer,
            QByteArray(R"({"role":"passenger",)") + ok + "}");
    rejects("success: unknown role", "auth_success", kServer,
            QByteArray(R"({"role":"admin",)") + ok + "}", "role");
    rejects("success: role missing", "auth_success", kServer, QByteArray("{") + ok + "}", "role");
    rejects("success: bad last_seq", "auth_success", kServer,
            QByteArray(R"({"role":"driver","last_seq":-1,)") + ok + "}", "last_seq");
    accepts("failed", "auth_failed", kServer, R"({"reason":"bad signature"})");
    rejects("failed: reason 513", "auth_failed", kServer,
            QByteArray(R"({"reason":")") + QByteArray(513, 'r') + R"("})", "reason");

    accepts("ping: empty", "ping", kClient, "{}");
    accepts("ping: seq and time", "ping", kClient, R"({"seq":1,"client_time":1700000000000})");
    accepts("ping: camelCase", "ping", kClient, R"({"clientTime":1})");
    rejects("ping: negative seq", "ping", kClient, R"({"seq":-1})", "seq");
    rejects("ping: fractional seq", "ping", kClient, R"({"seq":0.5})", "seq");
    rejects("ping: seq string", "ping", kClient, R"({"seq":"1"})", "seq");
    rejects("ping: client_time after 9999", "ping", kClient, R"({"client_time":253402300800000})",
            "client_time");
    accepts("pong", "pong", kServer, R"({"server_time":1})");
    rejects("pong: server_time missing", "pong", kServer, R"({"seq":1})", "server_time");

    accepts("ack: default", "ack", kServer, "{}");
    accepts("ack: status", "ack", kServer, R"({"status":"duplicate"})");
    rejects("ack: status 33 chars", "ack", kServer,
            QByteArray(R"({"status":")") + QByteArray(33, 's') + R"("})", "status");

    accepts("error", "error", kServer, R"({"code":"NOT_FOUND","message":"no such ride"})");
    accepts("error: empty message", "error", kServer, R"({"code":"CONFLICT","message":""})");
    accepts("error: full", "error", kServer,
            R"({"code":"RATE_LIMIT","message":"slow down","retryable":true,"retry_after_ms":1000})");
    rejects("error: unknown code", "error", kServer, R"({"code":"TEAPOT","message":"x"})", "code");
    rejects("error: code missing", "error", kServer, R"({"message":"x"})", "code");
    rejects("error: message missing", "error", kServer, R"({"code":"CONFLICT"})", "message");
    rejects("error: retry_after_ms over a day", "error", kServer,
            R"({"code":"RATE_LIMIT","message":"x","retry_after_ms":86400001})", "retry_after_ms");
    rejects("error: retryable as string", "error", kServer,
            R"({"code":"RATE_LIMIT","message":"x","retryable":"yes"})", "retryable");
}

void TestAuthMessages::validation()
{
    checkValidationRow();
}

QTEST_GUILESS_MAIN(TestAuthMessages)
#include "tst_authmessages.moc"
