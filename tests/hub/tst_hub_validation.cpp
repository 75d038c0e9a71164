// SPDX-License-Identifier: MIT
// Negative tests for every command the hub handles: wrong role, not a party, wrong state,
// unknown ids, duplicates and invalid payloads. Each row is one request and the error code
// it must get; nothing may change as a result.
#include "hubtestsupport.h"

using namespace NebengJek;
using namespace NebengJek::Tests;
using Protocol::MessageType;
using Protocol::Role;

class TestHubValidation : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_h.reset(); }
    void refusals_data();
    void refusals();
    void gatewayTypesAreNotHandled();
    void unknownConnection();

private:
    std::unique_ptr<HubHarness> m_h;
    QHash<QString, Client> m_clients;
    QHash<QString, QString> m_ids; // placeholders -> real ids
};

// The world every row starts from:
//   driver d1 + passenger p1: ride "accepted"  (match M_ACC, ride R_ACC)
//   driver d2 + passenger p2: ride "in_progress" (R_RUN)
//   driver d3 + passenger p3: ride "awaiting_payment" (R_PAY)
//   driver d4 + passenger p4: match "proposed" (M_PROP)
//   driver d5 + passenger p5: ride "completed" (R_DONE)
//   stranger driver dx, stranger passenger px
void TestHubValidation::init()
{
    Server::HubConfig config = HubHarness::fastConfig();
    config.proposalTimeoutMs = 600000; // the proposed match must stay proposed during a row
    m_h = std::make_unique<HubHarness>(config);
    HubHarness &h = *m_h;
    m_clients.clear();
    m_ids.clear();
    for (const char *name : {"d1", "d2", "d3", "d4", "d5", "dx"})
        m_clients.insert(QLatin1String(name), h.connect(QLatin1String(name), Role::Driver));
    for (const char *name : {"p1", "p2", "p3", "p4", "p5", "px"})
        m_clients.insert(QLatin1String(name), h.connect(QLatin1String(name), Role::Passenger));
    auto c = [this](const char *n) {
        return m_clients.value(QLatin1String(n));
    };

    AcceptedRide r = acceptRide(h, c("d1"), c("p1"));
    m_ids.insert(QStringLiteral("M_ACC"), r.matchId);
    m_ids.insert(QStringLiteral("R_ACC"), r.rideId);
    r = acceptRide(h, c("d2"), c("p2"));
    h.request(c("d2"), MessageType::RideStart, {{QStringLiteral("ride_id"), r.rideId}});
    m_ids.insert(QStringLiteral("R_RUN"), r.rideId);
    m_ids.insert(QStringLiteral("M_RUN"), r.matchId);
    r = acceptRide(h, c("d3"), c("p3"));
    h.request(c("d3"), MessageType::RideStart, {{QStringLiteral("ride_id"), r.rideId}});
    const Envelope arrived =
            h.request(c("d3"), MessageType::RideArrived, {{QStringLiteral("ride_id"), r.rideId}});
    m_ids.insert(QStringLiteral("R_PAY"), r.rideId);
    m_ids.insert(QStringLiteral("FARE"),
                 QString::number(qint64(arrived.payload.value(QStringLiteral("fare")).toDouble())));
    r = acceptRide(h, c("d5"), c("p5"));
    h.request(c("d5"), MessageType::RideStart, {{QStringLiteral("ride_id"), r.rideId}});
    const Envelope arrived5 =
            h.request(c("d5"), MessageType::RideArrived, {{QStringLiteral("ride_id"), r.rideId}});
    h.request(c("p5"), MessageType::PaymentProcess,
              {{QStringLiteral("ride_id"), r.rideId},
               {QStringLiteral("amount"), arrived5.payload.value(QStringLiteral("fare"))}});
    m_ids.insert(QStringLiteral("R_DONE"), r.rideId);
    // Last, so that d4 is the only free driver near the pickup.
    h.request(c("d4"), MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    m_ids.insert(QStringLiteral("M_PROP"),
                 str(h.request(c("p4"), MessageType::FinderUpdate,
                               finder(toJson(kPickup), toJson(kDestination))),
                     "match_id"));
    QCOMPARE(h.hub().activeRideCount(), 4);
    for (const Client &client : std::as_const(m_clients))
        h.drop(client);
}

void TestHubValidation::refusals_data()
{
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("payload"); // JSON with placeholders
    QTest::addColumn<QString>("code");

    auto row = [](const char *name, const char *sender, const char *type, const char *payload,
                  const char *code) {
        QTest::newRow(name) << QString::fromLatin1(sender) << QString::fromLatin1(type)
                            << QString::fromUtf8(payload) << QString::fromLatin1(code);
    };
    // beacon_update
    row("beacon: passenger", "px", "beacon_update", R"({"is_active":true,"lat":-6.2,"lng":106.8})",
        "FORBIDDEN");
    row("beacon: no location", "dx", "beacon_update", R"({"is_active":true})", "VALIDATION_FAILED");
    row("beacon: bad latitude", "dx", "beacon_update", R"({"is_active":true,"lat":95,"lng":106.8})",
        "VALIDATION_FAILED");
    row("beacon: no is_active", "dx", "beacon_update", R"({"lat":-6.2,"lng":106.8})",
        "VALIDATION_FAILED");
    // finder_update
    row("finder: driver", "dx", "finder_update",
        R"({"pickup":{"lat":-6.2,"lng":106.8},"destination":{"lat":-6.3,"lng":106.9}})",
        "FORBIDDEN");
    row("finder: no destination", "px", "finder_update", R"({"pickup":{"lat":-6.2,"lng":106.8}})",
        "VALIDATION_FAILED");
    row("finder: same place", "px", "finder_update",
        R"({"pickup":{"lat":-6.2,"lng":106.8},"destination":{"lat":-6.2,"lng":106.8}})",
        "VALIDATION_FAILED");
    row("finder: duplicate request", "p4", "finder_update",
        R"({"pickup":{"lat":-6.2,"lng":106.8},"destination":{"lat":-6.3,"lng":106.9}})",
        "CONFLICT");
    row("finder: while riding", "p2", "finder_update",
        R"({"pickup":{"lat":-6.2,"lng":106.8},"destination":{"lat":-6.3,"lng":106.9}})",
        "CONFLICT");
    row("finder: cancel nothing", "px", "finder_update", R"({"is_active":false})", "NOT_FOUND");
    row("finder: cancel on board", "p2", "finder_update", R"({"is_active":false})", "CONFLICT");
    row("finder: cancel awaiting payment", "p3", "finder_update", R"({"is_active":false})",
        "CONFLICT");
    // match_confirm
    row("confirm: passenger", "p4", "match_confirm", R"({"match_id":"M_PROP","accepted":true})",
        "FORBIDDEN");
    row("confirm: not the candidate", "dx", "match_confirm",
        R"({"match_id":"M_PROP","accepted":true})", "FORBIDDEN");
    row("confirm: unknown match", "d4", "match_confirm",
        R"({"match_id":"match-nope","accepted":true})", "NOT_FOUND");
    row("confirm: already accepted", "d1", "match_confirm",
        R"({"match_id":"M_ACC","accepted":true})", "CONFLICT");
    row("confirm: reject accepted", "d1", "match_confirm",
        R"({"match_id":"M_ACC","accepted":false})", "CONFLICT");
    row("confirm: no accepted flag", "d4", "match_confirm", R"({"match_id":"M_PROP"})",
        "VALIDATION_FAILED");
    row("confirm: bad match id", "d4", "match_confirm", R"({"match_id":"a b","accepted":true})",
        "VALIDATION_FAILED");
    // ride.estimate, ride.cancel, ride.rate, ride.history, location_batch, ride.at_pickup
    row("estimate: driver", "dx", "ride.estimate",
        R"({"pickup":{"lat":-6.2,"lng":106.8},"destination":{"lat":-6.3,"lng":106.9}})",
        "FORBIDDEN");
    row("estimate: same place", "px", "ride.estimate",
        R"({"pickup":{"lat":-6.2,"lng":106.8},"destination":{"lat":-6.2,"lng":106.8}})",
        "VALIDATION_FAILED");
    row("cancel: stranger", "px", "ride.cancel", R"({"match_id":"M_ACC"})", "FORBIDDEN");
    row("cancel: unknown match", "p1", "ride.cancel", R"({"match_id":"match-nope"})",
        "NOT_FOUND");
    row("cancel: passenger on board", "p2", "ride.cancel", R"({"match_id":"M_RUN"})", "CONFLICT");
    row("cancel: driver on board", "d2", "ride.cancel", R"({"match_id":"M_RUN"})", "CONFLICT");
    row("cancel: proposed driver", "d4", "ride.cancel", R"({"match_id":"M_PROP"})", "CONFLICT");
    row("cancel: reason too long", "p1", "ride.cancel",
        R"({"match_id":"M_ACC","reason":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})",
        "VALIDATION_FAILED");
    row("rate: not completed", "p2", "ride.rate", R"({"ride_id":"R_RUN","rating":5})",
        "CONFLICT");
    row("rate: stranger", "px", "ride.rate", R"({"ride_id":"R_DONE","rating":5})", "FORBIDDEN");
    row("rate: unknown ride", "p5", "ride.rate", R"({"ride_id":"ride-nope","rating":5})",
        "NOT_FOUND");
    row("rate: 6 stars", "p5", "ride.rate", R"({"ride_id":"R_DONE","rating":6})",
        "VALIDATION_FAILED");
    row("history: forged cursor", "p5", "ride.history", R"({"before":"nonsense"})",
        "VALIDATION_FAILED");
    row("history: limit 0", "p5", "ride.history", R"({"limit":0})", "VALIDATION_FAILED");
    row("batch: passenger", "p2", "location_batch",
        R"({"ride_id":"R_RUN","points":[{"lat":-6.2,"lng":106.8,"ts":1}]})", "FORBIDDEN");
    row("batch: other driver", "dx", "location_batch",
        R"({"ride_id":"R_RUN","points":[{"lat":-6.2,"lng":106.8,"ts":1}]})", "FORBIDDEN");
    row("batch: awaiting payment", "d3", "location_batch",
        R"({"ride_id":"R_PAY","points":[{"lat":-6.2,"lng":106.8,"ts":1}]})", "CONFLICT");
    row("batch: from the future", "d2", "location_batch",
        R"({"ride_id":"R_RUN","points":[{"lat":-6.2,"lng":106.8,"ts":253402300799999}]})",
        "VALIDATION_FAILED");
    row("at pickup: on board", "d2", "ride.at_pickup", R"({"ride_id":"R_RUN"})", "CONFLICT");
    row("at pickup: passenger", "p1", "ride.at_pickup", R"({"ride_id":"R_ACC"})", "FORBIDDEN");
    // ride_start
    row("start: passenger", "p1", "ride_start", R"({"ride_id":"R_ACC"})", "FORBIDDEN");
    row("start: other driver", "dx", "ride_start", R"({"ride_id":"R_ACC"})", "FORBIDDEN");
    row("start: unknown ride", "d1", "ride_start", R"({"ride_id":"ride-nope"})", "NOT_FOUND");
    row("start: twice", "d2", "ride_start", R"({"ride_id":"R_RUN"})", "CONFLICT");
    row("start: after arrival", "d3", "ride_start", R"({"ride_id":"R_PAY"})", "CONFLICT");
    row("start: completed", "d5", "ride_start", R"({"ride_id":"R_DONE"})", "CONFLICT");
    row("start: no ride id", "d1", "ride_start", R"({})", "VALIDATION_FAILED");
    // ride_arrived
    row("arrive: passenger", "p2", "ride_arrived", R"({"ride_id":"R_RUN"})", "FORBIDDEN");
    row("arrive: other driver", "d1", "ride_arrived", R"({"ride_id":"R_RUN"})", "FORBIDDEN");
    row("arrive: before start", "d1", "ride_arrived", R"({"ride_id":"R_ACC"})", "CONFLICT");
    row("arrive: twice", "d3", "ride_arrived", R"({"ride_id":"R_PAY"})", "CONFLICT");
    row("arrive: unknown ride", "d2", "ride_arrived", R"({"ride_id":"ride-nope"})", "NOT_FOUND");
    row("arrive: ride id a number", "d2", "ride_arrived", R"({"ride_id":7})", "VALIDATION_FAILED");
    // payment_process
    row("pay: driver", "d3", "payment_process", R"({"ride_id":"R_PAY","amount":FARE})",
        "FORBIDDEN");
    row("pay: other passenger", "p1", "payment_process", R"({"ride_id":"R_PAY","amount":FARE})",
        "FORBIDDEN");
    row("pay: before arrival", "p2", "payment_process", R"({"ride_id":"R_RUN","amount":1000})",
        "CONFLICT");
    row("pay: twice", "p5", "payment_process", R"({"ride_id":"R_DONE","amount":5000})", "CONFLICT");
    row("pay: wrong amount", "p3", "payment_process", R"({"ride_id":"R_PAY","amount":1})",
        "VALIDATION_FAILED");
    row("pay: negative amount", "p3", "payment_process", R"({"ride_id":"R_PAY","amount":-5})",
        "VALIDATION_FAILED");
    row("pay: unknown method", "p3", "payment_process",
        R"({"ride_id":"R_PAY","amount":FARE,"method":"barter"})", "VALIDATION_FAILED");
    row("pay: unknown ride", "p3", "payment_process", R"({"ride_id":"ride-nope","amount":FARE})",
        "NOT_FOUND");
    // location_update
    row("location: passenger", "p1", "location_update", R"({"lat":-6.2,"lng":106.8})", "FORBIDDEN");
    row("location: bad longitude", "d1", "location_update", R"({"lat":-6.2,"lng":181})",
        "VALIDATION_FAILED");
    row("location: bad heading", "d1", "location_update",
        R"({"lat":-6.2,"lng":106.8,"heading":400})", "VALIDATION_FAILED");
    // message.send / message.read / typing
    row("send: stranger", "px", "message.send", R"({"match_id":"M_ACC","temp_id":"t","body":"hi"})",
        "FORBIDDEN");
    row("send: proposal only", "p4", "message.send",
        R"({"match_id":"M_PROP","temp_id":"t","body":"hi"})", "CONFLICT");
    row("send: unknown match", "p1", "message.send",
        R"({"match_id":"match-nope","temp_id":"t","body":"hi"})", "NOT_FOUND");
    row("send: empty body", "p1", "message.send", R"({"match_id":"M_ACC","temp_id":"t","body":""})",
        "VALIDATION_FAILED");
    row("send: no temp id", "p1", "message.send", R"({"match_id":"M_ACC","body":"hi"})",
        "VALIDATION_FAILED");
    row("read: stranger", "dx", "message.read", R"({"match_id":"M_ACC"})", "FORBIDDEN");
    row("read: unknown match", "p1", "message.read", R"({"match_id":"match-nope"})", "NOT_FOUND");
    row("read: unknown message", "p1", "message.read",
        R"({"match_id":"M_ACC","up_to_message_id":"msg-nope"})", "NOT_FOUND");
    row("read: no match id", "p1", "message.read", R"({})", "VALIDATION_FAILED");
    row("typing: stranger", "px", "typing", R"({"match_id":"M_ACC"})", "FORBIDDEN");
    row("typing: proposal only", "d4", "typing", R"({"match_id":"M_PROP"})", "CONFLICT");
    row("typing: unknown match", "p1", "typing", R"({"match_id":"match-nope"})", "NOT_FOUND");
    row("typing: not a boolean", "p1", "typing", R"({"match_id":"M_ACC","is_typing":"yes"})",
        "VALIDATION_FAILED");
    // blocks
    row("block: self", "p1", "user.block", R"({"user_id":"p1"})", "VALIDATION_FAILED");
    row("block: no user", "p1", "user.block", R"({})", "VALIDATION_FAILED");
    row("unblock: self", "p1", "user.unblock", R"({"user_id":"p1"})", "VALIDATION_FAILED");
    // notifications
    row("mark read: unknown id", "p1", "notification.mark_read", R"({"ids":[987654]})",
        "NOT_FOUND");
    row("mark read: not a list", "p1", "notification.mark_read", R"({"ids":5})",
        "VALIDATION_FAILED");
    row("list: bad limit", "p1", "notification.list", R"({"limit":-1})", "VALIDATION_FAILED");
    // rooms
    row("room: bad name", "p1", "room.join", R"({"room":"no spaces"})", "VALIDATION_FAILED");
    row("room: leave unjoined", "p1", "room.leave", R"({"room":"zone:x"})", "NOT_FOUND");
    row("room: publish unjoined", "p1", "room.publish", R"({"room":"zone:x","data":{}})",
        "FORBIDDEN");
    row("room: publish no data", "p1", "room.publish", R"({"room":"zone:x"})", "VALIDATION_FAILED");
    // resume
    row("resume: no last_seq", "p1", "resume", R"({})", "VALIDATION_FAILED");
    row("resume: fractional", "p1", "resume", R"({"last_seq":1.5})", "VALIDATION_FAILED");
}

void TestHubValidation::refusals()
{
    QFETCH(QString, sender);
    QFETCH(QString, type);
    QFETCH(QString, payload);
    QFETCH(QString, code);
    HubHarness &h = *m_h;
    for (auto it = m_ids.cbegin(); it != m_ids.cend(); ++it)
        payload.replace(it.key(), it.value());
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(payload.toUtf8(), &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const auto messageType = Protocol::messageTypeFromName(type, Protocol::Direction::FromClient);
    QVERIFY(messageType);
    QVERIFY(m_clients.contains(sender));

    const int activeBefore = h.hub().activeRideCount();
    const Envelope reply = h.request(m_clients.value(sender), *messageType, object);
    EXPECT_TYPE(reply, MessageType::Error);
    QCOMPARE(errorCode(reply), code);
    QVERIFY(!reply.payload.value(QStringLiteral("message")).toString().isEmpty());
    if (code == QLatin1String("VALIDATION_FAILED"))
        QVERIFY(reply.payload.contains(QStringLiteral("field")));
    // A refusal changes nothing and tells nobody.
    QCOMPARE(h.hub().activeRideCount(), activeBefore);
    for (const Client &client : std::as_const(m_clients))
        QCOMPARE(h.types(client), QList<MessageType> {});
}

void TestHubValidation::gatewayTypesAreNotHandled()
{
    HubHarness &h = *m_h;
    const Client p1 = m_clients.value(QStringLiteral("p1"));
    for (MessageType type : {MessageType::Ping, MessageType::Auth, MessageType::TokenRefresh,
                             MessageType::MatchProposal}) {
        const Envelope reply = h.request(p1, type, {});
        EXPECT_ERROR(reply, "UNKNOWN_TYPE");
    }
}

void TestHubValidation::unknownConnection()
{
    HubHarness &h = *m_h;
    const Client ghost {9999, QStringLiteral("ghost"), Role::Passenger};
    EXPECT_ERROR(h.request(ghost, MessageType::NotificationUnreadCount, {}), "UNAUTHORIZED");
}

QTEST_GUILESS_MAIN(TestHubValidation)
#include "tst_hub_validation.moc"
