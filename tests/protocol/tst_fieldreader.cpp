// SPDX-License-Identifier: MIT
// FieldReader (fieldreader.h): every rule a payload field can break, the error it produces
// (VALIDATION_FAILED, the field, a message naming the rule), the camelCase and legacy aliases,
// and that the first failure wins.
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {

// {"k": <value>}, or {} when value is null (the key is missing).
QJsonObject withK(const QByteArray &value)
{
    if (value.isNull())
        return {};
    return jsonObject(QByteArray("{\"k\":" + value + '}'));
}

QByteArray quoted(const QString &s)
{
    return compact(QJsonObject {{QStringLiteral("k"), s}}).mid(5).chopped(1);
}

void addOutcomeColumns()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");
}

void outcome(const char *tag, QByteArray value, bool ok, const char *messagePart = "")
{
    QTest::newRow(tag) << value << ok << QString::fromLatin1(messagePart);
}

// Shared tail of each rule test: ok or the right error.
void checkOutcome(const FieldReader &r, bool ok, const QString &messagePart,
                  const QString &field = QStringLiteral("k"))
{
    QCOMPARE(r.ok(), ok);
    if (ok)
        return;
    QCOMPARE(r.error().code, ErrorCode::ValidationFailed);
    QCOMPARE(r.error().field, field);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    QVERIFY2(r.error().message.startsWith(field), qPrintable(r.error().message));
}

} // namespace

class TestFieldReader : public QObject
{
    Q_OBJECT

private slots:
    void identifier_data();
    void identifier();
    void optionalIdentifier_data();
    void optionalIdentifier();
    void text_data();
    void text();
    void optionalText();
    void oneOf_data();
    void oneOf();
    void number_data();
    void number();
    void integer_data();
    void integer();
    void optionalNumbers();
    void boolean_data();
    void boolean();
    void flatPoint_data();
    void flatPoint();
    void point_data();
    void point();
    void identifierList_data();
    void identifierList();
    void array();
    void object();
    void camelCaseAliases();
    void legacyAliases();
    void canonicalSpellingWins();
    void firstErrorWins();
    void failKeepsTheFirstError();
};

void TestFieldReader::identifier_data()
{
    addOutcomeColumns();
    outcome("simple", R"("u-1")", true);
    outcome("every allowed character", R"("AZaz09_-.:@")", true);
    outcome("uuid", R"("6f1c2f5e-8d4b-4c1e-9c8a-2b7d1e0f3a9c")", true);
    outcome("128", quoted(QString(128, QLatin1Char('a'))), true);
    outcome("129", quoted(QString(129, QLatin1Char('a'))), false, "1 to 128");
    outcome("missing", QByteArray(), false, "is required");
    outcome("null", "null", false, "must be a string, not null");
    outcome("number", "42", false, "must be a string, not a number");
    outcome("object", "{}", false, "not an object");
    outcome("array", R"(["a"])", false, "not an array");
    outcome("bool", "true", false, "not a boolean");
    outcome("empty", R"("")", false, "1 to 128");
    outcome("space", R"("a b")", false, "A-Z a-z 0-9");
    outcome("slash", R"("a/b")", false, "A-Z a-z 0-9");
    outcome("quote", R"("a\"b")", false, "A-Z");
    outcome("newline", R"("a\n")", false, "A-Z");
    outcome("NUL", R"("a\u0000")", false, "A-Z");
    outcome("non-ASCII letter", R"("bud\u00ed")", false, "A-Z");
    outcome("emoji", R"("\ud83d\ude00")", false, "A-Z");
    outcome("SQL", R"("1' OR '1'='1")", false, "A-Z");
    outcome("path traversal", R"("../../etc")", false, "A-Z");
}

void TestFieldReader::identifier()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    FieldReader r(withK(value));
    const QString s = r.identifier("k");
    checkOutcome(r, ok, messagePart);
    if (ok)
        QCOMPARE(s, withK(value).value(QStringLiteral("k")).toString());
    else
        QVERIFY(s.isEmpty());
}

void TestFieldReader::optionalIdentifier_data()
{
    addOutcomeColumns();
    outcome("missing", QByteArray(), true);
    outcome("null", "null", true);
    outcome("valid", R"("m-1")", true);
    outcome("empty", R"("")", false, "1 to 8");
    outcome("too long", R"("abcdefghi")", false, "1 to 8");
    outcome("number", "1", false, "must be a string");
}

void TestFieldReader::optionalIdentifier()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    FieldReader r(withK(value));
    const auto s = r.optionalIdentifier("k", 8);
    checkOutcome(r, ok, messagePart);
    const bool present = ok && !value.isNull() && value != "null";
    QCOMPARE(s.has_value(), present);
}

void TestFieldReader::text_data()
{
    addOutcomeColumns();
    QTest::addColumn<bool>("allowEmpty");
    auto row = [](const char *tag, QByteArray value, bool ok, const char *part = "",
                  bool allowEmpty = false) {
        QTest::newRow(tag) << value << ok << QString::fromLatin1(part) << allowEmpty;
    };
    row("plain", R"("Saya sudah di lobi")", true);
    row("newline and tab", R"("line 1\nline 2\tend")", true);
    row("unicode", R"("Terima kasih \ud83d\ude4f \u2014 sampai jumpa")", true);
    row("40", quoted(QString(40, QLatin1Char('x'))), true);
    row("41", quoted(QString(41, QLatin1Char('x'))), false, "longer than 40");
    row("40 with an emoji", quoted(QString(38, QLatin1Char('x')) + QStringLiteral("\U0001F600")),
        true);
    row("39 with an emoji counts UTF-16 units",
        quoted(QString(39, QLatin1Char('x')) + QStringLiteral("\U0001F600")), false,
        "longer than 40");
    row("missing", QByteArray(), false, "is required");
    row("null", "null", false, "must be a string, not null");
    row("number", "7", false, "must be a string, not a number");
    row("empty", R"("")", false, "must not be empty");
    row("whitespace only", R"("  \n\t ")", false, "must not be empty");
    row("empty allowed", R"("")", true, "", true);
    row("NUL", R"("a\u0000b")", false, "control characters");
    row("bell", R"("a\u0007")", false, "control characters");
    row("carriage return", R"("a\r\nb")", false, "control characters");
    row("escape", R"("\u001b[31mred")", false, "control characters");
    row("DEL", R"("a\u007f")", false, "control characters");
    row("C1 NEL", R"("a\u0085b")", false, "control characters");
    row("C1 CSI", R"("a\u009bb")", false, "control characters");
    row("line separator", R"("a\u2028b")", false, "control characters");
    row("paragraph separator", R"("a\u2029b")", false, "control characters");
    row("no-break space is text", R"("a\u00a0b")", true);
    row("lone high surrogate", R"("a\ud800b")", false, "not valid Unicode");
    row("lone low surrogate", R"("\udc00")", false, "not valid Unicode");
    row("reversed pair", R"("\ude00\ud83d")", false, "not valid Unicode");
}

void TestFieldReader::text()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    QFETCH(bool, allowEmpty);
    FieldReader r(withK(value));
    const QString s = r.text("k", 40, allowEmpty);
    checkOutcome(r, ok, messagePart);
    if (ok)
        QCOMPARE(s, withK(value).value(QStringLiteral("k")).toString());
}

void TestFieldReader::optionalText()
{
    {
        FieldReader r(QJsonObject {});
        QVERIFY(!r.optionalText("k", 5).has_value());
        QVERIFY(r.ok());
    }
    {
        FieldReader r(withK("null"));
        QVERIFY(!r.optionalText("k", 5).has_value());
        QVERIFY(r.ok());
    }
    {
        FieldReader r(withK(R"("")"));
        QCOMPARE(r.optionalText("k", 5), std::optional<QString>(QString()));
        QVERIFY(r.ok());
    }
    {
        FieldReader r(withK(R"("123456")"));
        QVERIFY(!r.optionalText("k", 5).has_value());
        checkOutcome(r, false, QStringLiteral("longer than 5"));
    }
    {
        FieldReader r(withK(R"("a\u0001")"));
        QVERIFY(!r.optionalText("k", 5).has_value());
        checkOutcome(r, false, QStringLiteral("control characters"));
    }
}

void TestFieldReader::oneOf_data()
{
    addOutcomeColumns();
    outcome("first", R"("accepted")", true);
    outcome("last", R"("expired")", true);
    outcome("other", R"("maybe")", false, "must be one of: accepted, rejected, expired");
    outcome("case", R"("ACCEPTED")", false, "must be one of");
    outcome("prefix", R"("accept")", false, "must be one of");
    outcome("empty", R"("")", false, "must be one of");
    outcome("missing", QByteArray(), false, "is required");
    outcome("number", "1", false, "must be a string, not a number");
    outcome("null", "null", false, "must be a string, not null");
}

void TestFieldReader::oneOf()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    FieldReader r(withK(value));
    const QString s = r.oneOf("k", {"accepted", "rejected", "expired"});
    checkOutcome(r, ok, messagePart);
    if (ok)
        QCOMPARE(s, withK(value).value(QStringLiteral("k")).toString());
}

void TestFieldReader::number_data()
{
    addOutcomeColumns();
    QTest::addColumn<double>("expected");
    auto row = [](const char *tag, QByteArray value, bool ok, const char *part = "",
                  double expected = 0) {
        QTest::newRow(tag) << value << ok << QString::fromLatin1(part) << expected;
    };
    row("zero", "0", true, "", 0);
    row("min", "-90", true, "", -90);
    row("max", "90", true, "", 90);
    row("fraction", "-6.2088", true, "", -6.2088);
    row("exponent", "1.5e1", true, "", 15);
    row("negative zero", "-0", true, "", 0);
    row("below min", "-90.0000001", false, "between -90 and 90");
    row("above max", "90.0000001", false, "between -90 and 90");
    row("huge", "1e308", false, "between -90 and 90");
    row("string", R"("45")", false, "must be a number, not a string");
    row("bool", "true", false, "must be a number, not a boolean");
    row("null", "null", false, "must be a number, not null");
    row("array", "[1]", false, "must be a number, not an array");
    row("missing", QByteArray(), false, "is required");
}

void TestFieldReader::number()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    QFETCH(double, expected);
    FieldReader r(withK(value));
    const double d = r.number("k", -90, 90);
    checkOutcome(r, ok, messagePart);
    if (ok)
        QCOMPARE(d, expected);
}

void TestFieldReader::integer_data()
{
    addOutcomeColumns();
    QTest::addColumn<qint64>("expected");
    auto row = [](const char *tag, QByteArray value, bool ok, const char *part = "",
                  qint64 expected = 0) {
        QTest::newRow(tag) << value << ok << QString::fromLatin1(part) << expected;
    };
    row("zero", "0", true, "", 0);
    row("max sequence", "9007199254740991", true, "", kMaxSequence);
    row("integral double", "5.0", true, "", 5);
    row("exponent", "2e3", true, "", 2000);
    row("above max", "9007199254740992", false, "between 0 and 9007199254740991");
    row("beyond exact doubles", "9007199254740993", false, "between 0 and");
    row("1e20", "1e20", false, "must be an integer");
    row("negative", "-1", false, "between 0 and");
    row("fraction", "1.5", false, "must be an integer");
    row("tiny fraction", "0.000001", false, "must be an integer");
    row("string", R"("5")", false, "must be an integer");
    row("bool", "false", false, "must be an integer");
    row("null", "null", false, "must be an integer");
    row("missing", QByteArray(), false, "is required");
}

void TestFieldReader::integer()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    QFETCH(qint64, expected);
    FieldReader r(withK(value));
    const qint64 i = r.integer("k", 0, kMaxSequence);
    checkOutcome(r, ok, messagePart);
    if (ok)
        QCOMPARE(i, expected);
}

void TestFieldReader::optionalNumbers()
{
    FieldReader absent(QJsonObject {});
    QVERIFY(!absent.optionalNumber("k", 0, 1).has_value());
    QVERIFY(!absent.optionalInteger("k", 0, 1).has_value());
    QVERIFY(!absent.optionalBoolean("k").has_value());
    QVERIFY(absent.ok());

    FieldReader nulls(withK("null"));
    QVERIFY(!nulls.optionalNumber("k", 0, 1).has_value());
    QVERIFY(!nulls.optionalInteger("k", 0, 1).has_value());
    QVERIFY(!nulls.optionalBoolean("k").has_value());
    QVERIFY(nulls.ok());

    FieldReader present(withK("1"));
    QCOMPARE(present.optionalNumber("k", 0, 1), std::optional<double>(1));
    QCOMPARE(present.optionalInteger("k", 0, 1), std::optional<qint64>(1));
    QVERIFY(present.ok());

    FieldReader outOfRange(withK("2"));
    QVERIFY(!outOfRange.optionalNumber("k", 0, 1).has_value());
    checkOutcome(outOfRange, false, QStringLiteral("between 0 and 1"));

    FieldReader wrongType(withK(R"("x")"));
    QVERIFY(!wrongType.optionalInteger("k", 0, 1).has_value());
    checkOutcome(wrongType, false, QStringLiteral("must be an integer"));

    FieldReader wrongBool(withK("1"));
    QVERIFY(!wrongBool.optionalBoolean("k").has_value());
    checkOutcome(wrongBool, false, QStringLiteral("must be true or false, not a number"));
}

void TestFieldReader::boolean_data()
{
    addOutcomeColumns();
    outcome("true", "true", true);
    outcome("false", "false", true);
    outcome("missing", QByteArray(), false, "is required");
    outcome("number 1", "1", false, "must be true or false, not a number");
    outcome("string", R"("true")", false, "must be true or false, not a string");
    outcome("null", "null", false, "must be true or false, not null");
}

void TestFieldReader::boolean()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    FieldReader r(withK(value));
    const bool b = r.boolean("k");
    checkOutcome(r, ok, messagePart);
    if (ok)
        QCOMPARE(b, value == "true");
}

void TestFieldReader::flatPoint_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("field");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lng");
    auto row = [](const char *tag, const char *json, bool ok, const char *field, double lat,
                  double lng) {
        QTest::newRow(tag) << QByteArray(json) << ok << QString::fromLatin1(field) << lat << lng;
    };
    row("lat/lng", R"({"lat":-6.2,"lng":106.8})", true, "", -6.2, 106.8);
    row("latitude/longitude", R"({"latitude":-6.2,"longitude":106.8})", true, "", -6.2, 106.8);
    row("lat/lon", R"({"lat":-6.2,"lon":106.8})", true, "", -6.2, 106.8);
    row("latitude/lng", R"({"latitude":-6.2,"lng":106.8})", true, "", -6.2, 106.8);
    row("corners", R"({"lat":90,"lng":-180})", true, "", 90, -180);
    row("other corners", R"({"lat":-90,"lng":180})", true, "", -90, 180);
    row("lat wins over latitude", R"({"lat":1,"latitude":2,"lng":3})", true, "", 1, 3);
    row("lng wins over lon", R"({"lat":1,"lng":3,"lon":4})", true, "", 1, 3);
    row("lat above 90", R"({"lat":90.5,"lng":0})", false, "lat", 0, 0);
    row("lat below -90", R"({"lat":-91,"lng":0})", false, "lat", 0, 0);
    row("lng above 180", R"({"lat":0,"lng":180.1})", false, "lng", 0, 0);
    row("lon below -180", R"({"lat":0,"lon":-181})", false, "lon", 0, 0);
    row("longitude out of range", R"({"lat":0,"longitude":200})", false, "lng", 0, 0);
    row("lat missing", R"({"lng":0})", false, "lat", 0, 0);
    row("lng missing", R"({"lat":0})", false, "lng", 0, 0);
    row("lat as string", R"({"lat":"-6.2","lng":106.8})", false, "lat", 0, 0);
    row("lng null", R"({"lat":0,"lng":null})", false, "lng", 0, 0);
    row("swapped order of magnitude", R"({"lat":106.8,"lng":-6.2})", false, "lat", 0, 0);
}

void TestFieldReader::flatPoint()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(QString, field);
    QFETCH(double, lat);
    QFETCH(double, lng);
    FieldReader r(jsonObject(json));
    const GeoPoint p = r.flatPoint();
    QCOMPARE(r.ok(), ok);
    if (ok) {
        QCOMPARE(p.lat, lat);
        QCOMPARE(p.lng, lng);
    } else {
        QCOMPARE(r.error().field, field);
        QCOMPARE(r.error().code, ErrorCode::ValidationFailed);
    }
}

void TestFieldReader::point_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("messagePart");
    auto row = [](const char *tag, const char *json, bool ok, const char *field = "",
                  const char *part = "") {
        QTest::newRow(tag) << QByteArray(json) << ok << QString::fromLatin1(field)
                           << QString::fromLatin1(part);
    };
    row("object", R"({"pickup":{"lat":-6.2,"lng":106.8}})", true);
    row("long names", R"({"pickup":{"latitude":-6.2,"longitude":106.8}})", true);
    row("missing", R"({})", false, "pickup", "pickup is required");
    row("null", R"({"pickup":null})", false, "pickup", "must be an object with lat and lng");
    row("array", R"({"pickup":[-6.2,106.8]})", false, "pickup",
        "must be an object with lat and lng");
    row("string", R"({"pickup":"-6.2,106.8"})", false, "pickup", "must be an object");
    row("inner out of range", R"({"pickup":{"lat":-100,"lng":0}})", false, "pickup.lat",
        "pickup.lat must be between -90 and 90");
    row("inner missing", R"({"pickup":{"lat":0}})", false, "pickup.lng", "pickup.lng is required");
}

void TestFieldReader::point()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(QString, field);
    QFETCH(QString, messagePart);
    FieldReader r(jsonObject(json));
    const GeoPoint p = r.point("pickup");
    QCOMPARE(r.ok(), ok);
    if (ok) {
        QCOMPARE(p, (GeoPoint {-6.2, 106.8}));
        return;
    }
    QCOMPARE(r.error().field, field);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
}

void TestFieldReader::identifierList_data()
{
    addOutcomeColumns();
    outcome("empty", "[]", true);
    outcome("three", R"(["a","b-2","c:3"])", true);
    outcome("at the cap", R"(["1","2","3"])", true);
    outcome("over the cap", R"(["1","2","3","4"])", false, "more than 3 items");
    outcome("bad item", R"(["a","b c"])", false, "must hold identifiers");
    outcome("number item", R"(["a",1])", false, "must hold identifiers");
    outcome("empty item", R"([""])", false, "must hold identifiers");
    outcome("not an array", R"("a")", false, "must be an array");
    outcome("missing", QByteArray(), false, "is required");
}

void TestFieldReader::identifierList()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    FieldReader r(withK(value));
    const QStringList list = r.identifierList("k", 3);
    checkOutcome(r, ok, messagePart);
    if (ok)
        QCOMPARE(list.size(), withK(value).value(QStringLiteral("k")).toArray().size());
}

void TestFieldReader::array()
{
    FieldReader ok(withK("[1,\"a\",{}]"));
    QCOMPARE(ok.array("k", 3).size(), 3);
    QVERIFY(ok.ok());

    FieldReader tooMany(withK("[1,2,3,4]"));
    QVERIFY(tooMany.array("k", 3).isEmpty());
    checkOutcome(tooMany, false, QStringLiteral("more than 3 items"));

    FieldReader notArray(withK("{}"));
    notArray.array("k", 3);
    checkOutcome(notArray, false, QStringLiteral("must be an array, not an object"));

    FieldReader missing(QJsonObject {});
    missing.array("k", 3);
    checkOutcome(missing, false, QStringLiteral("is required"));
}

void TestFieldReader::object()
{
    FieldReader ok(withK(R"({"a":1})"));
    QCOMPARE(ok.object("k"), jsonObject(R"({"a":1})"));
    QVERIFY(ok.ok());

    FieldReader optionalAbsent(QJsonObject {});
    QCOMPARE(optionalAbsent.object("k", false), QJsonObject());
    QVERIFY(optionalAbsent.ok());

    FieldReader optionalNull(withK("null"));
    QCOMPARE(optionalNull.object("k", false), QJsonObject());
    QVERIFY(optionalNull.ok());

    FieldReader optionalWrong(withK("[]"));
    optionalWrong.object("k", false);
    checkOutcome(optionalWrong, false, QStringLiteral("must be an object, not an array"));

    FieldReader requiredNull(withK("null"));
    requiredNull.object("k");
    checkOutcome(requiredNull, false, QStringLiteral("must be an object, not null"));

    FieldReader requiredMissing(QJsonObject {});
    requiredMissing.object("k");
    checkOutcome(requiredMissing, false, QStringLiteral("is required"));
}

// The TypeScript seeds spell fields in camelCase; each snake_case key is also looked up that way.
void TestFieldReader::camelCaseAliases()
{
    FieldReader r(jsonObject(
            R"({"tempId":"t-1","upToMessageId":"m-9","isActive":true,"lastSeq":7,"retryAfterMs":5})"));
    QCOMPARE(r.identifier("temp_id"), QStringLiteral("t-1"));
    QCOMPARE(r.optionalIdentifier("up_to_message_id"),
             std::optional<QString>(QStringLiteral("m-9")));
    QCOMPARE(r.boolean("is_active"), true);
    QCOMPARE(r.integer("last_seq", 0, 10), qint64(7));
    QCOMPARE(r.optionalInteger("retry_after_ms", 0, 10), std::optional<qint64>(5));
    QVERIFY(r.ok());

    // The error names the canonical field, whichever spelling was sent.
    FieldReader bad(jsonObject(R"({"tempId":"has space"})"));
    bad.identifier("temp_id");
    QCOMPARE(bad.error().field, QStringLiteral("temp_id"));

    // Only the camelCase of the key: other casings are not aliases.
    FieldReader other(jsonObject(R"({"TempId":"t-1","tempid":"t-2","TEMP_ID":"t-3"})"));
    other.identifier("temp_id");
    QCOMPARE(other.error().message, QStringLiteral("temp_id is required"));
}

void TestFieldReader::legacyAliases()
{
    FieldReader r(jsonObject(
            R"({"conversation_id":"m-1","content":"hi","available":true,"latitude":1,"longitude":2})"));
    QCOMPARE(r.identifier("match_id", 128, "conversation_id"), QStringLiteral("m-1"));
    QCOMPARE(r.text("body", 10, false, "content"), QStringLiteral("hi"));
    QCOMPARE(r.boolean("is_active", "available"), true);
    QCOMPARE(r.flatPoint(), (GeoPoint {1, 2}));
    QVERIFY(r.ok());

    // The alias's camelCase spelling too (the chat seed sends conversationId).
    FieldReader camel(jsonObject(R"({"conversationId":"m-2"})"));
    QCOMPARE(camel.identifier("match_id", 128, "conversation_id"), QStringLiteral("m-2"));
    QVERIFY(camel.ok());

    // An alias is validated like the field itself and reported under the canonical name.
    FieldReader bad(jsonObject(R"({"content":"a\u0000"})"));
    bad.text("body", 10, false, "content");
    QCOMPARE(bad.error().field, QStringLiteral("body"));
}

void TestFieldReader::canonicalSpellingWins()
{
    FieldReader r(jsonObject(
            R"({"match_id":"a","matchId":"b","conversation_id":"c","conversationId":"d"})"));
    QCOMPARE(r.identifier("match_id", 128, "conversation_id"), QStringLiteral("a"));
    FieldReader camelOverAlias(jsonObject(R"({"matchId":"b","conversation_id":"c"})"));
    QCOMPARE(camelOverAlias.identifier("match_id", 128, "conversation_id"), QStringLiteral("b"));
    FieldReader aliasOverCamelAlias(jsonObject(R"({"conversation_id":"c","conversationId":"d"})"));
    QCOMPARE(aliasOverCamelAlias.identifier("match_id", 128, "conversation_id"),
             QStringLiteral("c"));
}

// A decoder reads straight through; the first broken rule is the one reported.
void TestFieldReader::firstErrorWins()
{
    FieldReader r(jsonObject(R"({"a":"bad id","b":500,"c":"ok"})"));
    QVERIFY(r.identifier("a").isEmpty());
    QCOMPARE(r.number("b", 0, 1), 0.0);
    QVERIFY(r.identifier("c").isEmpty()); // no-op after a failure
    QVERIFY(!r.boolean("missing"));
    QCOMPARE(r.error().field, QStringLiteral("a"));
    QCOMPARE(r.error().code, ErrorCode::ValidationFailed);
    QCOMPARE(r.error().retryAfterMs, 0);
}

void TestFieldReader::failKeepsTheFirstError()
{
    FieldReader r(QJsonObject {});
    QVERIFY(r.ok());
    r.fail(QStringLiteral("x"), QStringLiteral("x is wrong"));
    r.fail(QStringLiteral("y"), QStringLiteral("y is wrong"));
    QCOMPARE(r.error().field, QStringLiteral("x"));
    QCOMPARE(r.error().message, QStringLiteral("x is wrong"));
    QCOMPARE(r.error().code, ErrorCode::ValidationFailed);
}

QTEST_GUILESS_MAIN(TestFieldReader)
#include "tst_fieldreader.moc"
