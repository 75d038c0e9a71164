// SPDX-License-Identifier: MIT
#include "messagetype.h"

#include <QHash>

namespace NebengJek::Protocol {

namespace {

// A duplicate id in the table is a compile error here.
[[maybe_unused]] constexpr bool idsAreUnique(MessageType t)
{
    switch (t) {
#define NEBENGJEK_CASE_ENTRY(name, id, wire, dir) case MessageType::name:
        NEBENGJEK_MESSAGE_TYPES(NEBENGJEK_CASE_ENTRY)
#undef NEBENGJEK_CASE_ENTRY
        return true;
    }
    return false;
}

struct TypeInfo
{
    MessageType type;
    const char *wire;
    Direction direction;
};

constexpr TypeInfo kTypes[] = {
#define NEBENGJEK_INFO_ENTRY(name, id, wire, dir) {MessageType::name, wire, Direction::dir},
        NEBENGJEK_MESSAGE_TYPES(NEBENGJEK_INFO_ENTRY)
#undef NEBENGJEK_INFO_ENTRY
};

const TypeInfo *infoFor(MessageType type)
{
    for (const auto &info : kTypes) {
        if (info.type == type)
            return &info;
    }
    return nullptr;
}

struct NameTables
{
    QHash<QString, MessageType> canonical;
    // Legacy spellings a client may still send (see docs/protocol.md, "Legacy input").
    QHash<QString, MessageType> clientAliases;
};

const NameTables &nameTables()
{
    static const NameTables tables = [] {
        NameTables t;
        for (const auto &info : kTypes)
            t.canonical.insert(QString::fromLatin1(info.wire), info.type);
        t.clientAliases = {
                {QStringLiteral("ride_pickup"), MessageType::RideStart},
                {QStringLiteral("block.add"), MessageType::UserBlock},
                {QStringLiteral("block.remove"), MessageType::UserUnblock},
                {QStringLiteral("notification.get_unread_count"),
                 MessageType::NotificationUnreadCount},
                {QStringLiteral("message.typing"), MessageType::Typing},
        };
        return t;
    }();
    return tables;
}

} // namespace

QString messageTypeName(MessageType type)
{
    const TypeInfo *info = infoFor(type);
    return info ? QString::fromLatin1(info->wire) : QString();
}

Direction messageDirection(MessageType type)
{
    const TypeInfo *info = infoFor(type);
    return info ? info->direction : Direction::FromServer;
}

bool clientMaySend(MessageType type)
{
    const Direction d = messageDirection(type);
    return d == Direction::FromClient || d == Direction::Both;
}

std::optional<MessageType> messageTypeFromName(QStringView name, Direction sender)
{
    const NameTables &tables = nameTables();
    QString key = name.toString();
    // The TypeScript seeds spell events with a colon ("message:new").
    key.replace(QLatin1Char(':'), QLatin1Char('.'));
    // Client aliases first: "ride_pickup" is also the canonical name of the server event, and
    // from a client it means ride_start.
    if (sender == Direction::FromClient) {
        if (auto it = tables.clientAliases.constFind(key); it != tables.clientAliases.cend())
            return it.value();
    }
    if (auto it = tables.canonical.constFind(key); it != tables.canonical.cend())
        return it.value();
    if (sender != Direction::FromClient) {
        // Server-side spellings from the chat seed.
        if (key == QLatin1String("message.read_ack"))
            return MessageType::ReadAck;
        if (key == QLatin1String("message.read_update"))
            return MessageType::ReadUpdate;
    }
    return std::nullopt;
}

const QList<MessageType> &allMessageTypes()
{
    static const QList<MessageType> all = [] {
        QList<MessageType> list;
        for (const auto &info : kTypes)
            list.append(info.type);
        return list;
    }();
    return all;
}

} // namespace NebengJek::Protocol
