// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace NebengJek::Protocol {

enum class Direction { FromClient, FromServer, Both };

// Every message type of the protocol, in one table. Append only: the numeric ids are used in
// metrics labels and logs, and the table order is the order of docs/protocol.md.
// X(Enum, id, "wire name", direction)
#define NEBENGJEK_MESSAGE_TYPES(X)                                                                 \
    X(Auth, 1, "auth", FromClient)                                                                 \
    X(AuthSuccess, 2, "auth_success", FromServer)                                                  \
    X(AuthFailed, 3, "auth_failed", FromServer)                                                    \
    X(TokenRefresh, 4, "token.refresh", FromClient)                                                \
    X(Ping, 5, "ping", FromClient)                                                                 \
    X(Pong, 6, "pong", FromServer)                                                                 \
    X(Ack, 7, "ack", FromServer)                                                                   \
    X(Error, 8, "error", FromServer)                                                               \
    X(BeaconUpdate, 10, "beacon_update", FromClient)                                               \
    X(FinderUpdate, 11, "finder_update", FromClient)                                               \
    X(MatchProposal, 12, "match_proposal", FromServer)                                             \
    X(MatchConfirm, 13, "match_confirm", FromClient)                                               \
    X(MatchStatus, 14, "match_status", FromServer)                                                 \
    X(LocationUpdate, 15, "location_update", Both)                                                 \
    X(RideStart, 16, "ride_start", FromClient)                                                     \
    X(RidePickup, 17, "ride_pickup", FromServer)                                                   \
    X(RideArrived, 18, "ride_arrived", FromClient)                                                 \
    X(PaymentRequest, 19, "payment_request", FromServer)                                           \
    X(PaymentProcess, 20, "payment_process", FromClient)                                           \
    X(RideCompleted, 21, "ride_completed", FromServer)                                             \
    X(RideEstimate, 22, "ride.estimate", Both)                                                     \
    X(RideCancel, 23, "ride.cancel", FromClient)                                                   \
    X(RideRate, 24, "ride.rate", FromClient)                                                       \
    X(RideHistory, 25, "ride.history", Both)                                                       \
    X(LocationBatch, 26, "location_batch", FromClient)                                             \
    X(RideAtPickup, 27, "ride.at_pickup", FromClient)                                              \
    X(RideDriverAtPickup, 28, "ride.driver_at_pickup", FromServer)                                 \
    X(MessageSend, 30, "message.send", FromClient)                                                 \
    X(MessageSent, 31, "message.sent", FromServer)                                                 \
    X(MessageNew, 32, "message.new", FromServer)                                                   \
    X(MessageRead, 33, "message.read", FromClient)                                                 \
    X(ReadAck, 34, "read_ack", FromServer)                                                         \
    X(ReadUpdate, 35, "read_update", FromServer)                                                   \
    X(Typing, 36, "typing", Both)                                                                  \
    X(UserBlock, 37, "user.block", FromClient)                                                     \
    X(UserUnblock, 38, "user.unblock", FromClient)                                                 \
    X(UserOnline, 40, "user.online", FromServer)                                                   \
    X(UserOffline, 41, "user.offline", FromServer)                                                 \
    X(StatusBulk, 42, "status.bulk", FromServer)                                                   \
    X(NotificationNew, 50, "notification.new", FromServer)                                         \
    X(NotificationList, 51, "notification.list", Both)                                             \
    X(NotificationUnreadCount, 52, "notification.unread_count", Both)                              \
    X(NotificationMarkRead, 53, "notification.mark_read", FromClient)                              \
    X(NotificationMarkAllRead, 54, "notification.mark_all_read", FromClient)                       \
    X(RoomJoin, 60, "room.join", FromClient)                                                       \
    X(RoomLeave, 61, "room.leave", FromClient)                                                     \
    X(RoomPublish, 62, "room.publish", FromClient)                                                 \
    X(RoomEvent, 63, "room.event", FromServer)                                                     \
    X(Resume, 70, "resume", FromClient)                                                            \
    X(ResumeDone, 71, "resume.done", FromServer)                                                   \
    X(ResyncRequired, 72, "resync_required", FromServer)

enum class MessageType : quint8 {
#define NEBENGJEK_ENUM_ENTRY(name, id, wire, dir) name = id,
    NEBENGJEK_MESSAGE_TYPES(NEBENGJEK_ENUM_ENTRY)
#undef NEBENGJEK_ENUM_ENTRY
};

// Canonical wire name ("ride_start").
QString messageTypeName(MessageType type);
Direction messageDirection(MessageType type);
// True if a client may send this type.
bool clientMaySend(MessageType type);
// Resolves a wire name, accepting the legacy spellings listed in docs/protocol.md
// ("ride_pickup" from a client, "block.add", colon separators such as "message:send").
std::optional<MessageType> messageTypeFromName(QStringView name, Direction sender);
// Every type, in table order (for tests and docs).
const QList<MessageType> &allMessageTypes();

} // namespace NebengJek::Protocol
