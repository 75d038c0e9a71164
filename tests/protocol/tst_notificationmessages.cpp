// SPDX-License-Identifier: MIT
// Notification center messages (messages/notificationmessages.h): the request/result pairs that
// share a type name, paging, mark-read, and every validation rule.
#include "protocoltestsupport.h"

#include <QJsonArray>

using namespace NebengJek::Protocol;
using namespace NebengJek::Protocol::TestSupport;

namespace {
constexpr Direction kClient = Direction::FromClient;
constexpr Direction kServer = Direction::FromServer;

Notification sampleNotification(qint64 id, bool read)
{
    Notification n;
    n.id = id;
    n.kind = QStringLiteral("payment_requested");
    n.title = QStringLiteral("Pembayaran");
    n.body = QStringLiteral("Rp25.500 untuk perjalanan ke Monas");
    n.data = QJsonObject {{QStringLiteral("ride_id"), QStringLiteral("r-1")}};
    n.createdAt = 1700000000000 + id;
    n.read = read;
    return n;
}

void compareNotification(const Notification &a, const Notification &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.kind, b.kind);
    QCOMPARE(a.title, b.title);
    QCOMPARE(a.body, b.body);
    QCOMPARE(a.data, b.data);
    QCOMPARE(a.createdAt, b.createdAt);
    QCOMPARE(a.read, b.read);
}

QByteArray notificationJson(const char *overrides)
{
    QJsonObject n = jsonObject(
            R"({"id":7,"kind":"match_found","title":"t","body":"b","data":{},"created_at":1,"read":false})");
    const QJsonObject o = jsonObject(overrides);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it->isUndefined() || (it->isString() && it->toString() == QLatin1String("<remove>")))
            n.remove(it.key());
        else
            n.insert(it.key(), it.value());
    }
    return compact(n);
}

QByteArray idsJson(int count)
{
    QJsonArray a;
    for (int i = 1; i <= count; ++i)
        a.append(i);
    return compact(QJsonObject {{QStringLiteral("ids"), a}});
}

QByteArray itemsJson(int count)
{
    QJsonArray a;
    for (int i = 1; i <= count; ++i)
        a.append(sampleNotification(i, false).toJson());
    return compact(
            QJsonObject {{QStringLiteral("items"), a}, {QStringLiteral("unread_count"), count}});
}
} // namespace

class TestNotificationMessages : public QObject
{
    Q_OBJECT

private slots:
    void notificationNew();
    void listRequest();
    void listResult();
    void unreadCountRequest();
    void unreadCount();
    void markRead();
    void markAllRead();
    void typeNameSharedByRequestAndResult();
    void validation_data();
    void validation();
};

void TestNotificationMessages::notificationNew()
{
    NotificationNew m;
    m.notification = sampleNotification(42, false);
    m.unreadCount = 5;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    compareNotification(rt.value->notification, m.notification);
    QCOMPARE(rt.value->unreadCount, 5);
}

void TestNotificationMessages::listRequest()
{
    NotificationListRequest m;
    m.beforeId = 120;
    m.limit = 50;
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->beforeId, m.beforeId);
    QCOMPARE(rt.value->limit, m.limit);

    const auto first = roundTrip(NotificationListRequest {}, kClient);
    QVERIFY2(first.value, qPrintable(first.failure));
    QCOMPARE(first.value->beforeId, qint64(0));
    QCOMPARE(first.value->limit, 20);
}

void TestNotificationMessages::listResult()
{
    NotificationListResult m;
    m.items = {sampleNotification(9, false), sampleNotification(8, true)};
    m.unreadCount = 1;
    m.nextBeforeId = 8;
    const auto rt = roundTrip(m, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->items.size(), 2);
    compareNotification(rt.value->items.at(0), m.items.at(0));
    compareNotification(rt.value->items.at(1), m.items.at(1));
    QCOMPARE(rt.value->unreadCount, 1);
    QCOMPARE(rt.value->nextBeforeId, qint64(8));

    const auto last = roundTrip(NotificationListResult {}, kServer);
    QVERIFY2(last.value, qPrintable(last.failure));
    QVERIFY(last.value->items.isEmpty());
    QCOMPARE(last.value->nextBeforeId, qint64(0));
}

void TestNotificationMessages::unreadCountRequest()
{
    const auto rt = roundTrip(NotificationUnreadCountRequest {}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(jsonObject(rt.wire).value(QStringLiteral("payload")).toObject(), QJsonObject());
}

void TestNotificationMessages::unreadCount()
{
    const auto rt = roundTrip(NotificationUnreadCount {17}, kServer);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->count, 17);
}

void TestNotificationMessages::markRead()
{
    NotificationMarkRead m;
    m.ids = {1, 2, kMaxSequence};
    const auto rt = roundTrip(m, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
    QCOMPARE(rt.value->ids, m.ids);
}

void TestNotificationMessages::markAllRead()
{
    const auto rt = roundTrip(NotificationMarkAllRead {}, kClient);
    QVERIFY2(rt.value, qPrintable(rt.failure));
}

void TestNotificationMessages::typeNameSharedByRequestAndResult()
{
    QCOMPARE(NotificationListRequest::kType, NotificationListResult::kType);
    QCOMPARE(NotificationUnreadCountRequest::kType, NotificationUnreadCount::kType);
    QCOMPARE(messageDirection(MessageType::NotificationList), Direction::Both);
    QCOMPARE(messageDirection(MessageType::NotificationUnreadCount), Direction::Both);
    // The TypeScript name of the unread-count request.
    const Received r = receive(R"({"event":"notification:get_unread_count","data":{}})", kClient);
    QVERIFY2(r.ok, qPrintable(describe(r.error)));
    QCOMPARE(r.envelope->type, MessageType::NotificationUnreadCount);
}

void TestNotificationMessages::validation_data()
{
    addValidationColumns();
    const char *nn = "notification.new";
    auto newWith = [](const char *overrides) {
        return QByteArray(R"({"notification":)" + notificationJson(overrides)
                          + R"(,"unread_count":1})");
    };
    accepts("new", nn, kServer, newWith("{}"));
    accepts("new: no data", nn, kServer, newWith(R"({"data":"<remove>"})"));
    accepts("new: null data", nn, kServer, newWith(R"({"data":null})"));
    accepts("new: empty body", nn, kServer, newWith(R"({"body":""})"));
    rejects("new: notification missing", nn, kServer, R"({"unread_count":1})", "notification");
    rejects("new: notification array", nn, kServer, R"({"notification":[],"unread_count":1})",
            "notification");
    rejects("new: id 0", nn, kServer, newWith(R"({"id":0})"), "notification.id");
    rejects("new: id fraction", nn, kServer, newWith(R"({"id":1.5})"), "notification.id");
    rejects("new: kind with space", nn, kServer, newWith(R"({"kind":"a b"})"), "notification.kind");
    rejects("new: title empty", nn, kServer, newWith(R"({"title":""})"), "notification.title");
    rejects("new: title 201", nn, kServer,
            newWith(QByteArray(R"({"title":")" + QByteArray(201, 't') + R"("})").constData()),
            "notification.title");
    rejects("new: body 2001", nn, kServer,
            newWith(QByteArray(R"({"body":")" + QByteArray(2001, 'b') + R"("})").constData()),
            "notification.body");
    rejects("new: data array", nn, kServer, newWith(R"({"data":[]})"), "notification.data");
    rejects("new: read missing", nn, kServer, newWith(R"({"read":"<remove>"})"),
            "notification.read");
    rejects("new: unread_count missing", nn, kServer,
            QByteArray(R"({"notification":)" + notificationJson("{}") + '}'), "unread_count");
    rejects("new: negative unread", nn, kServer,
            QByteArray(R"({"notification":)" + notificationJson("{}") + R"(,"unread_count":-1})"),
            "unread_count");

    const char *nl = "notification.list";
    accepts("list: defaults", nl, kClient, "{}");
    accepts("list: page", nl, kClient, R"({"before_id":5,"limit":100})");
    accepts("list: camelCase", nl, kClient, R"({"beforeId":5,"limit":1})");
    rejects("list: limit 0", nl, kClient, R"({"limit":0})", "limit");
    rejects("list: limit 101", nl, kClient, R"({"limit":101})", "limit");
    rejects("list: limit string", nl, kClient, R"({"limit":"20"})", "limit");
    rejects("list: before_id 0", nl, kClient, R"({"before_id":0})", "before_id");
    rejects("list: before_id negative", nl, kClient, R"({"before_id":-3})", "before_id");
    accepts("list result: empty", nl, kServer, R"({"items":[],"unread_count":0})");
    accepts("list result: 100 items", nl, kServer, itemsJson(100));
    rejects("list result: 101 items", nl, kServer, itemsJson(101), "items");
    rejects("list result: item not an object", nl, kServer, R"({"items":[1],"unread_count":0})",
            "items");
    rejects("list result: bad item", nl, kServer,
            QByteArray(R"({"items":[)" + notificationJson(R"({"title":5})")
                       + R"(],"unread_count":0})"),
            "items");
    rejects("list result: items missing", nl, kServer, R"({"unread_count":0})", "items");
    rejects("list result: next_before_id 0", nl, kServer,
            R"({"items":[],"unread_count":0,"next_before_id":0})", "next_before_id");

    const char *uc = "notification.unread_count";
    accepts("unread request: empty", uc, kClient, "{}");
    accepts("unread request: extra fields ignored", uc, kClient, R"({"x":1})");
    accepts("unread result", uc, kServer, R"({"count":0})");
    rejects("unread result: missing", uc, kServer, "{}", "count");
    rejects("unread result: negative", uc, kServer, R"({"count":-1})", "count");

    const char *mr = "notification.mark_read";
    accepts("mark: one", mr, kClient, R"({"ids":[1]})");
    accepts("mark: 100", mr, kClient, idsJson(100));
    accepts("mark: max id", mr, kClient, R"({"ids":[9007199254740991]})");
    rejects("mark: 101", mr, kClient, idsJson(101), "ids");
    rejects("mark: empty", mr, kClient, R"({"ids":[]})", "ids");
    rejects("mark: missing", mr, kClient, "{}", "ids");
    rejects("mark: zero", mr, kClient, R"({"ids":[0]})", "ids");
    rejects("mark: negative", mr, kClient, R"({"ids":[-1]})", "ids");
    rejects("mark: fraction", mr, kClient, R"({"ids":[1.5]})", "ids");
    rejects("mark: string id", mr, kClient, R"({"ids":["1"]})", "ids");
    rejects("mark: too large", mr, kClient, R"({"ids":[9007199254740992]})", "ids");
    rejects("mark: single id instead of list", mr, kClient, R"({"ids":1})", "ids");

    accepts("mark all", "notification.mark_all_read", kClient, "{}");
}

void TestNotificationMessages::validation()
{
    checkValidationRow();
}

QTEST_GUILESS_MAIN(TestNotificationMessages)
#include "tst_notificationmessages.moc"
