// SPDX-License-Identifier: MIT
#pragma once

#include "../fieldreader.h"
#include "../localizedtext.h"
#include "../messagetype.h"

namespace NebengJek::Protocol {

// One stored notification of a user's notification center.
struct Notification
{
    qint64 id = 0;
    QString kind; // match_found, ride_started, payment_requested, ride_completed, chat_message, ...
    QString title;
    QString body;
    QJsonObject data; // ids the app needs to open the right screen (ride_id, match_id)
    LocalizedText text; // title/body as a key + arguments (optional; title/body are the fallback)
    qint64 createdAt = 0;
    bool read = false;
    QJsonObject toJson() const;
    static Notification read_(FieldReader &r);
};

struct NotificationNew
{
    static constexpr MessageType kType = MessageType::NotificationNew;
    Notification notification;
    int unreadCount = 0;
    QJsonObject toJson() const;
    static NotificationNew read(FieldReader &r);
};

// Client -> server: a page of notifications, newest first, older than before_id.
struct NotificationListRequest
{
    static constexpr MessageType kType = MessageType::NotificationList;
    static constexpr int kMaxLimit = 100;
    qint64 beforeId = 0; // 0: from the newest
    int limit = 20;
    QJsonObject toJson() const;
    static NotificationListRequest read(FieldReader &r);
};

// Server -> client: the page.
struct NotificationListResult
{
    static constexpr MessageType kType = MessageType::NotificationList;
    QList<Notification> items;
    int unreadCount = 0;
    qint64 nextBeforeId = 0; // 0: no older page
    QJsonObject toJson() const;
    static NotificationListResult read(FieldReader &r);
};

struct NotificationUnreadCountRequest
{
    static constexpr MessageType kType = MessageType::NotificationUnreadCount;
    QJsonObject toJson() const { return {}; }
    static NotificationUnreadCountRequest read(FieldReader &) { return {}; }
};

struct NotificationUnreadCount
{
    static constexpr MessageType kType = MessageType::NotificationUnreadCount;
    int count = 0;
    QJsonObject toJson() const;
    static NotificationUnreadCount read(FieldReader &r);
};

struct NotificationMarkRead
{
    static constexpr MessageType kType = MessageType::NotificationMarkRead;
    static constexpr int kMaxIds = 100;
    QList<qint64> ids;
    QJsonObject toJson() const;
    static NotificationMarkRead read(FieldReader &r);
};

// Marks read every notification that existed when the server received the request; ones
// that arrive afterwards stay unread.
struct NotificationMarkAllRead
{
    static constexpr MessageType kType = MessageType::NotificationMarkAllRead;
    QJsonObject toJson() const { return {}; }
    static NotificationMarkAllRead read(FieldReader &) { return {}; }
};

} // namespace NebengJek::Protocol
