// SPDX-License-Identifier: MIT
// WebSocket close codes (closecode.h): the retryable 4000-4499 / terminal 4500-4999 rule, the
// standard codes, and the stable names used in logs and metrics.
#include <protocol/closecode.h>

#include <QSet>
#include <QTest>

using namespace NebengJek::Protocol;

class TestCloseCodes : public QObject
{
    Q_OBJECT

private slots:
    void table_data();
    void table();
    void ranges_data();
    void ranges();
    void unnamedCodes();
    void namesAreUnique();
};

// The documented table (docs/protocol.md, "Close codes").
void TestCloseCodes::table_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("retryable");
    auto row = [](int code, const char *name, bool retryable) {
        QTest::newRow(name) << code << QString::fromLatin1(name) << retryable;
    };
    row(1000, "normal", false);
    row(1001, "going_away", true);
    row(1002, "protocol_error", true);
    row(1007, "invalid_payload", true);
    row(1008, "policy_violation", false);
    row(1009, "message_too_big", true);
    row(1011, "internal_error", true);
    row(4000, "server_restart", true);
    row(4001, "stale", true);
    row(4002, "slow_consumer", true);
    row(4008, "rate_limited", true);
    row(4010, "token_expired", true);
    row(4500, "auth_failed", false);
    row(4501, "auth_timeout", false);
    row(4503, "forbidden", false);
    row(4509, "session_replaced", false);
}

void TestCloseCodes::table()
{
    QFETCH(int, code);
    QFETCH(QString, name);
    QFETCH(bool, retryable);
    QCOMPARE(closeCodeName(code), name);
    QCOMPARE(isRetryableClose(code), retryable);
}

void TestCloseCodes::ranges_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("retryable");
    // Unknown application codes follow their range, so an old client does the right thing.
    QTest::newRow("4000 first retryable") << 4000 << true;
    QTest::newRow("4123 unknown retryable") << 4123 << true;
    QTest::newRow("4499 last retryable") << 4499 << true;
    QTest::newRow("4500 first terminal") << 4500 << false;
    QTest::newRow("4777 unknown terminal") << 4777 << false;
    QTest::newRow("4999 last terminal") << 4999 << false;
    // Standard codes: only a normal close and a policy violation stop the client.
    QTest::newRow("1003 unsupported data") << 1003 << true;
    QTest::newRow("1005 no status") << 1005 << true;
    QTest::newRow("1006 abnormal") << 1006 << true;
    QTest::newRow("1012 service restart") << 1012 << true;
    QTest::newRow("1013 try again later") << 1013 << true;
    QTest::newRow("1014 bad gateway") << 1014 << true;
    QTest::newRow("3000 registered") << 3000 << true;
    QTest::newRow("5000 out of range") << 5000 << true;
}

void TestCloseCodes::ranges()
{
    QFETCH(int, code);
    QFETCH(bool, retryable);
    QCOMPARE(isRetryableClose(code), retryable);
}

void TestCloseCodes::unnamedCodes()
{
    QCOMPARE(closeCodeName(4123), QStringLiteral("code_4123"));
    QCOMPARE(closeCodeName(1006), QStringLiteral("code_1006"));
}

void TestCloseCodes::namesAreUnique()
{
    const int codes[] = {
            CloseCode::Normal,          CloseCode::GoingAway,     CloseCode::ProtocolError,
            CloseCode::PolicyViolation, CloseCode::MessageTooBig, CloseCode::InternalError,
            CloseCode::ServerRestart,   CloseCode::Stale,         CloseCode::SlowConsumer,
            CloseCode::RateLimited,     CloseCode::TokenExpired,  CloseCode::AuthFailed,
            CloseCode::AuthTimeout,     CloseCode::Forbidden,     CloseCode::SessionReplaced};
    QSet<QString> names;
    for (int code : codes) {
        const QString name = closeCodeName(code);
        QVERIFY2(!name.startsWith(QLatin1String("code_")), qPrintable(name));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        // Application codes sit in the range that matches their documented behaviour.
        if (code >= 4000)
            QCOMPARE(isRetryableClose(code), code < 4500);
    }
}

QTEST_GUILESS_MAIN(TestCloseCodes)
#include "tst_closecodes.moc"
