// SPDX-License-Identifier: MIT
#include "notificationmessages.h"

#include <QJsonArray>

namespace NebengJek::Protocol {

QJsonObject Notification::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), double(id)},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("body"), body},
                  {QStringLiteral("data"), data},
                  {QStringLiteral("created_at"), double(createdAt)},
                  {QStringLiteral("read"), read}};
    text.writeTo(o);
    return o;
}

Notification Notification::read_(FieldReader &r)
{
    Notification n;
    n.id = r.integer("id", 1, kMaxSequence);
    n.kind = r.identifier("kind", 64);
    n.title = r.text("title", 200);
    n.body = r.text("body", 2000, true);
    n.data = r.object("data", false);
    n.createdAt = r.integer("created_at", 0, kMaxTimestampMs);
    n.read = r.boolean("read");
    n.text = LocalizedText::read(r);
    return n;
}

QJsonObject NotificationNew::toJson() const
{
    return {{QStringLiteral("notification"), notification.toJson()},
            {QStringLiteral("unread_count"), unreadCount}};
}

NotificationNew NotificationNew::read(FieldReader &r)
{
    NotificationNew m;
    FieldReader inner(r.object("notification"));
    m.notification = Notification::read_(inner);
    if (r.ok() && !inner.ok())
        r.fail(QStringLiteral("notification.") + inner.error().field, inner.error().message);
    m.unreadCount = int(r.integer("unread_count", 0, 1000000000));
    return m;
}

QJsonObject NotificationListRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("limit"), limit}};
    if (beforeId > 0)
        o.insert(QStringLiteral("before_id"), double(beforeId));
    return o;
}

NotificationListRequest NotificationListRequest::read(FieldReader &r)
{
    NotificationListRequest m;
    m.beforeId = r.optionalInteger("before_id", 1, kMaxSequence).value_or(0);
    m.limit = int(r.optionalInteger("limit", 1, kMaxLimit).value_or(20));
    return m;
}

QJsonObject NotificationListResult::toJson() const
{
    QJsonArray array;
    for (const Notification &n : items)
        array.append(n.toJson());
    QJsonObject o{{QStringLiteral("items"), array}, {QStringLiteral("unread_count"), unreadCount}};
    if (nextBeforeId > 0)
        o.insert(QStringLiteral("next_before_id"), double(nextBeforeId));
    return o;
}

NotificationListResult NotificationListResult::read(FieldReader &r)
{
    NotificationListResult m;
    const QJsonArray array = r.array("items", NotificationListRequest::kMaxLimit);
    for (const QJsonValue &v : array) {
        FieldReader item(v.toObject());
        m.items.append(Notification::read_(item));
        if (!item.ok()) {
            r.fail(QStringLiteral("items"), QStringLiteral("items[]: ") + item.error().message);
            return m;
        }
    }
    m.unreadCount = int(r.integer("unread_count", 0, 1000000000));
    m.nextBeforeId = r.optionalInteger("next_before_id", 1, kMaxSequence).value_or(0);
    return m;
}

QJsonObject NotificationUnreadCount::toJson() const
{
    return {{QStringLiteral("count"), count}};
}

NotificationUnreadCount NotificationUnreadCount::read(FieldReader &r)
{
    return {int(r.integer("count", 0, 1000000000))};
}

QJsonObject NotificationMarkRead::toJson() const
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(double(id));
    return {{QStringLiteral("ids"), array}};
}

NotificationMarkRead NotificationMarkRead::read(FieldReader &r)
{
    NotificationMarkRead m;
    const QJsonArray array = r.array("ids", kMaxIds);
    if (r.ok() && array.isEmpty())
        r.fail(QStringLiteral("ids"), QStringLiteral("ids must name at least one notification"));
    for (const QJsonValue &v : array) {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d > double(kMaxSequence) || qint64(d) != d) {
            r.fail(QStringLiteral("ids"), QStringLiteral("ids must be positive integers"));
            return m;
        }
        m.ids.append(qint64(d));
    }
    return m;
}

} // namespace NebengJek::Protocol
