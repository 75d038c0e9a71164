// SPDX-License-Identifier: MIT
// Room messages (messages/roommessages.h): join, leave, publish, and the fan-out event.
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {
constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;

// {"room":"r","data":{"x":"<pad>"}} whose data serializes to exactly `bytes` bytes.
QByteArray publishWithDataBytes(int bytes)
{
    const int overhead = int(QByteArray(R"({"x":""})").size());
    const QJsonObject data {{QStringLiteral("x"), QString(bytes - overhead, QLatin1Char('p'))}};
    if (compact(data).size() != bytes)
        qFatal("publishWithDataBytes: wrong size");
    return compact(QJsonObject {{QStringLiteral("room"), QStringLiteral("r")},
                                {QStringLiteral("data"), data}});
}
} // namespace

class TestRoomMessages : public QObject
{
    Q_OBJECT

private slots:
    void roomJoin();
    void roomLeave();
    void roomPublish();
    void roomEvent();
    void validation_data();
    void validation();
};

void TestRoomMessages::roomJoin()
{
    const auto rt = roundTrip(RoomJoin {QStringLiteral("zone:jakarta-selatan")}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->room, QStringLiteral("zone:jakarta-selatan"));
}

void TestRoomMessages::roomLeave()
{
    const auto rt = roundTrip(RoomLeave {QStringLiteral("zone:jakarta-selatan")}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->room, QStringLiteral("zone:jakarta-selatan"));
}

void TestRoomMessages::roomPublish()
{
    RoomPublish m;
    m.room = QStringLiteral("zone:jakarta-selatan");
    m.data = jsonObject(R"({"surge":1.2,"note":"hujan","tags":["a","b"],"nested":{"k":null}})");
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->room, m.room);
    QCOMPARE(rt.value->data, m.data);
}

void TestRoomMessages::roomEvent()
{
    RoomEvent m;
    m.room = QStringLiteral("zone:jakarta-selatan");
    m.senderId = QStringLiteral("u-1");
    m.data = jsonObject(R"({"surge":1.2})");
    m.sentAt = 1700000600000;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->room, m.room);
    QCOMPARE(rt.value->senderId, m.senderId);
    QCOMPARE(rt.value->data, m.data);
    QCOMPARE(rt.value->sentAt, m.sentAt);
}

void TestRoomMessages::validation_data()
{
    addValidationColumns();
    accepts("join", "room.join", kClient, R"({"room":"zone:jakarta-selatan"})");
    accepts("join: 64 chars", "room.join", kClient,
            QByteArray(R"({"room":")") + QByteArray(64, 'z') + R"("})");
    rejects("join: 65 chars", "room.join", kClient,
            QByteArray(R"({"room":")") + QByteArray(65, 'z') + R"("})", "room");
    rejects("join: missing", "room.join", kClient, "{}", "room");
    rejects("join: empty", "room.join", kClient, R"({"room":""})", "room");
    rejects("join: wildcard", "room.join", kClient, R"({"room":"zone:*"})", "room");
    rejects("join: slash", "room.join", kClient, R"({"room":"zone/jakarta"})", "room");
    rejects("join: space", "room.join", kClient, R"({"room":"zone jakarta"})", "room");
    accepts("leave", "room.leave", kClient, R"({"room":"zone:jakarta-selatan"})");
    rejects("leave: number", "room.leave", kClient, R"({"room":1})", "room");

    accepts("publish", "room.publish", kClient, R"({"room":"r","data":{}})");
    accepts("publish: data of 4096 bytes", "room.publish", kClient, publishWithDataBytes(4096));
    rejects("publish: data of 4097 bytes", "room.publish", kClient, publishWithDataBytes(4097),
            "data");
    rejects("publish: data missing", "room.publish", kClient, R"({"room":"r"})", "data");
    rejects("publish: data null", "room.publish", kClient, R"({"room":"r","data":null})", "data");
    rejects("publish: data string", "room.publish", kClient, R"({"room":"r","data":"hi"})", "data");
    rejects("publish: data array", "room.publish", kClient, R"({"room":"r","data":[1]})", "data");
    rejects("publish: bad room", "room.publish", kClient, R"({"room":"a b","data":{}})", "room");

    accepts("event", "room.event", kServer,
            R"({"room":"r","sender_id":"u","data":{},"sent_at":1})");
    rejects("event: sender missing", "room.event", kServer, R"({"room":"r","data":{},"sent_at":1})",
            "sender_id");
    rejects("event: sent_at missing", "room.event", kServer,
            R"({"room":"r","sender_id":"u","data":{}})", "sent_at");
}

void TestRoomMessages::validation()
{
    checkValidationRow();
}

QTEST_GUILESS_MAIN(TestRoomMessages)
#include "tst_roommessages.moc"
