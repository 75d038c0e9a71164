// SPDX-License-Identifier: MIT
// Error codes (errorcode.h) and ProtocolError (protocolerror.h): wire names, retryability and
// the shape of the error payload.
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

Q_DECLARE_METATYPE(NebengJek::Protocol::ErrorCode)

class TestErrorCodes : public QObject
{
    Q_OBJECT

private slots:
    void table_data();
    void table();
    void namesAreUnique();
    void legacyNames_data();
    void legacyNames();
    void payloadShape();
    void fromPayload_data();
    void fromPayload();
    void factories();
};

// The documented table (docs/protocol.md, "Error codes"): wire name and whether a retry of the
// same request can succeed.
void TestErrorCodes::table_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("retryable");
    auto row = [](ErrorCode code, const char *name, bool retryable) {
        QTest::newRow(name) << code << QString::fromLatin1(name) << retryable;
    };
    row(ErrorCode::InvalidFormat, "INVALID_FORMAT", false);
    row(ErrorCode::UnknownType, "UNKNOWN_TYPE", false);
    row(ErrorCode::ValidationFailed, "VALIDATION_FAILED", false);
    row(ErrorCode::Unauthorized, "UNAUTHORIZED", false);
    row(ErrorCode::Forbidden, "FORBIDDEN", false);
    row(ErrorCode::NotFound, "NOT_FOUND", false);
    row(ErrorCode::Conflict, "CONFLICT", false);
    row(ErrorCode::RateLimit, "RATE_LIMIT", true);
    row(ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE", false);
    row(ErrorCode::Unavailable, "UNAVAILABLE", true);
    row(ErrorCode::InternalError, "INTERNAL_ERROR", true);
    row(ErrorCode::TooFar, "TOO_FAR", false);
}

void TestErrorCodes::table()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, name);
    QFETCH(bool, retryable);
    QCOMPARE(errorCodeName(code), name);
    QCOMPARE(errorCodeFromName(name), std::optional<ErrorCode>(code));
    QCOMPARE(isRetryable(code), retryable);
}

void TestErrorCodes::namesAreUnique()
{
    QSet<QString> names;
    for (int i = int(ErrorCode::InvalidFormat); i <= int(ErrorCode::TooFar); ++i) {
        const QString name = errorCodeName(ErrorCode(i));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
    }
    QCOMPARE(names.size(), 12);
}

void TestErrorCodes::legacyNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("known");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("chat seed UNKNOWN_EVENT")
            << QStringLiteral("UNKNOWN_EVENT") << true << ErrorCode::UnknownType;
    QTest::newRow("lower case") << QStringLiteral("rate_limit") << false << ErrorCode::RateLimit;
    QTest::newRow("chat seed VALIDATION_ERROR")
            << QStringLiteral("VALIDATION_ERROR") << false << ErrorCode::ValidationFailed;
    QTest::newRow("chat seed INVALID_MESSAGE")
            << QStringLiteral("INVALID_MESSAGE") << false << ErrorCode::InvalidFormat;
    QTest::newRow("chat seed BLOCKED")
            << QStringLiteral("BLOCKED") << false << ErrorCode::Forbidden;
    QTest::newRow("empty") << QString() << false << ErrorCode::InternalError;
}

void TestErrorCodes::legacyNames()
{
    QFETCH(QString, name);
    QFETCH(bool, known);
    QFETCH(ErrorCode, code);
    const auto parsed = errorCodeFromName(name);
    QCOMPARE(parsed.has_value(), known);
    if (known)
        QCOMPARE(*parsed, code);
}

void TestErrorCodes::payloadShape()
{
    ProtocolError e =
            ProtocolError::make(ErrorCode::RateLimit, QStringLiteral("too many messages"));
    e.retryAfterMs = 750;
    QCOMPARE(e.toPayload(),
             jsonObject(R"({"code":"RATE_LIMIT","message":"too many messages","retryable":true,)"
                        R"("retry_after_ms":750})"));

    const ProtocolError v =
            ProtocolError::validation(QStringLiteral("lat"), QStringLiteral("lat is required"));
    QCOMPARE(v.toPayload(),
             jsonObject(R"({"code":"VALIDATION_FAILED","message":"lat is required","field":"lat",)"
                        R"("retryable":false})"));

    // Fields without a value are left out rather than sent empty.
    const QJsonObject bare = ProtocolError::make(ErrorCode::NotFound, QString()).toPayload();
    QVERIFY(!bare.contains(QStringLiteral("field")));
    QVERIFY(!bare.contains(QStringLiteral("retry_after_ms")));
    QVERIFY(bare.contains(QStringLiteral("message")));
    QVERIFY(bare.contains(QStringLiteral("retryable")));
}

void TestErrorCodes::fromPayload_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("retryAfterMs");
    QTest::newRow("full") << QByteArray(
            R"({"code":"RATE_LIMIT","message":"m","field":"f","retry_after_ms":9})")
                          << ErrorCode::RateLimit << QStringLiteral("f") << 9;
    QTest::newRow("legacy code") << QByteArray(R"({"code":"UNKNOWN_EVENT","message":"m"})")
                                 << ErrorCode::UnknownType << QString() << 0;
    // A code from a newer server is an error the client cannot interpret: internal.
    QTest::newRow("unknown code") << QByteArray(R"({"code":"TEAPOT"})") << ErrorCode::InternalError
                                  << QString() << 0;
    QTest::newRow("empty") << QByteArray("{}") << ErrorCode::InternalError << QString() << 0;
}

void TestErrorCodes::fromPayload()
{
    QFETCH(QByteArray, payload);
    QFETCH(ErrorCode, code);
    QFETCH(QString, field);
    QFETCH(int, retryAfterMs);
    const ProtocolError e = ProtocolError::fromPayload(jsonObject(payload));
    QCOMPARE(e.code, code);
    QCOMPARE(e.field, field);
    QCOMPARE(e.retryAfterMs, retryAfterMs);
}

void TestErrorCodes::factories()
{
    const ProtocolError f = ProtocolError::invalidFormat(QStringLiteral("bad"));
    QCOMPARE(f.code, ErrorCode::InvalidFormat);
    QCOMPARE(f.message, QStringLiteral("bad"));
    QVERIFY(f.field.isEmpty());
    const ProtocolError v = ProtocolError::validation(QStringLiteral("x"), QStringLiteral("x bad"));
    QCOMPARE(v.code, ErrorCode::ValidationFailed);
    QCOMPARE(v.field, QStringLiteral("x"));
    const ProtocolError m = ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("no"));
    QCOMPARE(m.code, ErrorCode::Forbidden);
    QCOMPARE(m.retryAfterMs, 0);
    // A default-constructed error is internal, never a silent success.
    QCOMPARE(ProtocolError().code, ErrorCode::InternalError);
}

QTEST_GUILESS_MAIN(TestErrorCodes)
#include "tst_errorcodes.moc"
