// SPDX-License-Identifier: MIT
// Chat messages (messages/chatmessages.h): send/sent/new, read receipts, typing, blocking;
// round trips, every validation rule, and the chat seed's camelCase spellings.
#include "protocoltestsupport.h"

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {
constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;

QByteArray body(const QString &text)
{
    return compact(QJsonObject {{QStringLiteral("match_id"), QStringLiteral("m-1")},
                                {QStringLiteral("temp_id"), QStringLiteral("t-1")},
                                {QStringLiteral("body"), text}});
}
} // namespace

class TestChatMessages : public QObject
{
    Q_OBJECT

private slots:
    void messageSend();
    void messageSent();
    void messageNew();
    void messageRead();
    void readAck();
    void readUpdate();
    void typing();
    void userBlock();
    void userUnblock();
    void chatSeedSpelling();
    void validation_data();
    void validation();
};

void TestChatMessages::messageSend()
{
    MessageSend m;
    m.matchId = QStringLiteral("m-1");
    m.tempId = QStringLiteral("tmp-01HF8Z");
    m.body = QStringLiteral("Saya di depan lobi\nPakai jaket hijau \U0001F7E2");
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->matchId, m.matchId);
    QCOMPARE(rt.value->tempId, m.tempId);
    QCOMPARE(rt.value->body, m.body);
}

void TestChatMessages::messageSent()
{
    MessageSent m;
    m.tempId = QStringLiteral("t-1");
    m.messageId = QStringLiteral("msg-1");
    m.matchId = QStringLiteral("m-1");
    m.sentAt = 1700000300000;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->tempId, m.tempId);
    QCOMPARE(rt.value->messageId, m.messageId);
    QCOMPARE(rt.value->matchId, m.matchId);
    QCOMPARE(rt.value->sentAt, m.sentAt);
}

void TestChatMessages::messageNew()
{
    MessageNew m;
    m.messageId = QStringLiteral("msg-1");
    m.matchId = QStringLiteral("m-1");
    m.senderId = QStringLiteral("u-1");
    m.body = QString(kMaxChatBodyLength, QLatin1Char('x'));
    m.sentAt = 1700000300000;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->messageId, m.messageId);
    QCOMPARE(rt.value->matchId, m.matchId);
    QCOMPARE(rt.value->senderId, m.senderId);
    QCOMPARE(rt.value->body, m.body);
    QCOMPARE(rt.value->sentAt, m.sentAt);
}

void TestChatMessages::messageRead()
{
    MessageRead upTo;
    upTo.matchId = QStringLiteral("m-1");
    upTo.upToMessageId = QStringLiteral("msg-9");
    const auto rt = roundTrip(upTo, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->matchId, upTo.matchId);
    QCOMPARE(rt.value->upToMessageId, upTo.upToMessageId);

    MessageRead all;
    all.matchId = QStringLiteral("m-1");
    const auto rtAll = roundTrip(all, kClient);
    QVERIFY2(rtAll.value, qPrintable(rtAll.failure));
    QVERIFY(rtAll.value->upToMessageId.isEmpty());
}

void TestChatMessages::readAck()
{
    ReadAck m;
    m.matchId = QStringLiteral("m-1");
    m.markedCount = 12;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->matchId, m.matchId);
    QCOMPARE(rt.value->markedCount, m.markedCount);
}

void TestChatMessages::readUpdate()
{
    ReadUpdate m;
    m.matchId = QStringLiteral("m-1");
    m.messageIds = {QStringLiteral("msg-1"), QStringLiteral("msg-2"), QStringLiteral("msg-3")};
    m.readBy = QStringLiteral("u-2");
    m.readAt = 1700000400000;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->matchId, m.matchId);
    QCOMPARE(rt.value->messageIds, m.messageIds);
    QCOMPARE(rt.value->readBy, m.readBy);
    QCOMPARE(rt.value->readAt, m.readAt);
}

void TestChatMessages::typing()
{
    for (bool isTyping : {true, false}) {
        Typing fromClient;
        fromClient.matchId = QStringLiteral("m-1");
        fromClient.isTyping = isTyping;
        const auto rt = roundTrip(fromClient, kClient);
        QVERIFY2(rt.value, qPrintable(rt.failure));
        QCOMPARE(rt.value->matchId, fromClient.matchId);
        QCOMPARE(rt.value->isTyping, isTyping);
        QVERIFY(rt.value->userId.isEmpty());

        Typing fromServer = fromClient;
        fromServer.userId = QStringLiteral("u-2");
        const auto rtServer = roundTrip(fromServer, kServer);
        QVERIFY2(rtServer.value, qPrintable(rtServer.failure));
        QCOMPARE(rtServer.value->isTyping, isTyping);
        QCOMPARE(rtServer.value->userId, fromServer.userId);
    }
}

void TestChatMessages::userBlock()
{
    const auto rt = roundTrip(UserBlock {QStringLiteral("u-2")}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->userId, QStringLiteral("u-2"));
}

void TestChatMessages::userUnblock()
{
    const auto rt = roundTrip(UserUnblock {QStringLiteral("u-2")}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->userId, QStringLiteral("u-2"));
}

// The chat seed's own frames, as it sends them.
void TestChatMessages::chatSeedSpelling()
{
    {
        const Received r = receive(
                R"({"type":"message.send","payload":{"conversationId":"c-1","content":"Hello!","tempId":"temp-123"}})",
                kClient);
        QVERIFY2(r.ok, qPrintable(describe(r.error)));
        QCOMPARE(r.reencoded,
                 jsonObject(R"({"match_id":"c-1","temp_id":"temp-123","body":"Hello!"})"));
    }
    {
        const Received r =
                receive(R"({"type":"message.read","payload":{"conversationId":"c-1"}})", kClient);
        QVERIFY2(r.ok, qPrintable(describe(r.error)));
        QCOMPARE(r.reencoded, jsonObject(R"({"match_id":"c-1"})"));
    }
    {
        const Received r = receive(R"({"type":"block.add","payload":{"userId":"u-9"}})", kClient);
        QVERIFY2(r.ok, qPrintable(describe(r.error)));
        QCOMPARE(r.envelope->type, MessageType::UserBlock);
        QCOMPARE(r.reencoded, jsonObject(R"({"user_id":"u-9"})"));
    }
    {
        const Received r = receive(
                R"({"event":"message:typing","data":{"conversationId":"c-1","isTyping":false}})",
                kClient);
        QVERIFY2(r.ok, qPrintable(describe(r.error)));
        QCOMPARE(r.envelope->type, MessageType::Typing);
        QCOMPARE(r.reencoded, jsonObject(R"({"match_id":"c-1","is_typing":false})"));
    }
}

void TestChatMessages::validation_data()
{
    addValidationColumns();
    // message.send
    accepts("send", "message.send", kClient, body(QStringLiteral("hi")));
    accepts("send: 2000 characters", "message.send", kClient,
            body(QString(kMaxChatBodyLength, QLatin1Char('a'))));
    accepts("send: newlines and tabs", "message.send", kClient, body(QStringLiteral("a\n\tb")));
    accepts("send: emoji", "message.send", kClient, body(QStringLiteral("\U0001F44D")));
    accepts("send: 64-char temp id", "message.send", kClient,
            QByteArray(R"({"match_id":"m","temp_id":")") + QByteArray(64, 't')
                    + R"(","body":"x"})");
    accepts("send: conversation_id alias", "message.send", kClient,
            R"({"conversation_id":"m","temp_id":"t","body":"x"})");
    accepts("send: content alias", "message.send", kClient,
            R"({"match_id":"m","temp_id":"t","content":"x"})");
    accepts("send: all camelCase", "message.send", kClient,
            R"({"conversationId":"m","tempId":"t","content":"x"})");
    rejects("send: 2001 characters", "message.send", kClient,
            body(QString(kMaxChatBodyLength + 1, QLatin1Char('a'))), "body");
    rejects("send: empty body", "message.send", kClient, body(QString()), "body");
    rejects("send: whitespace body", "message.send", kClient, body(QStringLiteral(" \n ")), "body");
    rejects("send: NUL in body", "message.send", kClient, body(QStringLiteral("a\u0000b")), "body");
    rejects("send: ESC in body", "message.send", kClient, body(QStringLiteral("\u001b[2Jgotcha")),
            "body");
    rejects("send: CR in body", "message.send", kClient, body(QStringLiteral("a\r\nb")), "body");
    rejects("send: C1 NEL in body", "message.send", kClient, body(QStringLiteral("a\u0085b")),
            "body");
    rejects("send: line separator in body", "message.send", kClient,
            body(QStringLiteral("a\u2028b")), "body");
    rejects("send: lone surrogate", "message.send", kClient,
            R"({"match_id":"m","temp_id":"t","body":"a\ud83d"})", "body");
    rejects("send: body not a string", "message.send", kClient,
            R"({"match_id":"m","temp_id":"t","body":{"text":"x"}})", "body");
    rejects("send: body missing", "message.send", kClient, R"({"match_id":"m","temp_id":"t"})",
            "body");
    rejects("send: match_id missing", "message.send", kClient, R"({"temp_id":"t","body":"x"})",
            "match_id");
    rejects("send: match_id with space", "message.send", kClient,
            R"({"match_id":"m 1","temp_id":"t","body":"x"})", "match_id");
    rejects("send: temp_id missing", "message.send", kClient, R"({"match_id":"m","body":"x"})",
            "temp_id");
    rejects("send: temp_id 65", "message.send", kClient,
            QByteArray(R"({"match_id":"m","temp_id":")") + QByteArray(65, 't') + R"(","body":"x"})",
            "temp_id");
    rejects("send: temp_id number", "message.send", kClient,
            R"({"match_id":"m","temp_id":123,"body":"x"})", "temp_id");

    // message.sent / message.new (server)
    accepts("sent", "message.sent", kServer,
            R"({"temp_id":"t","message_id":"msg","match_id":"m","sent_at":1})");
    rejects("sent: message_id missing", "message.sent", kServer,
            R"({"temp_id":"t","match_id":"m","sent_at":1})", "message_id");
    accepts("new", "message.new", kServer,
            R"({"message_id":"msg","match_id":"m","sender_id":"u","body":"x","sent_at":1})");
    rejects("new: control character", "message.new", kServer,
            R"({"message_id":"msg","match_id":"m","sender_id":"u","body":"\u0007","sent_at":1})",
            "body");
    rejects("new: sender missing", "message.new", kServer,
            R"({"message_id":"msg","match_id":"m","body":"x","sent_at":1})", "sender_id");

    // message.read
    accepts("read: all", "message.read", kClient, R"({"match_id":"m"})");
    accepts("read: up to", "message.read", kClient,
            R"({"match_id":"m","up_to_message_id":"msg-1"})");
    accepts("read: conversationId", "message.read", kClient, R"({"conversationId":"m"})");
    accepts("read: null up_to", "message.read", kClient,
            R"({"match_id":"m","up_to_message_id":null})");
    rejects("read: match_id missing", "message.read", kClient, "{}", "match_id");
    rejects("read: bad up_to", "message.read", kClient,
            R"({"match_id":"m","up_to_message_id":"a b"})", "up_to_message_id");

    // read_ack / read_update (server)
    accepts("read_ack", "read_ack", kServer, R"({"match_id":"m","marked_count":0})");
    rejects("read_ack: negative count", "read_ack", kServer,
            R"({"match_id":"m","marked_count":-1})", "marked_count");
    accepts("read_update", "read_update", kServer,
            R"({"match_id":"m","message_ids":[],"read_by":"u","read_at":1})");
    rejects("read_update: ids not identifiers", "read_update", kServer,
            R"({"match_id":"m","message_ids":["a",null],"read_by":"u","read_at":1})",
            "message_ids");
    rejects("read_update: ids not an array", "read_update", kServer,
            R"({"match_id":"m","message_ids":"a","read_by":"u","read_at":1})", "message_ids");

    // typing
    accepts("typing: default true", "typing", kClient, R"({"match_id":"m"})");
    accepts("typing: stop", "typing", kClient, R"({"match_id":"m","is_typing":false})");
    accepts("typing: server copy", "typing", kServer,
            R"({"match_id":"m","is_typing":true,"user_id":"u"})");
    rejects("typing: match_id missing", "typing", kClient, R"({"is_typing":true})", "match_id");
    rejects("typing: is_typing as string", "typing", kClient,
            R"({"match_id":"m","is_typing":"yes"})", "is_typing");
    rejects("typing: bad user_id", "typing", kServer, R"({"match_id":"m","user_id":""})",
            "user_id");

    // user.block / user.unblock
    accepts("block", "user.block", kClient, R"({"user_id":"u-2"})");
    accepts("block: email-like id", "user.block", kClient, R"({"user_id":"budi@nebengjek.id"})");
    rejects("block: missing", "user.block", kClient, "{}", "user_id");
    rejects("block: array", "user.block", kClient, R"({"user_id":["u-2"]})", "user_id");
    accepts("unblock", "user.unblock", kClient, R"({"userId":"u-2"})");
    rejects("unblock: bad charset", "user.unblock", kClient, R"({"user_id":"u<2>"})", "user_id");
}

void TestChatMessages::validation()
{
    checkValidationRow();
}

QTEST_GUILESS_MAIN(TestChatMessages)
#include "tst_chatmessages.moc"
