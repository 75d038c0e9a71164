// SPDX-License-Identifier: MIT
// checkJsonStructure (jsonguard.h): the pass over raw text that refuses what QJsonDocument
// would accept silently. Syntax errors are left to the parser, so this test only asserts what
// the guard itself decides.
#include <protocol/jsonguard.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace NebengJek::Protocol;

namespace {

QByteArray nestedArrays(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

QByteArray nestedObjects(int depth)
{
    QByteArray open;
    QByteArray close;
    for (int i = 0; i < depth - 1; ++i) {
        open += "{\"a\":";
        close += '}';
    }
    return open + "{}" + close;
}

QByteArray objectWithKeys(int count)
{
    QByteArray o = "{";
    for (int i = 0; i < count; ++i)
        o += (i ? ",\"k" : "\"k") + QByteArray::number(i) + "\":" + QByteArray::number(i);
    return o + '}';
}

} // namespace

class TestJsonGuard : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void syntaxErrorsAreLeftToTheParser_data();
    void syntaxErrorsAreLeftToTheParser();
    void limitsAreConfigurable();
    void duplicateKeysAreWhatQtWouldHide();
    void hugeInputIsLinear();
};

void TestJsonGuard::accepted_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("scalars") << QByteArray(R"({"a":1,"b":-2.5e3,"c":true,"d":null,"e":"x"})");
    QTest::newRow("16 arrays") << nestedArrays(16);
    QTest::newRow("16 objects") << nestedObjects(16);
    QTest::newRow("brackets inside strings")
            << QByteArray(R"({"a":"[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{"})");
    QTest::newRow("escaped quote and backslash") << QByteArray(R"({"a":"x\"y\\","b":"\\"})");
    QTest::newRow("same key in nested objects") << QByteArray(R"({"a":{"a":{"a":1}}})");
    QTest::newRow("same key in sibling objects") << QByteArray(R"([{"a":1},{"a":2}])");
    QTest::newRow("same key after a nested object") << QByteArray(R"({"x":{"a":1},"a":2})");
    QTest::newRow("value equal to a key") << QByteArray(R"({"a":"a","b":"a"})");
    QTest::newRow("equal strings in an array") << QByteArray(R"({"a":["a","a","a"]})");
    QTest::newRow("keys differing after escapes") << QByteArray(R"({"\u0061b":1,"a":2,"ab\n":3})");
    QTest::newRow("escaped control is fine") << QByteArray(R"({"a":"\u0001\t\n"})");
    QTest::newRow("32-character number") << QByteArray("[" + QByteArray(32, '9') + "]");
    QTest::newRow("32-character negative") << QByteArray("[-" + QByteArray(31, '9') + "]");
    QTest::newRow("64 keys") << objectWithKeys(64);
    QTest::newRow("UTF-8 text") << QByteArray(
            "{\"name\":\"Budi \xe2\x80\x94 ojek \xf0\x9f\x9b\xb5\"}");
    QTest::newRow("digits in keys and strings")
            << QByteArray("{\"" + QByteArray(100, '1') + "\":\"" + QByteArray(100, '2') + "\"}");
}

void TestJsonGuard::accepted()
{
    QFETCH(QByteArray, json);
    const auto error = checkJsonStructure(json);
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
}

void TestJsonGuard::rejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("messagePart");

    const QString depth = QStringLiteral("deeper than 16");
    const QString duplicate = QStringLiteral("duplicate key");
    const QString number = QStringLiteral("number longer than 32");
    const QString keys = QStringLiteral("more than 64 keys");
    const QString control = QStringLiteral("control character");
    QTest::newRow("17 arrays") << nestedArrays(17) << depth;
    QTest::newRow("17 objects") << nestedObjects(17) << depth;
    QTest::newRow("a million brackets") << QByteArray(1000000, '[') << depth;
    QTest::newRow("unbalanced open brackets") << QByteArray(17, '{') << depth;
    QTest::newRow("duplicate key") << QByteArray(R"({"a":1,"a":2})") << duplicate;
    QTest::newRow("duplicate with different values")
            << QByteArray(R"({"a":"x","b":0,"a":{}})") << duplicate;
    QTest::newRow("escaped duplicate \\u0061") << QByteArray(R"({"a":1,"\u0061":2})") << duplicate;
    QTest::newRow("escaped duplicate first") << QByteArray(R"({"\u0061":1,"a":2})") << duplicate;
    QTest::newRow("both escaped") << QByteArray(R"({"\u0061":1,"\u0061":2})") << duplicate;
    QTest::newRow("escaped upper-case hex")
            << QByteArray(R"({"type":1,"\u0074\u0079\u0070\u0065":2})") << duplicate;
    QTest::newRow("escaped slash") << QByteArray(R"({"a/":1,"a\/":2})") << duplicate;
    QTest::newRow("duplicate in nested object")
            << QByteArray(R"({"x":{"b":1,"b":2}})") << duplicate;
    QTest::newRow("duplicate in array element") << QByteArray(R"([1,{"b":1,"b":2}])") << duplicate;
    QTest::newRow("duplicate after nested object")
            << QByteArray(R"({"a":{"z":1},"a":2})") << duplicate;
    QTest::newRow("duplicate after nested array")
            << QByteArray(R"({"a":[{"a":1}],"a":2})") << duplicate;
    QTest::newRow("33 digits") << QByteArray("[" + QByteArray(33, '1') + "]") << number;
    QTest::newRow("long fraction") << QByteArray("[0." + QByteArray(40, '0') + "1]") << number;
    QTest::newRow("long exponent") << QByteArray("[1e" + QByteArray(40, '0') + "]") << number;
    QTest::newRow("long negative") << QByteArray("[-" + QByteArray(32, '1') + "]") << number;
    QTest::newRow("65 keys") << objectWithKeys(65) << keys;
    QTest::newRow("raw control in value") << QByteArray("{\"a\":\"x\x01y\"}") << control;
    QTest::newRow("raw NUL") << QByteArray("{\"a\":\"x\0y\"}", 11) << control;
    QTest::newRow("raw newline") << QByteArray("{\"a\":\"x\ny\"}") << control;
    QTest::newRow("raw tab") << QByteArray("{\"a\":\"x\ty\"}") << control;
    QTest::newRow("raw control in key") << QByteArray("{\"a\x1f\":1}") << control;
}

void TestJsonGuard::rejected()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, messagePart);
    const auto error = checkJsonStructure(json);
    QVERIFY2(error.has_value(), "accepted");
    QCOMPARE(error->code, ErrorCode::InvalidFormat);
    QVERIFY2(error->message.contains(messagePart), qPrintable(error->message));
    QVERIFY(error->field.isEmpty());
}

void TestJsonGuard::syntaxErrorsAreLeftToTheParser_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("unterminated string") << QByteArray(R"({"a":"xyz)");
    QTest::newRow("missing value") << QByteArray(R"({"a":})");
    QTest::newRow("garbage") << QByteArray("hello world");
    QTest::newRow("stray closers") << QByteArray("}}]]");
    QTest::newRow("empty") << QByteArray();
}

void TestJsonGuard::syntaxErrorsAreLeftToTheParser()
{
    QFETCH(QByteArray, json);
    QVERIFY(!checkJsonStructure(json).has_value());
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
}

void TestJsonGuard::limitsAreConfigurable()
{
    JsonLimits limits;
    limits.maxDepth = 3;
    limits.maxNumberLength = 3;
    limits.maxKeysPerObject = 2;
    QVERIFY(!checkJsonStructure(nestedArrays(3), limits));
    QVERIFY(checkJsonStructure(nestedArrays(4), limits));
    QVERIFY(!checkJsonStructure("[123,-12,1.5]", limits));
    QVERIFY(checkJsonStructure("[1234]", limits));
    QVERIFY(!checkJsonStructure(R"({"a":1,"b":2})", limits));
    QVERIFY(checkJsonStructure(R"({"a":1,"b":2,"c":3})", limits));

    // The defaults are the documented ones.
    const JsonLimits defaults;
    QCOMPARE(defaults.maxDepth, 16);
    QCOMPARE(defaults.maxNumberLength, 32);
    QCOMPARE(defaults.maxKeysPerObject, 64);
}

// Why the guard exists: Qt keeps the last of two equal keys without a word.
void TestJsonGuard::duplicateKeysAreWhatQtWouldHide()
{
    const QByteArray json = R"({"role":"passenger","r\u006fle":"driver"})";
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(json, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(o.size(), 1);
    QVERIFY(checkJsonStructure(json).has_value());
}

// One pass, no recursion: a frame of a million nested brackets or a hundred thousand string
// escapes is answered without deep stacks or quadratic work.
void TestJsonGuard::hugeInputIsLinear()
{
    QByteArray escapes = "[\"";
    for (int i = 0; i < 100000; ++i)
        escapes += "\\u0061";
    escapes += "\"]";
    QVERIFY(!checkJsonStructure(escapes));

    QByteArray flat = "[";
    for (int i = 0; i < 100000; ++i)
        flat += (i ? ",{\"a\":1,\"b\":2}" : "{\"a\":1,\"b\":2}");
    flat += ']';
    QVERIFY(!checkJsonStructure(flat));
}

QTEST_GUILESS_MAIN(TestJsonGuard)
#include "tst_jsonguard.moc"
