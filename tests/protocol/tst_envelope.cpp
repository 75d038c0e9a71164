// SPDX-License-Identifier: MIT
// The envelope (envelope.h): canonical and legacy framing on input, canonical output, request
// ids, direction rules, durable seq, error replies, and hostile frames rejected with the right
// code before any payload is looked at.
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {

constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

QByteArray manyKeys(int count)
{
    QByteArray o = "{";
    for (int i = 0; i < count; ++i)
        o += (i ? ",\"k" : "\"k") + QByteArray::number(i) + "\":1";
    return o + '}';
}

} // namespace

class TestEnvelope : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void serverOnlyTypesFromClient_data();
    void serverOnlyTypesFromClient();
    void clientOnlyTypesFromServer_data();
    void clientOnlyTypesFromServer();
    void unknownTypeMessageIsBounded();
    void seq_data();
    void seq();
    void outputIsCanonical();
    void toEnvelopeUsesTheStructType();
    void errorReplyShape_data();
    void errorReplyShape();
    void errorReplyForAFailedParseCarriesTheId();
    void legacyClientEndToEnd();
    void customLimits();
};

void TestEnvelope::accepted_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Direction>("from");
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<QString>("id");
    QTest::addColumn<EnvelopeStyle>("style");
    QTest::addColumn<QByteArray>("payload");

    auto row = [](const char *tag, QByteArray frame, Direction from, MessageType type,
                  const char *id, EnvelopeStyle style, QByteArray payload) {
        QTest::newRow(tag) << frame << from << type << QString::fromLatin1(id) << style << payload;
    };
    row("canonical", R"({"type":"ride_start","id":"c-1","payload":{"ride_id":"r-1"}})", kClient,
        MessageType::RideStart, "c-1", EnvelopeStyle::Canonical, R"({"ride_id":"r-1"})");
    row("canonical, key order", R"({"payload":{"ride_id":"r-1"},"id":"c-1","type":"ride_start"})",
        kClient, MessageType::RideStart, "c-1", EnvelopeStyle::Canonical, R"({"ride_id":"r-1"})");
    row("no id", R"({"type":"ping","payload":{}})", kClient, MessageType::Ping, "",
        EnvelopeStyle::Canonical, "{}");
    row("null id", R"({"type":"ping","id":null,"payload":{}})", kClient, MessageType::Ping, "",
        EnvelopeStyle::Canonical, "{}");
    row("no payload", R"({"type":"ping"})", kClient, MessageType::Ping, "",
        EnvelopeStyle::Canonical, "{}");
    row("null payload", R"({"type":"ping","payload":null})", kClient, MessageType::Ping, "",
        EnvelopeStyle::Canonical, "{}");
    row("unknown envelope keys ignored", R"({"type":"ping","v":2,"ts":"x","payload":{}})", kClient,
        MessageType::Ping, "", EnvelopeStyle::Canonical, "{}");
    row("id of 64", QByteArray(R"({"type":"ping","id":")") + QByteArray(64, 'a') + R"("})", kClient,
        MessageType::Ping, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        EnvelopeStyle::Canonical, "{}");
    row("id punctuation", R"({"type":"ping","id":"0b7c-4f{x}/#1","payload":{}})", kClient,
        MessageType::Ping, "0b7c-4f{x}/#1", EnvelopeStyle::Canonical, "{}");
    row("Go users service: event/data",
        R"({"event":"match_confirm","data":{"match_id":"m-1","accepted":true}})", kClient,
        MessageType::MatchConfirm, "", EnvelopeStyle::LegacyEvent,
        R"({"match_id":"m-1","accepted":true})");
    row("Go WSMessage: type/data", R"({"type":"beacon_update","data":{"is_active":false}})",
        kClient, MessageType::BeaconUpdate, "", EnvelopeStyle::LegacyTypeData,
        R"({"is_active":false})");
    row("event with payload", R"({"event":"ping","id":"p","payload":{}})", kClient,
        MessageType::Ping, "p", EnvelopeStyle::LegacyEvent, "{}");
    row("event without data", R"({"event":"ping"})", kClient, MessageType::Ping, "",
        EnvelopeStyle::LegacyEvent, "{}");
    row("colon spelling", R"({"type":"message:read","payload":{"match_id":"m-1"}})", kClient,
        MessageType::MessageRead, "", EnvelopeStyle::Canonical, R"({"match_id":"m-1"})");
    row("ride_pickup from a client is ride_start",
        R"({"event":"ride_pickup","data":{"ride_id":"r-1"}})", kClient, MessageType::RideStart, "",
        EnvelopeStyle::LegacyEvent, R"({"ride_id":"r-1"})");
    row("ride_pickup from the server", R"({"type":"ride_pickup","payload":{}})", kServer,
        MessageType::RidePickup, "", EnvelopeStyle::Canonical, "{}");
    row("block.add", R"({"type":"block.add","payload":{"user_id":"u-2"}})", kClient,
        MessageType::UserBlock, "", EnvelopeStyle::Canonical, R"({"user_id":"u-2"})");
    row("block:remove", R"({"type":"block:remove","payload":{"user_id":"u-2"}})", kClient,
        MessageType::UserUnblock, "", EnvelopeStyle::Canonical, R"({"user_id":"u-2"})");
    row("message.read_ack from server", R"({"type":"message.read_ack","data":{}})", kServer,
        MessageType::ReadAck, "", EnvelopeStyle::LegacyTypeData, "{}");
    row("both-way type from server", R"({"type":"typing","payload":{}})", kServer,
        MessageType::Typing, "", EnvelopeStyle::Canonical, "{}");
    row("both-way type from client", R"({"type":"location_update","payload":{}})", kClient,
        MessageType::LocationUpdate, "", EnvelopeStyle::Canonical, "{}");
    row("depth 16", R"({"type":"room.publish","payload":{"data":)" + nested(14) + "}}", kClient,
        MessageType::RoomPublish, "", EnvelopeStyle::Canonical, R"({"data":)" + nested(14) + '}');
    row("number of 32 characters",
        R"({"type":"ping","payload":{"seq":)" + QByteArray(32, '1') + "}}", kClient,
        MessageType::Ping, "", EnvelopeStyle::Canonical, R"({"seq":)" + QByteArray(32, '1') + '}');
    row("64 keys", R"({"type":"ping","payload":)" + manyKeys(64) + '}', kClient, MessageType::Ping,
        "", EnvelopeStyle::Canonical, manyKeys(64));
    row("UTF-8 BOM", "\xef\xbb\xbf{\"type\":\"ping\"}", kClient, MessageType::Ping, "",
        EnvelopeStyle::Canonical, "{}");
    row("whitespace", " \n{ \"type\" : \"ping\" }\n", kClient, MessageType::Ping, "",
        EnvelopeStyle::Canonical, "{}");
}

void TestEnvelope::accepted()
{
    QFETCH(QByteArray, frame);
    QFETCH(Direction, from);
    QFETCH(MessageType, type);
    QFETCH(QString, id);
    QFETCH(EnvelopeStyle, style);
    QFETCH(QByteArray, payload);

    const ParsedEnvelope parsed = parseEnvelope(frame, from);
    QVERIFY2(parsed.ok(), qPrintable(describe(parsed.error)));
    QCOMPARE(parsed.envelope->type, type);
    QCOMPARE(parsed.envelope->id, id);
    QCOMPARE(parsed.id, id);
    QCOMPARE(parsed.style, style);
    QCOMPARE(parsed.envelope->payload, jsonObject(payload));
}

void TestEnvelope::rejected_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Direction>("from");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("id"); // the id the error reply can still carry

    auto row = [](const char *tag, QByteArray frame, const char *code, const char *id = "",
                  Direction from = kClient) {
        QTest::newRow(tag) << frame << from << QString::fromLatin1(code) << QString::fromLatin1(id);
    };
    const char *bad = "INVALID_FORMAT";
    // Not a message at all.
    row("empty", "", bad);
    row("whitespace only", "  \n", bad);
    row("not JSON", "hello", bad);
    row("truncated", R"({"type":"ping")", bad);
    row("trailing garbage", R"({"type":"ping"} {"type":"ping"})", bad);
    row("invalid UTF-8", "{\"type\":\"ping\",\"payload\":{\"x\":\"\xff\"}}", bad);
    row("single quotes", "{'type':'ping'}", bad);
    row("comment", "{\"type\":\"ping\" /* hi */}", bad);
    row("root array", R"([{"type":"ping"}])", bad);
    row("root string", R"("ping")", bad);
    row("root number", "42", bad);
    row("root null", "null", bad);
    row("root true", "true", bad);
    // Envelope rules.
    row("no type", R"({"id":"a","payload":{}})", bad, "a");
    row("type null", R"({"type":null,"id":"a"})", bad, "a");
    row("type number", R"({"type":5,"id":"a"})", bad, "a");
    row("type object", R"({"type":{"name":"ping"},"id":"a"})", bad, "a");
    row("type empty", R"({"type":"","id":"a"})", bad, "a");
    row("type and event", R"({"type":"ping","event":"ping","id":"a"})", bad, "a");
    row("type and null event", R"({"type":"ping","event":null,"id":"a"})", bad, "a");
    row("payload and data", R"({"type":"ping","id":"a","payload":{},"data":{}})", bad, "a");
    row("payload array", R"({"type":"ping","id":"a","payload":[]})", bad, "a");
    row("payload string", R"({"type":"ping","id":"a","payload":"{}"})", bad, "a");
    row("payload number", R"({"type":"ping","id":"a","payload":1})", bad, "a");
    row("payload false", R"({"type":"ping","id":"a","payload":false})", bad, "a");
    row("data array", R"({"event":"ping","id":"a","data":[1]})", bad, "a");
    // Request ids: strings of 1..64 printable characters.
    row("id number", R"({"type":"ping","id":7})", bad);
    row("id bool", R"({"type":"ping","id":true})", bad);
    row("id object", R"({"type":"ping","id":{}})", bad);
    row("id empty", R"({"type":"ping","id":""})", bad);
    row("id of 65", QByteArray(R"({"type":"ping","id":")") + QByteArray(65, 'a') + R"("})", bad);
    row("id with space", R"({"type":"ping","id":"a b"})", bad);
    row("id with newline", R"({"type":"ping","id":"a\nb"})", bad);
    row("id with NUL", R"({"type":"ping","id":"a\u0000"})", bad);
    row("id with DEL", R"({"type":"ping","id":"a\u007f"})", bad);
    row("id with C1 control", R"({"type":"ping","id":"a\u0085b"})", bad);
    // Types.
    row("unknown type", R"({"type":"ride_teleport","id":"a"})", "UNKNOWN_TYPE", "a");
    row("unknown event", R"({"event":"join_room","id":"a","data":{}})", "UNKNOWN_TYPE", "a");
    row("case matters", R"({"type":"PING","id":"a"})", "UNKNOWN_TYPE", "a");
    row("server type from client", R"({"type":"error","id":"a","payload":{}})", "UNKNOWN_TYPE",
        "a");
    row("client type from server", R"({"type":"ride_start","payload":{}})", "UNKNOWN_TYPE", "",
        kServer);
    row("client alias from server", R"({"type":"block.add","payload":{}})", "UNKNOWN_TYPE", "",
        kServer);
    row("server alias from client", R"({"type":"message.read_ack","id":"a"})", "UNKNOWN_TYPE", "a");
    // Hostile JSON: refused by the structure check before the parser builds anything.
    row("deep nesting", R"({"type":"ping","payload":{"x":)" + nested(15) + "}}", bad);
    row("very deep nesting", nested(100000), bad);
    row("deep objects", QByteArray(20, '{'), bad);
    row("duplicate type", R"({"type":"ping","type":"auth","id":"a"})", bad);
    row("duplicate id", R"({"type":"ping","id":"a","id":"b"})", bad);
    row("escaped duplicate", R"({"type":"ping","\u0074ype":"auth"})", bad);
    row("escaped duplicate in payload",
        R"({"type":"ride_start","payload":{"ride_id":"a","ride\u005fid":"b"}})", bad);
    row("duplicate in payload", R"({"type":"ride_start","payload":{"ride_id":"a","ride_id":"b"}})",
        bad);
    row("over-long number", R"({"type":"ping","payload":{"seq":)" + QByteArray(33, '1') + "}}",
        bad);
    row("over-long fraction", R"({"type":"ping","payload":{"seq":0.)" + QByteArray(40, '0') + "1}}",
        bad);
    row("1e999", R"({"type":"ping","payload":{"seq":1e999}})", bad);
    row("-1e999", R"({"type":"location_update","payload":{"lat":-1e999,"lng":0}})", bad);
    row("1e-999", R"({"type":"ping","payload":{"seq":1e-999}})", bad);
    row("NaN", R"({"type":"ping","payload":{"seq":NaN}})", bad);
    row("Infinity", R"({"type":"ping","payload":{"seq":Infinity}})", bad);
    row("65 keys", R"({"type":"ping","payload":)" + manyKeys(65) + '}', bad);
    row("raw control character", "{\"type\":\"message.send\",\"payload\":{\"body\":\"a\x01\"}}",
        bad);
    row("raw newline in string", "{\"type\":\"ping\",\"id\":\"a\nb\"}", bad);
    row("raw control in key", "{\"type\":\"ping\",\"payload\":{\"a\x1f\":1}}", bad);
}

void TestEnvelope::rejected()
{
    QFETCH(QByteArray, frame);
    QFETCH(Direction, from);
    QFETCH(QString, code);
    QFETCH(QString, id);

    const ParsedEnvelope parsed = parseEnvelope(frame, from);
    QVERIFY2(!parsed.ok(), "the frame was accepted");
    QCOMPARE(errorCodeName(parsed.error.code), code);
    QCOMPARE(parsed.id, id);
    QVERIFY(!parsed.error.message.isEmpty());
    QVERIFY(parsed.error.field.isEmpty());
}

void TestEnvelope::serverOnlyTypesFromClient_data()
{
    QTest::addColumn<MessageType>("type");
    for (MessageType t : allMessageTypes()) {
        if (messageDirection(t) == Direction::FromServer)
            QTest::newRow(messageTypeName(t).toLatin1().constData()) << t;
    }
}

// A client must not be able to forge server events (ride_pickup aside, which is a legacy
// spelling of ride_start and tested above).
void TestEnvelope::serverOnlyTypesFromClient()
{
    QFETCH(MessageType, type);
    const QString name = messageTypeName(type);
    for (const QString &spelling :
         {name, QString(name).replace(QLatin1Char('.'), QLatin1Char(':'))}) {
        const QByteArray frame = canonicalFrame(spelling.toLatin1(), "{}", "f-1");
        const ParsedEnvelope parsed = parseEnvelope(frame, kClient);
        if (type == MessageType::RidePickup) {
            QVERIFY(parsed.ok());
            QCOMPARE(parsed.envelope->type, MessageType::RideStart);
            continue;
        }
        QVERIFY2(!parsed.ok(), qPrintable(spelling));
        QCOMPARE(parsed.error.code, ErrorCode::UnknownType);
        QCOMPARE(parsed.id, QStringLiteral("f-1"));
        QVERIFY(parsed.error.message.contains(spelling));
    }
}

void TestEnvelope::clientOnlyTypesFromServer_data()
{
    QTest::addColumn<MessageType>("type");
    for (MessageType t : allMessageTypes()) {
        if (messageDirection(t) == Direction::FromClient)
            QTest::newRow(messageTypeName(t).toLatin1().constData()) << t;
    }
}

void TestEnvelope::clientOnlyTypesFromServer()
{
    QFETCH(MessageType, type);
    const ParsedEnvelope parsed =
            parseEnvelope(canonicalFrame(messageTypeName(type).toLatin1(), "{}"), kServer);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error.code, ErrorCode::UnknownType);
}

void TestEnvelope::unknownTypeMessageIsBounded()
{
    const QByteArray longName(5000, 'x');
    const ParsedEnvelope parsed = parseEnvelope(canonicalFrame(longName, "{}"), kClient);
    QCOMPARE(parsed.error.code, ErrorCode::UnknownType);
    QVERIFY(parsed.error.message.size() < 200);
}

void TestEnvelope::seq_data()
{
    QTest::addColumn<QByteArray>("seqJson");
    QTest::addColumn<Direction>("from");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("seq");

    QTest::newRow("server: 17") << QByteArray("17") << kServer << true << qint64(17);
    QTest::newRow("server: 2^53-1")
            << QByteArray("9007199254740991") << kServer << true << qint64(9007199254740991);
    QTest::newRow("server: absent") << QByteArray() << kServer << true << qint64(0);
    QTest::newRow("server: null") << QByteArray("null") << kServer << true << qint64(0);
    QTest::newRow("server: 0") << QByteArray("0") << kServer << true << qint64(0);
    QTest::newRow("server: negative") << QByteArray("-1") << kServer << false << qint64(0);
    QTest::newRow("server: fraction") << QByteArray("1.5") << kServer << false << qint64(0);
    QTest::newRow("server: string") << QByteArray("\"17\"") << kServer << false << qint64(0);
    QTest::newRow("server: 2^53+2")
            << QByteArray("9007199254740994") << kServer << false << qint64(0);
    QTest::newRow("server: 1e300") << QByteArray("1e300") << kServer << false << qint64(0);
    // A client cannot assign sequence numbers: the field is ignored, whatever it holds.
    QTest::newRow("client: 17 ignored") << QByteArray("17") << kClient << true << qint64(0);
    QTest::newRow("client: junk ignored") << QByteArray("\"x\"") << kClient << true << qint64(0);
}

void TestEnvelope::seq()
{
    QFETCH(QByteArray, seqJson);
    QFETCH(Direction, from);
    QFETCH(bool, ok);
    QFETCH(qint64, seq);

    QByteArray frame = R"({"type":"location_update","id":"s-1")";
    if (!seqJson.isNull())
        frame += ",\"seq\":" + seqJson;
    frame += R"(,"payload":{}})";
    const ParsedEnvelope parsed = parseEnvelope(frame, from);
    QCOMPARE(parsed.ok(), ok);
    if (ok)
        QCOMPARE(parsed.envelope->seq, seq);
    else
        QCOMPARE(parsed.error.code, ErrorCode::InvalidFormat);
}

void TestEnvelope::outputIsCanonical()
{
    Envelope e = Envelope::make(MessageType::MessageNew, jsonObject(R"({"body":"hi"})"),
                                QStringLiteral("c-9"));
    e.seq = 12;
    const QJsonObject o = jsonObject(e.toJson());
    QCOMPARE(o,
             jsonObject(R"({"type":"message.new","id":"c-9","seq":12,"payload":{"body":"hi"}})"));

    // No id, no seq: the keys are left out, the payload is always there.
    const QJsonObject bare = jsonObject(Envelope::make(MessageType::Pong).toJson());
    QCOMPARE(bare, jsonObject(R"({"type":"pong","payload":{}})"));

    // Compact: one frame, no pretty-printing whitespace.
    QVERIFY(!e.toJson().contains('\n'));
    QVERIFY(!e.toJson().contains(": "));

    // A legacy-framed input re-serializes canonically with its canonical type name.
    const ParsedEnvelope legacy =
            parseEnvelope(R"({"event":"block:add","data":{"user_id":"u-2"}})", kClient);
    QVERIFY(legacy.ok());
    QCOMPARE(jsonObject(legacy.envelope->toJson()),
             jsonObject(R"({"type":"user.block","payload":{"user_id":"u-2"}})"));
}

void TestEnvelope::toEnvelopeUsesTheStructType()
{
    const Envelope e = toEnvelope(RideArrived {QStringLiteral("r-1")}, QStringLiteral("c-1"));
    QCOMPARE(e.type, MessageType::RideArrived);
    QCOMPARE(e.id, QStringLiteral("c-1"));
    QCOMPARE(e.seq, qint64(0));
    QCOMPARE(e.payload, jsonObject(R"({"ride_id":"r-1"})"));
}

void TestEnvelope::errorReplyShape_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("retryAfterMs");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("validation")
            << int(ErrorCode::ValidationFailed) << QStringLiteral("lat") << 0
            << QByteArray(R"({"type":"error","id":"c-1","payload":{"code":"VALIDATION_FAILED",)"
                          R"("message":"m","field":"lat","retryable":false}})");
    QTest::newRow("rate limit")
            << int(ErrorCode::RateLimit) << QString() << 1500
            << QByteArray(R"({"type":"error","id":"c-1","payload":{"code":"RATE_LIMIT",)"
                          R"("message":"m","retryable":true,"retry_after_ms":1500}})");
    QTest::newRow("unavailable")
            << int(ErrorCode::Unavailable) << QString() << 0
            << QByteArray(R"({"type":"error","id":"c-1","payload":{"code":"UNAVAILABLE",)"
                          R"("message":"m","retryable":true}})");
    QTest::newRow("unknown type")
            << int(ErrorCode::UnknownType) << QString() << 0
            << QByteArray(R"({"type":"error","id":"c-1","payload":{"code":"UNKNOWN_TYPE",)"
                          R"("message":"m","retryable":false}})");
}

void TestEnvelope::errorReplyShape()
{
    QFETCH(int, code);
    QFETCH(QString, field);
    QFETCH(int, retryAfterMs);
    QFETCH(QByteArray, expected);

    ProtocolError error = ProtocolError::make(ErrorCode(code), QStringLiteral("m"));
    error.field = field;
    error.retryAfterMs = retryAfterMs;
    const QByteArray wire = Envelope::errorReply(QStringLiteral("c-1"), error).toJson();
    QCOMPARE(jsonObject(wire), jsonObject(expected));

    // And the client reads it back.
    const Received r = receive(wire, kServer);
    QVERIFY2(r.ok, qPrintable(describe(r.error)));
    QCOMPARE(r.envelope->id, QStringLiteral("c-1"));
    const Decoded<ErrorMessage> decoded = decode<ErrorMessage>(r.envelope->payload);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->error.code, ErrorCode(code));
    QCOMPARE(decoded->error.field, field);
    QCOMPARE(decoded->error.retryAfterMs, retryAfterMs);
}

// What the gateway does with a bad frame: answer with the id it could still read.
void TestEnvelope::errorReplyForAFailedParseCarriesTheId()
{
    const ParsedEnvelope parsed =
            parseEnvelope(R"({"type":"teleport","id":"c-77","payload":{}})", kClient);
    QVERIFY(!parsed.ok());
    const QJsonObject reply = jsonObject(Envelope::errorReply(parsed.id, parsed.error).toJson());
    QCOMPARE(reply.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(reply.value(QStringLiteral("id")).toString(), QStringLiteral("c-77"));
    const QJsonObject payload = reply.value(QStringLiteral("payload")).toObject();
    QCOMPARE(payload.value(QStringLiteral("code")).toString(), QStringLiteral("UNKNOWN_TYPE"));
    QCOMPARE(payload.value(QStringLiteral("retryable")).toBool(true), false);

    // Without a readable id the reply has none.
    const ParsedEnvelope noId = parseEnvelope("[]", kClient);
    const QJsonObject anonymous = jsonObject(Envelope::errorReply(noId.id, noId.error).toJson());
    QVERIFY(!anonymous.contains(QStringLiteral("id")));
}

// A TypeScript chat client: colon event names, {"event","data"}, camelCase fields.
void TestEnvelope::legacyClientEndToEnd()
{
    const ParsedEnvelope parsed = parseEnvelope(
            R"({"event":"message:send","data":{"conversationId":"m-1","tempId":"t-9","content":"halo"}})",
            kClient);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.style, EnvelopeStyle::LegacyEvent);
    const Decoded<MessageSend> m = decode<MessageSend>(parsed.envelope->payload);
    QVERIFY2(m.ok(), qPrintable(describe(m.error)));
    QCOMPARE(m->matchId, QStringLiteral("m-1"));
    QCOMPARE(m->tempId, QStringLiteral("t-9"));
    QCOMPARE(m->body, QStringLiteral("halo"));

    const ParsedEnvelope pickup =
            parseEnvelope(R"({"type":"ride_pickup","data":{"rideId":"r-1"}})", kClient);
    QVERIFY(pickup.ok());
    QCOMPARE(pickup.envelope->type, MessageType::RideStart);
    const Decoded<RideStart> start = decode<RideStart>(pickup.envelope->payload);
    QVERIFY(start.ok());
    QCOMPARE(start->rideId, QStringLiteral("r-1"));
}

void TestEnvelope::customLimits()
{
    JsonLimits tight;
    tight.maxDepth = 2;
    tight.maxNumberLength = 4;
    tight.maxKeysPerObject = 3;
    QVERIFY(parseEnvelope(R"({"type":"ping","payload":{}})", kClient, tight).ok());
    QVERIFY(!parseEnvelope(R"({"type":"ping","payload":{"x":[]}})", kClient, tight).ok());
    QVERIFY(parseEnvelope(R"({"type":"ping","payload":{"seq":1234}})", kClient, tight).ok());
    QVERIFY(!parseEnvelope(R"({"type":"ping","payload":{"seq":12345}})", kClient, tight).ok());
    QVERIFY(!parseEnvelope(R"({"type":"ping","id":"a","v":1,"payload":{}})", kClient, tight).ok());
}

QTEST_GUILESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
