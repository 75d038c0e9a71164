// SPDX-License-Identifier: MIT
// The message type table (messagetype.h): frozen ids, names and directions, legacy spellings,
// and one sample payload per type and direction that must survive the whole pipeline. A type
// added to the table without a sample here (and a decoder in protocoltestsupport.h) fails.
#include "protocoltestsupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {

constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;

struct Sample
{
    MessageType type;
    Direction from;
    const char *payload; // canonical: exactly what toJson() produces for it
};

// One canonical payload per type and direction it travels. These are also the examples in
// docs/protocol.md.
const QList<Sample> &sampleTable()
{
    static const QList<Sample> all = {
            {MessageType::Auth, kClient,
             R"({"token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2ln"})"},
            {MessageType::AuthSuccess, kServer,
             R"({"user_id":"u-1","role":"driver","session_id":"s-7f3a","expires_at":1700003600000,)"
             R"("server_time":1700000000000,"last_seq":41})"},
            {MessageType::AuthFailed, kServer, R"({"reason":"token expired"})"},
            {MessageType::TokenRefresh, kClient,
             R"({"token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.bmV3"})"},
            {MessageType::Ping, kClient, R"({"seq":3,"client_time":1700000000000})"},
            {MessageType::Pong, kServer,
             R"({"seq":3,"client_time":1700000000000,"server_time":1700000000012})"},
            {MessageType::Ack, kServer, R"({"status":"ok"})"},
            {MessageType::Error, kServer,
             R"({"code":"VALIDATION_FAILED","message":"lat must be between -90 and 90","field":"lat",)"
             R"("retryable":false})"},
            {MessageType::BeaconUpdate, kClient,
             R"({"is_active":true,"lat":-6.2088,"lng":106.8456})"},
            {MessageType::FinderUpdate, kClient,
             R"({"is_active":true,"pickup":{"lat":-6.2088,"lng":106.8456},)"
             R"("destination":{"lat":-6.1754,"lng":106.8272}})"},
            {MessageType::MatchProposal, kServer,
             R"({"match_id":"m-1","driver_id":"u-1","passenger_id":"u-2","pickup":{"lat":-6.2088,)"
             R"("lng":106.8456},"destination":{"lat":-6.1754,"lng":106.8272},"distance_m":850.5,)"
             R"("expires_at":1700000015000,"fare":15345,"currency":"IDR","trip_distance_m":4138.1,)"
             R"("driver":{"user_id":"u-1","name":"Budi","vehicle":"Honda Vario","plate":"B 1234 XYZ",)"
             R"("rating":4.8,"rating_count":12},"passenger":{"user_id":"u-2","name":"Sari"}})"},
            {MessageType::MatchConfirm, kClient, R"({"match_id":"m-1","accepted":true})"},
            {MessageType::MatchStatus, kServer,
             R"({"match_id":"m-1","status":"accepted","driver_id":"u-1","passenger_id":"u-2","ride_id":"r-1",)"
             R"("driver":{"user_id":"u-1","name":"Budi","vehicle":"Honda Vario","plate":"B 1234 XYZ",)"
             R"("rating":4.8,"rating_count":12},"passenger":{"user_id":"u-2","name":"Sari"},)"
             R"("fare":15345,"trip_distance_m":4138.1})"},
            {MessageType::LocationUpdate, kClient,
             R"({"lat":-6.2001,"lng":106.8402,"heading":90,"speed":8.5})"},
            {MessageType::LocationUpdate, kServer,
             R"({"lat":-6.2001,"lng":106.8402,"heading":90,"speed":8.5,"ride_id":"r-1","driver_id":"u-1",)"
             R"("timestamp":1700000100000})"},
            {MessageType::RideStart, kClient, R"({"ride_id":"r-1"})"},
            {MessageType::RidePickup, kServer,
             R"({"ride_id":"r-1","driver_id":"u-1","passenger_id":"u-2","started_at":1700000200000})"},
            {MessageType::RideArrived, kClient, R"({"ride_id":"r-1"})"},
            {MessageType::PaymentRequest, kServer,
             R"({"ride_id":"r-1","distance_m":8200.5,"fare":25500,"currency":"IDR"})"},
            {MessageType::PaymentProcess, kClient,
             R"({"ride_id":"r-1","amount":25500,"method":"cash"})"},
            {MessageType::RideCompleted, kServer,
             R"({"ride_id":"r-1","fare":25500,"distance_m":8200.5,"completed_at":1700001000000,)"
             R"("method":"cash"})"},
            {MessageType::RideEstimate, kClient,
             R"({"pickup":{"lat":-6.2,"lng":106.8166},"destination":{"lat":-6.225,"lng":106.83}})"},
            {MessageType::RideEstimate, kServer,
             R"({"distance_m":3152.4,"fare":12881,"currency":"IDR","duration_s":378,"pickup_eta_s":95})"},
            {MessageType::RideCancel, kClient,
             R"({"match_id":"m-1","reason":"Driver is not moving"})"},
            {MessageType::RideRate, kClient,
             R"({"ride_id":"r-1","rating":5,"comment":"Safe driver"})"},
            {MessageType::RideHistory, kClient, R"({"before":"1700001000000.m-1","limit":20})"},
            {MessageType::RideHistory, kServer,
             R"({"items":[{"match_id":"m-1","ride_id":"r-1","state":"completed","role":"passenger",)"
             R"("at":1700001000000,"pickup":{"lat":-6.2,"lng":106.8166},"destination":{"lat":-6.225,)"
             R"("lng":106.83},"distance_m":3152.4,"fare":12881,"currency":"IDR","partner":{"user_id":)"
             R"("u-1","name":"Budi","vehicle":"Honda Vario","plate":"B 1234 XYZ","rating":4.8,)"
             R"("rating_count":12},"my_rating":5}],"next_cursor":"1700001000000.m-1"})"},
            {MessageType::LocationBatch, kClient,
             R"({"ride_id":"r-1","points":[{"lat":-6.201,"lng":106.817,"ts":1700000100000},)"
             R"({"lat":-6.202,"lng":106.818,"ts":1700000103000}]})"},
            {MessageType::RideAtPickup, kClient, R"({"ride_id":"r-1"})"},
            {MessageType::RideDriverAtPickup, kServer,
             R"({"ride_id":"r-1","driver_id":"u-1","passenger_id":"u-2","at":1700000150000})"},
            {MessageType::MessageSend, kClient,
             R"({"match_id":"m-1","temp_id":"t-1","body":"On my way"})"},
            {MessageType::MessageSent, kServer,
             R"({"temp_id":"t-1","message_id":"msg-1","match_id":"m-1","sent_at":1700000300000})"},
            {MessageType::MessageNew, kServer,
             R"({"message_id":"msg-1","match_id":"m-1","sender_id":"u-1","body":"On my way",)"
             R"("sent_at":1700000300000})"},
            {MessageType::MessageRead, kClient, R"({"match_id":"m-1","up_to_message_id":"msg-1"})"},
            {MessageType::ReadAck, kServer, R"({"match_id":"m-1","marked_count":1})"},
            {MessageType::ReadUpdate, kServer,
             R"({"match_id":"m-1","message_ids":["msg-1"],"read_by":"u-2","read_at":1700000400000})"},
            {MessageType::Typing, kClient, R"({"match_id":"m-1","is_typing":true})"},
            {MessageType::Typing, kServer,
             R"({"match_id":"m-1","is_typing":true,"user_id":"u-2"})"},
            {MessageType::UserBlock, kClient, R"({"user_id":"u-2"})"},
            {MessageType::UserUnblock, kClient, R"({"user_id":"u-2"})"},
            {MessageType::UserOnline, kServer, R"({"user_id":"u-2","at":1700000000000})"},
            {MessageType::UserOffline, kServer, R"({"user_id":"u-2","last_seen":1700000500000})"},
            {MessageType::StatusBulk, kServer,
             R"({"users":[{"user_id":"u-2","online":true,"last_seen":1700000000000}]})"},
            {MessageType::NotificationNew, kServer,
             R"({"notification":{"id":7,"kind":"match_found","title":"Driver found",)"
             R"("body":"Budi is on the way","data":{"match_id":"m-1"},"created_at":1700000000000,)"
             R"("read":false,"text_key":"notification.match_found","text_args":{"driver_name":"Budi",)"
             R"("vehicle":"Honda Vario","plate":"B 1234 XYZ"}},"unread_count":3})"},
            {MessageType::NotificationList, kClient, R"({"before_id":120,"limit":20})"},
            {MessageType::NotificationList, kServer,
             R"({"items":[{"id":7,"kind":"match_found","title":"Driver found","body":"",)"
             R"("data":{},"created_at":1700000000000,"read":true}],"unread_count":0,"next_before_id":7})"},
            {MessageType::NotificationUnreadCount, kClient, R"({})"},
            {MessageType::NotificationUnreadCount, kServer, R"({"count":3})"},
            {MessageType::NotificationMarkRead, kClient, R"({"ids":[7,8]})"},
            {MessageType::NotificationMarkAllRead, kClient, R"({})"},
            {MessageType::RoomJoin, kClient, R"({"room":"zone:jakarta-selatan"})"},
            {MessageType::RoomLeave, kClient, R"({"room":"zone:jakarta-selatan"})"},
            {MessageType::RoomPublish, kClient,
             R"({"room":"zone:jakarta-selatan","data":{"surge":1.2}})"},
            {MessageType::RoomEvent, kServer,
             R"({"room":"zone:jakarta-selatan","sender_id":"u-1","data":{"surge":1.2},"sent_at":1700000600000})"},
            {MessageType::Resume, kClient, R"({"last_seq":41})"},
            {MessageType::ResumeDone, kServer, R"({"from_seq":42,"to_seq":45,"replayed":4})"},
            {MessageType::ResyncRequired, kServer, R"({"oldest_seq":1000,"latest_seq":2400})"},
    };
    return all;
}

struct Frozen
{
    MessageType type;
    int id;
    const char *wire;
    Direction direction;
};

// A copy of the table as released: ids and names are wire and metrics contract, so changing
// or reusing one must fail here. A new type is appended to both tables.
const QList<Frozen> &frozenTable()
{
    static const QList<Frozen> all = {
            {MessageType::Auth, 1, "auth", kClient},
            {MessageType::AuthSuccess, 2, "auth_success", kServer},
            {MessageType::AuthFailed, 3, "auth_failed", kServer},
            {MessageType::TokenRefresh, 4, "token.refresh", kClient},
            {MessageType::Ping, 5, "ping", kClient},
            {MessageType::Pong, 6, "pong", kServer},
            {MessageType::Ack, 7, "ack", kServer},
            {MessageType::Error, 8, "error", kServer},
            {MessageType::BeaconUpdate, 10, "beacon_update", kClient},
            {MessageType::FinderUpdate, 11, "finder_update", kClient},
            {MessageType::MatchProposal, 12, "match_proposal", kServer},
            {MessageType::MatchConfirm, 13, "match_confirm", kClient},
            {MessageType::MatchStatus, 14, "match_status", kServer},
            {MessageType::LocationUpdate, 15, "location_update", Direction::Both},
            {MessageType::RideStart, 16, "ride_start", kClient},
            {MessageType::RidePickup, 17, "ride_pickup", kServer},
            {MessageType::RideArrived, 18, "ride_arrived", kClient},
            {MessageType::PaymentRequest, 19, "payment_request", kServer},
            {MessageType::PaymentProcess, 20, "payment_process", kClient},
            {MessageType::RideCompleted, 21, "ride_completed", kServer},
            {MessageType::RideEstimate, 22, "ride.estimate", Direction::Both},
            {MessageType::RideCancel, 23, "ride.cancel", kClient},
            {MessageType::RideRate, 24, "ride.rate", kClient},
            {MessageType::RideHistory, 25, "ride.history", Direction::Both},
            {MessageType::LocationBatch, 26, "location_batch", kClient},
            {MessageType::RideAtPickup, 27, "ride.at_pickup", kClient},
            {MessageType::RideDriverAtPickup, 28, "ride.driver_at_pickup", kServer},
            {MessageType::MessageSend, 30, "message.send", kClient},
            {MessageType::MessageSent, 31, "message.sent", kServer},
            {MessageType::MessageNew, 32, "message.new", kServer},
            {MessageType::MessageRead, 33, "message.read", kClient},
            {MessageType::ReadAck, 34, "read_ack", kServer},
            {MessageType::ReadUpdate, 35, "read_update", kServer},
            {MessageType::Typing, 36, "typing", Direction::Both},
            {MessageType::UserBlock, 37, "user.block", kClient},
            {MessageType::UserUnblock, 38, "user.unblock", kClient},
            {MessageType::UserOnline, 40, "user.online", kServer},
            {MessageType::UserOffline, 41, "user.offline", kServer},
            {MessageType::StatusBulk, 42, "status.bulk", kServer},
            {MessageType::NotificationNew, 50, "notification.new", kServer},
            {MessageType::NotificationList, 51, "notification.list", Direction::Both},
            {MessageType::NotificationUnreadCount, 52, "notification.unread_count",
             Direction::Both},
            {MessageType::NotificationMarkRead, 53, "notification.mark_read", kClient},
            {MessageType::NotificationMarkAllRead, 54, "notification.mark_all_read", kClient},
            {MessageType::RoomJoin, 60, "room.join", kClient},
            {MessageType::RoomLeave, 61, "room.leave", kClient},
            {MessageType::RoomPublish, 62, "room.publish", kClient},
            {MessageType::RoomEvent, 63, "room.event", kServer},
            {MessageType::Resume, 70, "resume", kClient},
            {MessageType::ResumeDone, 71, "resume.done", kServer},
            {MessageType::ResyncRequired, 72, "resync_required", kServer},
    };
    return all;
}

bool travels(MessageType type, Direction from)
{
    const Direction d = messageDirection(type);
    return d == Direction::Both || d == from;
}

QByteArray legacyFrame(const char *envelopeKey, const QString &type, const char *payload)
{
    return QByteArray("{\"") + envelopeKey + "\":\"" + type.toLatin1() + "\",\"data\":" + payload
            + '}';
}

} // namespace

class TestMessageTypes : public QObject
{
    Q_OBJECT

private slots:
    void tableMatchesFrozenCopy();
    void idsAndNamesAreUnique();
    void wireNamesResolveToThemselves();
    void clientMaySendFollowsDirection();
    void unknownTypeHasNoName();
    void names_data();
    void names();
    void everyTypeHasASample();
    void samples_data();
    void samples();
    void legacyFramingOfSamples_data();
    void legacyFramingOfSamples();
    void documentationShowsTheSamples();
};

void TestMessageTypes::tableMatchesFrozenCopy()
{
    const QList<MessageType> &all = allMessageTypes();
    QCOMPARE(all.size(), frozenTable().size());
    for (qsizetype i = 0; i < all.size(); ++i) {
        const Frozen &f = frozenTable().at(i);
        QCOMPARE(int(all.at(i)), f.id);
        QCOMPARE(all.at(i), f.type);
        QCOMPARE(messageTypeName(f.type), QString::fromLatin1(f.wire));
        QCOMPARE(messageDirection(f.type), f.direction);
    }
}

void TestMessageTypes::idsAndNamesAreUnique()
{
    QSet<int> ids;
    QSet<QString> names;
    for (MessageType t : allMessageTypes()) {
        QVERIFY2(!ids.contains(int(t)), "duplicate id");
        ids.insert(int(t));
        const QString name = messageTypeName(t);
        QVERIFY(!name.isEmpty());
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        // Canonical names use the dot separator only; ':' is folded to '.' on input.
        for (QChar c : name) {
            QVERIFY2((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('_')
                             || c == QLatin1Char('.'),
                     qPrintable(name));
        }
    }
}

void TestMessageTypes::wireNamesResolveToThemselves()
{
    for (MessageType t : allMessageTypes()) {
        const QString name = messageTypeName(t);
        for (Direction from : {kClient, kServer}) {
            if (!travels(t, from))
                continue;
            QCOMPARE(messageTypeFromName(name, from), std::optional<MessageType>(t));
            QString colon = name;
            colon.replace(QLatin1Char('.'), QLatin1Char(':'));
            QCOMPARE(messageTypeFromName(colon, from), std::optional<MessageType>(t));
        }
    }
}

void TestMessageTypes::clientMaySendFollowsDirection()
{
    for (MessageType t : allMessageTypes())
        QCOMPARE(clientMaySend(t), messageDirection(t) != kServer);
    QVERIFY(!clientMaySend(MessageType::Error));
    QVERIFY(clientMaySend(MessageType::LocationUpdate));
    QVERIFY(clientMaySend(MessageType::NotificationList));
}

void TestMessageTypes::unknownTypeHasNoName()
{
    QVERIFY(messageTypeName(static_cast<MessageType>(9)).isEmpty());
    QVERIFY(messageTypeName(static_cast<MessageType>(255)).isEmpty());
}

void TestMessageTypes::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Direction>("from");
    QTest::addColumn<bool>("known");
    QTest::addColumn<MessageType>("expected");

    auto row = [](const char *tag, const char *name, Direction from, std::optional<MessageType> t) {
        QTest::newRow(tag) << QString::fromLatin1(name) << from << t.has_value()
                           << t.value_or(MessageType::Error);
    };
    // ride_pickup is the server event; from a client it is the Go seed's name for ride_start.
    row("ride_pickup from client", "ride_pickup", kClient, MessageType::RideStart);
    row("ride_pickup from server", "ride_pickup", kServer, MessageType::RidePickup);
    row("ride:pickup never", "ride:pickup", kClient, std::nullopt);
    row("block.add", "block.add", kClient, MessageType::UserBlock);
    row("block:add", "block:add", kClient, MessageType::UserBlock);
    row("block.remove", "block.remove", kClient, MessageType::UserUnblock);
    row("block.add from server", "block.add", kServer, std::nullopt);
    row("message:send", "message:send", kClient, MessageType::MessageSend);
    row("message:new", "message:new", kServer, MessageType::MessageNew);
    row("notification:get_unread_count", "notification:get_unread_count", kClient,
        MessageType::NotificationUnreadCount);
    row("notification:mark_read", "notification:mark_read", kClient,
        MessageType::NotificationMarkRead);
    row("message.typing", "message.typing", kClient, MessageType::Typing);
    row("message.read_ack from server", "message.read_ack", kServer, MessageType::ReadAck);
    row("message:read_update from server", "message:read_update", kServer, MessageType::ReadUpdate);
    row("message.read_ack from client", "message.read_ack", kClient, std::nullopt);
    row("upper case", "RIDE_START", kClient, std::nullopt);
    row("empty", "", kClient, std::nullopt);
    row("space", "ride start", kClient, std::nullopt);
    row("trailing space", "ping ", kClient, std::nullopt);
    row("seed 000 constant", "ride_started", kClient, std::nullopt);
    row("join_room", "join_room", kClient, std::nullopt);
    row("double separator", "message..send", kClient, std::nullopt);
}

void TestMessageTypes::names()
{
    QFETCH(QString, name);
    QFETCH(Direction, from);
    QFETCH(bool, known);
    QFETCH(MessageType, expected);
    const auto resolved = messageTypeFromName(name, from);
    QCOMPARE(resolved.has_value(), known);
    if (known)
        QCOMPARE(*resolved, expected);
}

void TestMessageTypes::everyTypeHasASample()
{
    for (MessageType t : allMessageTypes()) {
        for (Direction from : {kClient, kServer}) {
            const bool hasSample =
                    std::any_of(sampleTable().cbegin(), sampleTable().cend(),
                                [&](const Sample &s) { return s.type == t && s.from == from; });
            const QString what = messageTypeName(t)
                    + (from == kClient ? QStringLiteral(" from a client")
                                       : QStringLiteral(" from the server"));
            if (travels(t, from))
                QVERIFY2(hasSample, qPrintable(QStringLiteral("no sample for ") + what));
            else
                QVERIFY2(!hasSample, qPrintable(QStringLiteral("sample for impossible ") + what));
        }
    }
}

void TestMessageTypes::samples_data()
{
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<Direction>("from");
    QTest::addColumn<QByteArray>("payload");
    for (const Sample &s : sampleTable()) {
        const QByteArray tag = QByteArray(messageTypeName(s.type).toLatin1()
                                          + (s.from == kClient ? " from client" : " from server"));
        QTest::newRow(tag.constData()) << s.type << s.from << QByteArray(s.payload);
    }
}

// Payload JSON -> canonical frame -> parseEnvelope -> decode -> toJson gives the payload back,
// and the struct's own frame (toEnvelope) is byte-for-byte what Envelope::toJson makes of it.
void TestMessageTypes::samples()
{
    QFETCH(MessageType, type);
    QFETCH(Direction, from);
    QFETCH(QByteArray, payload);

    const QByteArray frame = canonicalFrame(messageTypeName(type).toLatin1(), payload, "req-1");
    const Received r = receive(frame, from);
    QVERIFY2(r.ok, qPrintable(describe(r.error)));
    QCOMPARE(r.envelope->type, type);
    QCOMPARE(r.envelope->id, QStringLiteral("req-1"));
    QCOMPARE(r.style, EnvelopeStyle::Canonical);
    QCOMPARE(r.reencoded, jsonObject(payload));

    // Re-encoding the decoded struct gives a frame the other side reads the same way.
    const QByteArray again = Envelope::make(type, r.reencoded, QStringLiteral("req-1")).toJson();
    const Received back = receive(again, from);
    QVERIFY2(back.ok, qPrintable(describe(back.error)));
    QCOMPARE(back.reencoded, r.reencoded);
}

void TestMessageTypes::legacyFramingOfSamples_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Direction>("from");
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<EnvelopeStyle>("style");
    for (const Sample &s : sampleTable()) {
        const QString name = messageTypeName(s.type);
        QString colon = name;
        colon.replace(QLatin1Char('.'), QLatin1Char(':'));
        const QByteArray tag =
                QByteArray(name.toLatin1() + (s.from == kClient ? " client" : " server"));
        QTest::newRow(QByteArray(tag + " event/data").constData())
                << legacyFrame("event", name, s.payload) << s.from << s.type
                << QByteArray(s.payload) << EnvelopeStyle::LegacyEvent;
        QTest::newRow(QByteArray(tag + " type/data").constData())
                << legacyFrame("type", name, s.payload) << s.from << s.type << QByteArray(s.payload)
                << EnvelopeStyle::LegacyTypeData;
        QTest::newRow(QByteArray(tag + " colon event").constData())
                << legacyFrame("event", colon, s.payload) << s.from << s.type
                << QByteArray(s.payload) << EnvelopeStyle::LegacyEvent;
    }
}

void TestMessageTypes::legacyFramingOfSamples()
{
    QFETCH(QByteArray, frame);
    QFETCH(Direction, from);
    QFETCH(MessageType, type);
    QFETCH(QByteArray, payload);
    QFETCH(EnvelopeStyle, style);

    const Received r = receive(frame, from);
    QVERIFY2(r.ok, qPrintable(describe(r.error)));
    QCOMPARE(r.envelope->type, type);
    QCOMPARE(r.style, style);
    QCOMPARE(r.reencoded, jsonObject(payload));
    // Whatever came in, what goes out is canonical.
    const QJsonObject out = jsonObject(r.envelope->toJson());
    QCOMPARE(out.value(QStringLiteral("type")).toString(), messageTypeName(type));
    QVERIFY(out.contains(QStringLiteral("payload")));
    QVERIFY(!out.contains(QStringLiteral("event")));
    QVERIFY(!out.contains(QStringLiteral("data")));
}

// docs/protocol.md shows these samples as its examples: each sample with a payload appears there
// verbatim, and each JSON example there is a sample or a valid envelope, so the document cannot
// drift from the code unnoticed.
void TestMessageTypes::documentationShowsTheSamples()
{
    QFile file(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../docs/protocol.md"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QString doc = QString::fromUtf8(file.readAll());
    static const QRegularExpression block(QStringLiteral("```json\\n(.*?)\\n```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    QList<QJsonObject> examples;
    for (auto it = block.globalMatch(doc); it.hasNext();) {
        const QByteArray text = it.next().captured(1).toUtf8();
        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(text, &error);
        QVERIFY2(error.error == QJsonParseError::NoError && json.isObject(), text.constData());
        examples.append(json.object());
    }
    QVERIFY(examples.size() >= 40);

    for (const Sample &s : sampleTable()) {
        const QJsonObject payload = jsonObject(s.payload);
        if (payload.isEmpty())
            continue; // documented inline as "an empty payload {}"
        QVERIFY2(examples.contains(payload),
                 qPrintable(messageTypeName(s.type) + QStringLiteral(": ")
                            + QString::fromLatin1(s.payload)));
    }
    for (const QJsonObject &example : std::as_const(examples)) {
        if (example.contains(QStringLiteral("type"))
            && example.contains(QStringLiteral("payload"))) {
            const Received r = receive(compact(example), kClient);
            QVERIFY2(r.ok, qPrintable(describe(r.error)));
            continue;
        }
        const bool isSample =
                std::any_of(sampleTable().cbegin(), sampleTable().cend(),
                            [&](const Sample &s) { return jsonObject(s.payload) == example; });
        QVERIFY2(isSample, compact(example).constData());
    }
}

QTEST_GUILESS_MAIN(TestMessageTypes)
#include "tst_messagetypes.moc"
