// SPDX-License-Identifier: MIT
// Presence messages (messages/presencemessages.h): user.online, user.offline, status.bulk.
#include "protocoltestsupport.h"

#include <QJsonArray>

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {
constexpr Direction kServer = Direction::FromServer;

QByteArray bulkOf(int count)
{
    QJsonArray users;
    for (int i = 0; i < count; ++i) {
        users.append(QJsonObject {{QStringLiteral("user_id"), QStringLiteral("u-%1").arg(i)},
                                  {QStringLiteral("online"), i % 2 == 0},
                                  {QStringLiteral("last_seen"), 1700000000000.0}});
    }
    return compact(QJsonObject {{QStringLiteral("users"), users}});
}
} // namespace

class TestPresenceMessages : public QObject
{
    Q_OBJECT

private slots:
    void userOnline();
    void userOffline();
    void statusBulk();
    void clientsCannotSendPresence();
    void validation_data();
    void validation();
};

void TestPresenceMessages::userOnline()
{
    const auto rt = roundTrip(UserOnline {QStringLiteral("u-2"), 1700000000000}, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->userId, QStringLiteral("u-2"));
    QCOMPARE(rt.value->at, qint64(1700000000000));
}

void TestPresenceMessages::userOffline()
{
    const auto rt = roundTrip(UserOffline {QStringLiteral("u-2"), 1700000500000}, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->userId, QStringLiteral("u-2"));
    QCOMPARE(rt.value->lastSeen, qint64(1700000500000));
}

void TestPresenceMessages::statusBulk()
{
    StatusBulk m;
    m.users = {{QStringLiteral("u-2"), true, 1700000000000},
               {QStringLiteral("u-3"), false, 1690000000000}};
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->users.size(), 2);
    for (qsizetype i = 0; i < m.users.size(); ++i) {
        QCOMPARE(rt.value->users.at(i).userId, m.users.at(i).userId);
        QCOMPARE(rt.value->users.at(i).online, m.users.at(i).online);
        QCOMPARE(rt.value->users.at(i).lastSeen, m.users.at(i).lastSeen);
    }

    const auto empty = roundTrip(StatusBulk {}, kServer);
    QVERIFY2(empty.value, qPrintable(empty.failure));
    QVERIFY(empty.value->users.isEmpty());
}

// Presence is the server's word: a client cannot claim someone is online.
void TestPresenceMessages::clientsCannotSendPresence()
{
    for (const char *type : {"user.online", "user.offline", "status.bulk", "user:online"}) {
        const ParsedEnvelope p = parseEnvelope(canonicalFrame(type, R"({"user_id":"u-2","at":1})"),
                                               Direction::FromClient);
        QVERIFY(!p.ok());
        QCOMPARE(p.error.code, ErrorCode::UnknownType);
    }
}

void TestPresenceMessages::validation_data()
{
    addValidationColumns();
    accepts("online", "user.online", kServer, R"({"user_id":"u-2","at":0})");
    accepts("online: camelCase", "user.online", kServer, R"({"userId":"u-2","at":1})");
    rejects("online: user missing", "user.online", kServer, R"({"at":1})", "user_id");
    rejects("online: at missing", "user.online", kServer, R"({"user_id":"u"})", "at");
    rejects("online: at negative", "user.online", kServer, R"({"user_id":"u","at":-1})", "at");
    rejects("online: at as ISO string", "user.online", kServer,
            R"({"user_id":"u","at":"2024-01-01T00:00:00Z"})", "at");
    accepts("offline", "user.offline", kServer, R"({"user_id":"u-2","last_seen":1})");
    rejects("offline: last_seen missing", "user.offline", kServer, R"({"user_id":"u"})",
            "last_seen");
    rejects("offline: bad user", "user.offline", kServer, R"({"user_id":"","last_seen":1})",
            "user_id");
    accepts("bulk: empty", "status.bulk", kServer, R"({"users":[]})");
    accepts("bulk: 1000", "status.bulk", kServer, bulkOf(1000));
    rejects("bulk: 1001", "status.bulk", kServer, bulkOf(1001), "users");
    rejects("bulk: missing", "status.bulk", kServer, "{}", "users");
    rejects("bulk: object instead of list", "status.bulk", kServer, R"({"users":{"u-2":true}})",
            "users");
    rejects("bulk: entry not an object", "status.bulk", kServer, R"({"users":["u-2"]})", "users");
    rejects("bulk: entry without online", "status.bulk", kServer,
            R"({"users":[{"user_id":"u","last_seen":1}]})", "users");
    rejects("bulk: entry with bad id", "status.bulk", kServer,
            R"({"users":[{"user_id":"u 2","online":true,"last_seen":1}]})", "users");
}

void TestPresenceMessages::validation()
{
    checkValidationRow();
}

QTEST_GUILESS_MAIN(TestPresenceMessages)
#include "tst_presencemessages.moc"
