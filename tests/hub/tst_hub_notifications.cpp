// SPDX-License-Identifier: MIT
// The notification center: created by ride events, live notification.new, list paging,
// unread count, mark read, mark all read.
#include "hubtestsupport.h"

using namespace NebengJek;
using namespace NebengJek::Tests;
using Protocol::MessageType;
using Protocol::Role;

class TestHubNotifications : public QObject
{
    Q_OBJECT

private slots:
    void rideCreatesNotifications();
    void listPaging();
    void markReadAndAll();
    void markAllReadLeavesLaterOnesUnread();
    void errors();

private:
    // Gives the passenger `rides` completed rides' worth of notifications (4 each:
    // match_found, ride_started, payment_requested, ride_completed).
    static void completeRides(HubHarness &h, const Client &driver, const Client &passenger,
                              int rides)
    {
        for (int i = 0; i < rides; ++i) {
            const AcceptedRide r = acceptRide(h, driver, passenger);
            h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), r.rideId}});
            const Envelope arrived = h.request(driver, MessageType::RideArrived,
                                               {{QStringLiteral("ride_id"), r.rideId}});
            h.request(passenger, MessageType::PaymentProcess,
                      {{QStringLiteral("ride_id"), r.rideId},
                       {QStringLiteral("amount"), arrived.payload.value(QStringLiteral("fare"))}});
        }
    }
    static QJsonArray items(const Envelope &e)
    {
        return e.payload.value(QStringLiteral("items")).toArray();
    }
};

void TestHubNotifications::rideCreatesNotifications()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    h.drop(passenger);
    completeRides(h, driver, passenger, 1);
    // Live, one per event, with a growing unread count. (acceptRide dropped the first.)
    const QList<Envelope> live = h.take(passenger, MessageType::NotificationNew);
    QCOMPARE(live.size(), 3);
    QCOMPARE(live.at(0).payload.value(QStringLiteral("unread_count")).toInt(), 2);
    QCOMPARE(live.at(2).payload.value(QStringLiteral("unread_count")).toInt(), 4);
    QCOMPARE(live.at(0).seq, qint64(0)); // live only; the stored list is the truth

    const Envelope list = h.request(passenger, MessageType::NotificationList, {});
    EXPECT_TYPE(list, MessageType::NotificationList);
    QCOMPARE(list.payload.value(QStringLiteral("unread_count")).toInt(), 4);
    QStringList kinds;
    for (const QJsonValue &v : items(list))
        kinds.append(v.toObject().value(QStringLiteral("kind")).toString());
    QCOMPARE(kinds,
             (QStringList {QStringLiteral("ride_completed"), QStringLiteral("payment_requested"),
                           QStringLiteral("ride_started"), QStringLiteral("match_found")}));
    const QJsonObject newest = items(list).at(0).toObject();
    QVERIFY(!newest.value(QStringLiteral("title")).toString().isEmpty());
    QVERIFY(!newest.value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("ride_id"))
                     .toString()
                     .isEmpty());
    QCOMPARE(newest.value(QStringLiteral("read")).toBool(), false);
    // Every item decodes with the protocol struct.
    QVERIFY(Protocol::decode<Protocol::NotificationListResult>(list.payload).ok());
    // The driver was told about the completion, and (a cash ride) to collect the cash.
    const Envelope driverList = h.request(driver, MessageType::NotificationList, {});
    QCOMPARE(items(driverList).size(), 2);
    QCOMPARE(items(driverList).at(0).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("collect_cash"));
}

void TestHubNotifications::listPaging()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    completeRides(h, driver, passenger, 3); // 12 notifications
    QList<qint64> seen;
    qint64 before = 0;
    int pages = 0;
    for (;;) {
        QJsonObject request {{QStringLiteral("limit"), 5}};
        if (before > 0)
            request.insert(QStringLiteral("before_id"), double(before));
        const Envelope page = h.request(passenger, MessageType::NotificationList, request);
        ++pages;
        for (const QJsonValue &v : items(page))
            seen.append(qint64(v.toObject().value(QStringLiteral("id")).toDouble()));
        before = qint64(page.payload.value(QStringLiteral("next_before_id")).toDouble());
        if (before == 0)
            break;
        QCOMPARE(before, seen.constLast());
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 12);
    for (int i = 1; i < seen.size(); ++i)
        QVERIFY(seen.at(i) < seen.at(i - 1)); // newest first, no repeats
    // Exactly one page's worth: no next page is announced.
    const Envelope exact =
            h.request(passenger, MessageType::NotificationList, {{QStringLiteral("limit"), 12}});
    QCOMPARE(items(exact).size(), 12);
    QVERIFY(!exact.payload.contains(QStringLiteral("next_before_id")));
}

void TestHubNotifications::markReadAndAll()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    completeRides(h, driver, passenger, 1);
    Envelope count = h.request(passenger, MessageType::NotificationUnreadCount, {});
    EXPECT_TYPE(count, MessageType::NotificationUnreadCount);
    QCOMPARE(count.payload.value(QStringLiteral("count")).toInt(), 4);
    // The legacy request name works too.
    const auto legacy = Protocol::messageTypeFromName(u"notification.get_unread_count",
                                                      Protocol::Direction::FromClient);
    QCOMPARE(h.request(passenger, *legacy, {}).payload.value(QStringLiteral("count")).toInt(), 4);

    const Envelope list = h.request(passenger, MessageType::NotificationList, {});
    const qint64 newest =
            qint64(items(list).at(0).toObject().value(QStringLiteral("id")).toDouble());
    const qint64 second =
            qint64(items(list).at(1).toObject().value(QStringLiteral("id")).toDouble());
    Envelope ack = h.request(
            passenger, MessageType::NotificationMarkRead,
            {{QStringLiteral("ids"), QJsonArray {double(newest), double(second), double(newest)}}});
    EXPECT_TYPE(ack, MessageType::Ack);
    QCOMPARE(ack.payload.value(QStringLiteral("marked")).toInt(), 2);
    QCOMPARE(ack.payload.value(QStringLiteral("unread_count")).toInt(), 2);
    const Envelope after = h.request(passenger, MessageType::NotificationList, {});
    QCOMPARE(items(after).at(0).toObject().value(QStringLiteral("read")).toBool(), true);
    QCOMPARE(items(after).at(2).toObject().value(QStringLiteral("read")).toBool(), false);

    ack = h.request(passenger, MessageType::NotificationMarkAllRead, {});
    EXPECT_TYPE(ack, MessageType::Ack);
    QCOMPARE(ack.payload.value(QStringLiteral("marked")).toInt(), 2);
    QCOMPARE(ack.payload.value(QStringLiteral("unread_count")).toInt(), 0);
    QCOMPARE(h.request(passenger, MessageType::NotificationUnreadCount, {})
                     .payload.value(QStringLiteral("count"))
                     .toInt(),
             0);
    // The driver's notifications (ride completed, collect cash) are untouched.
    QCOMPARE(h.request(driver, MessageType::NotificationUnreadCount, {})
                     .payload.value(QStringLiteral("count"))
                     .toInt(),
             2);
}

void TestHubNotifications::markAllReadLeavesLaterOnesUnread()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    const AcceptedRide ride = acceptRide(h, driver, passenger); // match_found
    const Envelope ack = h.request(passenger, MessageType::NotificationMarkAllRead, {});
    QCOMPARE(ack.payload.value(QStringLiteral("marked")).toInt(), 1);
    const qint64 upTo = qint64(ack.payload.value(QStringLiteral("up_to_id")).toDouble());
    QVERIFY(upTo > 0);
    // A notification arriving after the request stays unread.
    h.request(driver, MessageType::RideStart, {{QStringLiteral("ride_id"), ride.rideId}});
    const Envelope live = h.takeOne(passenger, MessageType::NotificationNew);
    QCOMPARE(live.payload.value(QStringLiteral("unread_count")).toInt(), 1);
    QVERIFY(qint64(live.payload.value(QStringLiteral("notification"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toDouble())
            > upTo);
    QCOMPARE(h.request(passenger, MessageType::NotificationUnreadCount, {})
                     .payload.value(QStringLiteral("count"))
                     .toInt(),
             1);
    // A retry of the same mark_all_read (same id) is answered from the store and does not
    // swallow the newer notification.
    const Envelope marked = h.request(passenger, MessageType::NotificationMarkAllRead, {},
                                      QStringLiteral("mark-all-1"));
    EXPECT_TYPE(marked, MessageType::Ack);
    QCOMPARE(marked.payload.value(QStringLiteral("marked")).toInt(), 1);
    QCOMPARE(marked.payload.value(QStringLiteral("unread_count")).toInt(), 0);
    EXPECT_TYPE(
            h.request(driver, MessageType::RideArrived, {{QStringLiteral("ride_id"), ride.rideId}}),
            MessageType::Ack); // payment_requested: one more for the passenger
    QCOMPARE(h.takeOne(passenger, MessageType::NotificationNew)
                     .payload.value(QStringLiteral("unread_count"))
                     .toInt(),
             1);
    const Envelope retry = h.request(passenger, MessageType::NotificationMarkAllRead, {},
                                     QStringLiteral("mark-all-1"));
    QCOMPARE(retry.toJson(), marked.toJson()); // the stored answer, not a new mark-all
    QCOMPARE(h.request(passenger, MessageType::NotificationUnreadCount, {})
                     .payload.value(QStringLiteral("count"))
                     .toInt(),
             1);
}

void TestHubNotifications::errors()
{
    HubHarness h;
    const Client driver = h.connect(QStringLiteral("d1"), Role::Driver);
    const Client passenger = h.connect(QStringLiteral("p1"), Role::Passenger);
    acceptRide(h, driver, passenger);
    const qint64 mine = qint64(items(h.request(passenger, MessageType::NotificationList, {}))
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("id"))
                                       .toDouble());
    // Someone else's notification, or one that does not exist: NOT_FOUND, nothing marked.
    EXPECT_ERROR(h.request(driver, MessageType::NotificationMarkRead,
                           {{QStringLiteral("ids"), QJsonArray {double(mine)}}}),
                 "NOT_FOUND");
    EXPECT_ERROR(h.request(passenger, MessageType::NotificationMarkRead,
                           {{QStringLiteral("ids"), QJsonArray {double(mine), 999999.0}}}),
                 "NOT_FOUND");
    QCOMPARE(h.request(passenger, MessageType::NotificationUnreadCount, {})
                     .payload.value(QStringLiteral("count"))
                     .toInt(),
             1);
    EXPECT_ERROR(h.request(passenger, MessageType::NotificationMarkRead,
                           {{QStringLiteral("ids"), QJsonArray {}}}),
                 "VALIDATION_FAILED");
    EXPECT_ERROR(h.request(passenger, MessageType::NotificationMarkRead,
                           {{QStringLiteral("ids"), QJsonArray {-1}}}),
                 "VALIDATION_FAILED");
    EXPECT_ERROR(h.request(passenger, MessageType::NotificationMarkRead, {}), "VALIDATION_FAILED");
    EXPECT_ERROR(
            h.request(passenger, MessageType::NotificationList, {{QStringLiteral("limit"), 0}}),
            "VALIDATION_FAILED");
    EXPECT_ERROR(
            h.request(passenger, MessageType::NotificationList, {{QStringLiteral("limit"), 101}}),
            "VALIDATION_FAILED");
    EXPECT_ERROR(h.request(passenger, MessageType::NotificationList,
                           {{QStringLiteral("before_id"), QStringLiteral("x")}}),
                 "VALIDATION_FAILED");
}

QTEST_GUILESS_MAIN(TestHubNotifications)
#include "tst_hub_notifications.moc"
