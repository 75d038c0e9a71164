// SPDX-License-Identifier: MIT
// Rooms: join, publish fan-out (serialized once, same bytes to every member), leave, limits.
#include "hubtestsupport.h"

#include <hub/roomservice.h>

using namespace NebengJek;
using namespace NebengJek::Tests;
using Protocol::MessageType;
using Protocol::Role;

class TestHubRooms : public QObject
{
    Q_OBJECT

private slots:
    void joinPublishLeave();
    void fanOutToThousandSubscribers();
    void closedConnectionsLeave();
    void roomLimit();
};

void TestHubRooms::joinPublishLeave()
{
    HubHarness h;
    const Client a = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client b = h.connect(QStringLiteral("d2"), Role::Driver);
    const Client outsider = h.connect(QStringLiteral("d3"), Role::Driver);
    for (const Client &c : {a, b, outsider})
        h.drop(c);
    const QJsonObject room {{QStringLiteral("room"), QStringLiteral("zone:jakarta-selatan")}};
    Envelope reply = h.request(a, MessageType::RoomJoin, room);
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("members")).toInt(), 1);
    QCOMPARE(h.request(b, MessageType::RoomJoin, room)
                     .payload.value(QStringLiteral("members"))
                     .toInt(),
             2);
    // Joining twice changes nothing.
    reply = h.request(b, MessageType::RoomJoin, room);
    QCOMPARE(reply.payload.value(QStringLiteral("changed")).toBool(), false);
    QCOMPARE(reply.payload.value(QStringLiteral("members")).toInt(), 2);

    const QJsonObject data {{QStringLiteral("surge"), 1.5},
                            {QStringLiteral("note"), QStringLiteral("hujan")}};
    reply = h.request(a, MessageType::RoomPublish,
                      {{QStringLiteral("room"), QStringLiteral("zone:jakarta-selatan")},
                       {QStringLiteral("data"), data}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("delivered")).toInt(), 1);
    const Envelope event = h.takeOne(b, MessageType::RoomEvent);
    const auto decoded = Protocol::decode<Protocol::RoomEvent>(event.payload);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->room, QStringLiteral("zone:jakarta-selatan"));
    QCOMPARE(decoded->senderId, QStringLiteral("d1"));
    QCOMPARE(decoded->data, data);
    QCOMPARE(event.seq, qint64(0)); // not stored
    QVERIFY(h.take(a, MessageType::RoomEvent).isEmpty()); // not echoed to the publisher
    QVERIFY(h.take(outsider, MessageType::RoomEvent).isEmpty());

    EXPECT_TYPE(h.request(b, MessageType::RoomLeave, room), MessageType::Ack);
    reply = h.request(a, MessageType::RoomPublish,
                      {{QStringLiteral("room"), QStringLiteral("zone:jakarta-selatan")},
                       {QStringLiteral("data"), data}});
    QCOMPARE(reply.payload.value(QStringLiteral("delivered")).toInt(), 0);
    EXPECT_ERROR(h.request(b, MessageType::RoomLeave, room), "NOT_FOUND");
    // Too large data is refused.
    const QJsonObject big {
            {QStringLiteral("x"), QString(Protocol::kMaxRoomDataBytes, QLatin1Char('a'))}};
    EXPECT_ERROR(h.request(a, MessageType::RoomPublish,
                           {{QStringLiteral("room"), QStringLiteral("zone:jakarta-selatan")},
                            {QStringLiteral("data"), big}}),
                 "VALIDATION_FAILED");
}

void TestHubRooms::fanOutToThousandSubscribers()
{
    HubHarness h;
    constexpr int kSubscribers = 1000;
    const QJsonObject room {{QStringLiteral("room"), QStringLiteral("broadcast")}};
    QList<Client> members;
    for (int i = 0; i < kSubscribers; ++i) {
        const Client c = h.connect(QStringLiteral("u%1").arg(i), Role::Passenger);
        h.post(c, MessageType::RoomJoin, room);
        h.drop(c);
        members.append(c);
    }
    const Client publisher = h.connect(QStringLiteral("publisher"), Role::Driver);
    h.post(publisher, MessageType::RoomJoin, room);
    h.drop(publisher);
    const qint64 before = h.outbox().total();
    QElapsedTimer timer;
    timer.start();
    const Envelope reply =
            h.request(publisher, MessageType::RoomPublish,
                      {{QStringLiteral("room"), QStringLiteral("broadcast")},
                       {QStringLiteral("data"), QJsonObject {{QStringLiteral("n"), 1}}}});
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(reply.payload.value(QStringLiteral("delivered")).toInt(), kSubscribers);
    QCOMPARE(h.outbox().total() - before, qint64(kSubscribers + 1));
    // Serialized once: every member holds the very same buffer.
    const QByteArray first = h.outbox().rawFrames(members.constFirst().connection).constFirst();
    for (const Client &c : std::as_const(members)) {
        const QList<QByteArray> frames = h.outbox().rawFrames(c.connection);
        QCOMPARE(frames.size(), 1);
        QVERIFY(frames.constFirst().isSharedWith(first));
    }
    qInfo("fan-out to %d members took %lld ms", kSubscribers, elapsed);
}

void TestHubRooms::closedConnectionsLeave()
{
    HubHarness h;
    const Client a = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client b = h.connect(QStringLiteral("d2"), Role::Driver);
    const QJsonObject room {{QStringLiteral("room"), QStringLiteral("r")}};
    Envelope reply = h.request(a, MessageType::RoomJoin, room);
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("members")).toInt(), 1);
    reply = h.request(b, MessageType::RoomJoin, room);
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("members")).toInt(), 2);
    h.drop(b);
    h.disconnect(b);
    reply = h.request(a, MessageType::RoomPublish,
                      {{QStringLiteral("room"), QStringLiteral("r")},
                       {QStringLiteral("data"), QJsonObject {}}});
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("delivered")).toInt(), 0);
    QVERIFY(h.outbox().rawFrames(b.connection).isEmpty());
    // The room now has one member: joining again from a new connection makes two, not three.
    const Client c = h.connect(QStringLiteral("d3"), Role::Driver);
    reply = h.request(c, MessageType::RoomJoin, room);
    EXPECT_TYPE(reply, MessageType::Ack);
    QCOMPARE(reply.payload.value(QStringLiteral("members")).toInt(), 2);
}

void TestHubRooms::roomLimit()
{
    HubHarness h;
    const Client a = h.connect(QStringLiteral("d1"), Role::Driver);
    for (int i = 0; i < Server::RoomService::kMaxRoomsPerConnection; ++i)
        EXPECT_TYPE(h.request(a, MessageType::RoomJoin,
                              {{QStringLiteral("room"), QStringLiteral("r%1").arg(i)}}),
                    MessageType::Ack);
    EXPECT_ERROR(h.request(a, MessageType::RoomJoin,
                           {{QStringLiteral("room"), QStringLiteral("one-too-many")}}),
                 "CONFLICT");
    // Leaving one makes room.
    h.request(a, MessageType::RoomLeave, {{QStringLiteral("room"), QStringLiteral("r0")}});
    EXPECT_TYPE(h.request(a, MessageType::RoomJoin,
                          {{QStringLiteral("room"), QStringLiteral("one-too-many")}}),
                MessageType::Ack);
}

QTEST_GUILESS_MAIN(TestHubRooms)
#include "tst_hub_rooms.moc"
