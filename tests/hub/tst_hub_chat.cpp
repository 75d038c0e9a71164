// SPDX-License-Identifier: MIT
// Chat between the parties of an accepted match: send, read receipts, typing, blocking.
#include "hubtestsupport.h"

#include <storage/chatrepository.h>

using namespace NebengJek;
using namespace NebengJek::Tests;
using Protocol::MessageType;
using Protocol::Role;

class TestHubChat : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sendAndReceive();
    void readReceipts();
    void readUpToMessage();
    void messageIdsFollowSendingOrder();
    void typingIsRelayedNotStored();
    void blockWithholdsSilently();
    void offlineRecipientGetsNotification();
    void onlyPartiesAfterAcceptance();

private:
    QJsonObject send(const QString &body, const QString &tempId = QStringLiteral("t1")) const
    {
        return {{QStringLiteral("match_id"), m_ride.matchId},
                {QStringLiteral("temp_id"), tempId},
                {QStringLiteral("body"), body}};
    }

    std::unique_ptr<HubHarness> m_h;
    Client m_driver;
    Client m_passenger;
    AcceptedRide m_ride;
};

void TestHubChat::init()
{
    m_h = std::make_unique<HubHarness>();
    m_driver = m_h->connect(QStringLiteral("driver-1"), Role::Driver);
    m_passenger = m_h->connect(QStringLiteral("passenger-1"), Role::Passenger);
    m_ride = acceptRide(*m_h, m_driver, m_passenger);
    QVERIFY(!m_ride.rideId.isEmpty());
}

void TestHubChat::cleanup()
{
    m_h.reset();
}

void TestHubChat::sendAndReceive()
{
    HubHarness &h = *m_h;
    const QString body = QStringLiteral("Saya di depan gerbang, \"pintu\" biru 🚗\nOK?");
    const Envelope sent =
            h.request(m_passenger, MessageType::MessageSend, send(body, QStringLiteral("tmp-42")));
    EXPECT_TYPE(sent, MessageType::MessageSent);
    QCOMPARE(sent.seq, qint64(0)); // a reply, not an event
    const auto ack = Protocol::decode<Protocol::MessageSent>(sent.payload);
    QVERIFY(ack.ok());
    QCOMPARE(ack->tempId, QStringLiteral("tmp-42"));
    QCOMPARE(ack->matchId, m_ride.matchId);
    QVERIFY(!ack->messageId.isEmpty());
    QVERIFY(ack->sentAt > 0);

    const Envelope incoming = h.takeOne(m_driver, MessageType::MessageNew);
    QVERIFY(incoming.seq > 0); // durable, replayable
    const auto message = Protocol::decode<Protocol::MessageNew>(incoming.payload);
    QVERIFY(message.ok());
    QCOMPARE(message->messageId, ack->messageId);
    QCOMPARE(message->senderId, m_passenger.userId);
    QCOMPARE(message->body, body);
    QCOMPARE(message->sentAt, ack->sentAt);
    // The sender gets nothing else; the online recipient gets no notification.
    QCOMPARE(h.types(m_passenger), QList<MessageType> {});
    QCOMPARE(h.types(m_driver), QList<MessageType> {});

    // The other way round, and legacy field names (conversationId/content) are accepted.
    const Envelope reply = h.request(m_driver, MessageType::MessageSend,
                                     {{QStringLiteral("conversationId"), m_ride.matchId},
                                      {QStringLiteral("tempId"), QStringLiteral("t9")},
                                      {QStringLiteral("content"), QStringLiteral("Siap")}});
    EXPECT_TYPE(reply, MessageType::MessageSent);
    QCOMPARE(str(h.takeOne(m_passenger, MessageType::MessageNew), "body"), QStringLiteral("Siap"));

    // Chat stays open after the ride is completed (lost items).
    h.request(m_driver, MessageType::RideStart, {{QStringLiteral("ride_id"), m_ride.rideId}});
    const Envelope arrived = h.request(m_driver, MessageType::RideArrived,
                                       {{QStringLiteral("ride_id"), m_ride.rideId}});
    h.request(m_passenger, MessageType::PaymentProcess,
              {{QStringLiteral("ride_id"), m_ride.rideId},
               {QStringLiteral("amount"), arrived.payload.value(QStringLiteral("fare"))}});
    EXPECT_TYPE(h.request(m_passenger, MessageType::MessageSend,
                          send(QStringLiteral("Dompet saya tertinggal"))),
                MessageType::MessageSent);
}

void TestHubChat::readReceipts()
{
    HubHarness &h = *m_h;
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids.append(str(
                h.request(m_driver, MessageType::MessageSend, send(QStringLiteral("m%1").arg(i))),
                "message_id"));
    h.request(m_passenger, MessageType::MessageSend, send(QStringLiteral("mine")));
    h.drop(m_driver);
    h.drop(m_passenger);

    const Envelope ack = h.request(m_passenger, MessageType::MessageRead,
                                   {{QStringLiteral("match_id"), m_ride.matchId}});
    EXPECT_TYPE(ack, MessageType::ReadAck);
    QCOMPARE(ack.payload.value(QStringLiteral("marked_count")).toInt(), 3);
    QCOMPARE(str(ack, "match_id"), m_ride.matchId);

    const Envelope update = h.takeOne(m_driver, MessageType::ReadUpdate);
    QVERIFY(update.seq > 0);
    const auto decoded = Protocol::decode<Protocol::ReadUpdate>(update.payload);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->messageIds, ids);
    QCOMPARE(decoded->readBy, m_passenger.userId);
    QVERIFY(decoded->readAt > 0);

    // Nothing new to read: acknowledged, no update.
    const Envelope again = h.request(m_passenger, MessageType::MessageRead,
                                     {{QStringLiteral("match_id"), m_ride.matchId}});
    QCOMPARE(again.payload.value(QStringLiteral("marked_count")).toInt(), 0);
    QVERIFY(h.take(m_driver, MessageType::ReadUpdate).isEmpty());
}

void TestHubChat::readUpToMessage()
{
    HubHarness &h = *m_h;
    QStringList ids;
    for (int i = 0; i < 4; ++i)
        ids.append(str(
                h.request(m_driver, MessageType::MessageSend, send(QStringLiteral("m%1").arg(i))),
                "message_id"));
    h.drop(m_driver);
    Envelope ack = h.request(m_passenger, MessageType::MessageRead,
                             {{QStringLiteral("match_id"), m_ride.matchId},
                              {QStringLiteral("up_to_message_id"), ids.at(1)}});
    QCOMPARE(ack.payload.value(QStringLiteral("marked_count")).toInt(), 2);
    QCOMPARE(Protocol::decode<Protocol::ReadUpdate>(
                     h.takeOne(m_driver, MessageType::ReadUpdate).payload)
                     ->messageIds,
             ids.mid(0, 2));
    ack = h.request(m_passenger, MessageType::MessageRead,
                    {{QStringLiteral("match_id"), m_ride.matchId}});
    QCOMPARE(ack.payload.value(QStringLiteral("marked_count")).toInt(), 2);
    QCOMPARE(Protocol::decode<Protocol::ReadUpdate>(
                     h.takeOne(m_driver, MessageType::ReadUpdate).payload)
                     ->messageIds,
             ids.mid(2));
    // A message id from nowhere.
    EXPECT_ERROR(h.request(m_passenger, MessageType::MessageRead,
                           {{QStringLiteral("match_id"), m_ride.matchId},
                            {QStringLiteral("up_to_message_id"), QStringLiteral("msg-nope")}}),
                 "NOT_FOUND");
}

void TestHubChat::messageIdsFollowSendingOrder()
{
    // Time-ordered ids: as text they sort in the order the server stored the messages, from
    // either party (the unique index on them then appends instead of writing a random page).
    HubHarness &h = *m_h;
    QString previous;
    for (int i = 0; i < 40; ++i) {
        const Client &sender = i % 3 == 0 ? m_passenger : m_driver;
        const QString id =
                str(h.request(sender, MessageType::MessageSend,
                              send(QStringLiteral("m%1").arg(i), QStringLiteral("t%1").arg(i))),
                    "message_id");
        QVERIFY2(id.startsWith(QLatin1String("msg-")), qPrintable(id));
        QVERIFY2(id > previous, qPrintable(previous + QStringLiteral(" then ") + id));
        previous = id;
    }
    const auto stored = h.storage().chat().conversation(m_ride.matchId);
    QVERIFY(stored.ok);
    QCOMPARE(stored.value.size(), 40);
    QCOMPARE(stored.value.constLast().messageId, previous);
}

void TestHubChat::typingIsRelayedNotStored()
{
    HubHarness &h = *m_h;
    h.post(m_passenger, MessageType::Typing,
           {{QStringLiteral("match_id"), m_ride.matchId}, {QStringLiteral("is_typing"), true}});
    const Envelope typing = h.takeOne(m_driver, MessageType::Typing);
    QCOMPARE(typing.seq, qint64(0));
    QCOMPARE(str(typing, "user_id"), m_passenger.userId);
    QCOMPARE(str(typing, "match_id"), m_ride.matchId);
    QCOMPARE(typing.payload.value(QStringLiteral("is_typing")).toBool(), true);
    QVERIFY(h.outbox().peek(m_passenger.connection).isEmpty()); // no id: no ack

    // With an id the sender gets an ack; a forged user_id is replaced by the real one.
    const Envelope ack = h.request(m_passenger, MessageType::Typing,
                                   {{QStringLiteral("match_id"), m_ride.matchId},
                                    {QStringLiteral("is_typing"), false},
                                    {QStringLiteral("user_id"), QStringLiteral("someone-else")}});
    EXPECT_TYPE(ack, MessageType::Ack);
    QCOMPARE(str(h.takeOne(m_driver, MessageType::Typing), "user_id"), m_passenger.userId);

    // Ephemeral: a resume replays no typing.
    const Client later = h.connect(m_driver.userId, Role::Driver);
    h.drop(later);
    h.request(later, MessageType::Resume, {{QStringLiteral("last_seq"), 0}});
    QVERIFY(h.take(later, MessageType::Typing).isEmpty());
}

void TestHubChat::blockWithholdsSilently()
{
    HubHarness &h = *m_h;
    // The driver blocks the passenger.
    Envelope reply = h.request(m_driver, MessageType::UserBlock,
                               {{QStringLiteral("user_id"), m_passenger.userId}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("changed")).toBool(), true);
    // Blocking twice is fine and says so.
    reply = h.request(m_driver, MessageType::UserBlock,
                      {{QStringLiteral("user_id"), m_passenger.userId}});
    QCOMPARE(reply.payload.value(QStringLiteral("changed")).toBool(), false);

    // The blocked passenger's message is acknowledged as usual ...
    const Envelope sent =
            h.request(m_passenger, MessageType::MessageSend, send(QStringLiteral("halo?")));
    EXPECT_TYPE(sent, MessageType::MessageSent);
    // ... but never reaches the driver, live or on resume, and is not marked read.
    QVERIFY(h.take(m_driver, MessageType::MessageNew).isEmpty());
    QVERIFY(h.take(m_driver, MessageType::NotificationNew).isEmpty());
    h.post(m_passenger, MessageType::Typing, {{QStringLiteral("match_id"), m_ride.matchId}});
    QVERIFY(h.take(m_driver, MessageType::Typing).isEmpty());
    const Envelope read = h.request(m_driver, MessageType::MessageRead,
                                    {{QStringLiteral("match_id"), m_ride.matchId}});
    QCOMPARE(read.payload.value(QStringLiteral("marked_count")).toInt(), 0);
    const Client driverLater = h.connect(m_driver.userId, Role::Driver);
    h.drop(driverLater);
    h.request(driverLater, MessageType::Resume, {{QStringLiteral("last_seq"), 0}});
    QVERIFY(h.take(driverLater, MessageType::MessageNew).isEmpty());
    const auto stored = h.storage().chat().find(str(sent, "message_id"));
    QVERIFY(stored.ok && stored.value && stored.value->withheld);

    // The blocker cannot write to the person they blocked.
    EXPECT_ERROR(h.request(m_driver, MessageType::MessageSend, send(QStringLiteral("x"))),
                 "FORBIDDEN");

    // After unblocking, new messages flow again; the withheld one stays withheld.
    reply = h.request(m_driver, MessageType::UserUnblock,
                      {{QStringLiteral("user_id"), m_passenger.userId}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("changed")).toBool(), true);
    reply = h.request(m_driver, MessageType::UserUnblock,
                      {{QStringLiteral("user_id"), m_passenger.userId}});
    QCOMPARE(reply.payload.value(QStringLiteral("changed")).toBool(), false);
    h.request(m_passenger, MessageType::MessageSend, send(QStringLiteral("halo lagi")));
    const QList<Envelope> arrived = h.take(m_driver, MessageType::MessageNew);
    QCOMPARE(arrived.size(), 1);
    QCOMPARE(str(arrived.constFirst(), "body"), QStringLiteral("halo lagi"));

    // Blocks survive a restart: the message after it is acknowledged, stored as withheld and
    // reaches neither the live driver nor the driver's resume.
    reply = h.request(m_driver, MessageType::UserBlock,
                      {{QStringLiteral("user_id"), m_passenger.userId}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("changed")).toBool(), true);
    h.restart();
    const Client driver = h.connect(m_driver.userId, Role::Driver);
    const Client passenger = h.connect(m_passenger.userId, Role::Passenger);
    h.drop(driver);
    const Envelope afterRestart =
            h.request(passenger, MessageType::MessageSend, send(QStringLiteral("after restart")));
    EXPECT_TYPE(afterRestart, MessageType::MessageSent);
    QVERIFY(h.take(driver, MessageType::MessageNew).isEmpty());
    QVERIFY(h.take(driver, MessageType::NotificationNew).isEmpty());
    const auto withheld = h.storage().chat().find(str(afterRestart, "message_id"));
    QVERIFY(withheld.ok && withheld.value && withheld.value->withheld);
    // And the blocker still cannot write to them.
    EXPECT_ERROR(h.request(driver, MessageType::MessageSend, send(QStringLiteral("x"))),
                 "FORBIDDEN");
}

void TestHubChat::offlineRecipientGetsNotification()
{
    HubHarness &h = *m_h;
    h.disconnect(m_driver);
    h.request(m_passenger, MessageType::MessageSend,
              send(QStringLiteral("Pak, saya tunggu di lobby")));
    const Client driver = h.connect(m_driver.userId, Role::Driver);
    h.drop(driver);
    const Envelope list = h.request(driver, MessageType::NotificationList, {});
    const QJsonArray items = list.payload.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject n = items.at(0).toObject();
    QCOMPARE(n.value(QStringLiteral("kind")).toString(), QStringLiteral("chat_message"));
    QCOMPARE(n.value(QStringLiteral("body")).toString(),
             QStringLiteral("Pak, saya tunggu di lobby"));
    QCOMPARE(
            n.value(QStringLiteral("data")).toObject().value(QStringLiteral("match_id")).toString(),
            m_ride.matchId);
    // And the message itself is waiting in the delivery log.
    h.request(driver, MessageType::Resume, {{QStringLiteral("last_seq"), 2}});
    QCOMPARE(h.take(driver, MessageType::MessageNew).size(), 1);
}

void TestHubChat::onlyPartiesAfterAcceptance()
{
    HubHarness &h = *m_h;
    const Client stranger = h.connect(QStringLiteral("stranger"), Role::Passenger);
    EXPECT_ERROR(h.request(stranger, MessageType::MessageSend, send(QStringLiteral("hi"))),
                 "FORBIDDEN");
    EXPECT_ERROR(h.request(stranger, MessageType::MessageRead,
                           {{QStringLiteral("match_id"), m_ride.matchId}}),
                 "FORBIDDEN");
    EXPECT_ERROR(h.request(stranger, MessageType::Typing,
                           {{QStringLiteral("match_id"), m_ride.matchId}}),
                 "FORBIDDEN");
    EXPECT_ERROR(h.request(m_passenger, MessageType::MessageSend,
                           {{QStringLiteral("match_id"), QStringLiteral("match-unknown")},
                            {QStringLiteral("temp_id"), QStringLiteral("t")},
                            {QStringLiteral("body"), QStringLiteral("x")}}),
                 "NOT_FOUND");

    // A match that is only proposed has no chat yet.
    const Client d2 = h.connect(QStringLiteral("driver-2"), Role::Driver);
    const Client p2 = h.connect(QStringLiteral("passenger-2"), Role::Passenger);
    h.request(d2, MessageType::BeaconUpdate, beacon(kNearPickup.lat, kNearPickup.lng));
    const QString proposed = str(
            h.request(p2, MessageType::FinderUpdate, finder(toJson(kPickup), toJson(kDestination))),
            "match_id");
    EXPECT_ERROR(h.request(p2, MessageType::MessageSend,
                           {{QStringLiteral("match_id"), proposed},
                            {QStringLiteral("temp_id"), QStringLiteral("t")},
                            {QStringLiteral("body"), QStringLiteral("x")}}),
                 "CONFLICT");
    // Invalid payloads.
    EXPECT_ERROR(h.request(m_passenger, MessageType::MessageSend, send(QString())),
                 "VALIDATION_FAILED");
    EXPECT_ERROR(h.request(m_passenger, MessageType::MessageSend,
                           send(QString(Protocol::kMaxChatBodyLength + 1, QLatin1Char('x')))),
                 "VALIDATION_FAILED");
    EXPECT_ERROR(h.request(m_passenger, MessageType::MessageSend, send(QStringLiteral("bell\x07"))),
                 "VALIDATION_FAILED");
    EXPECT_ERROR(h.request(m_passenger, MessageType::UserBlock,
                           {{QStringLiteral("user_id"), m_passenger.userId}}),
                 "VALIDATION_FAILED");
    EXPECT_ERROR(h.request(m_passenger, MessageType::UserBlock, {}), "VALIDATION_FAILED");
    EXPECT_ERROR(
            h.request(m_passenger, MessageType::UserUnblock, {{QStringLiteral("user_id"), 42}}),
            "VALIDATION_FAILED");
}

QTEST_GUILESS_MAIN(TestHubChat)
#include "tst_hub_chat.moc"
