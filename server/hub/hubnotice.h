// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace NebengJek::Server {

// The notices nodes broadcast about shared state over the cluster link (docs/hub.md,
// "Cluster"): {"k": kind, ...fields}. Only ever read by another node of the same cluster.
namespace HubNotice {

inline constexpr QLatin1String kRide {"ride"}; // id: a ride changed in the database
inline constexpr QLatin1String kBeacon {"beacon"}; // d, on, lat, lng: driver availability
inline constexpr QLatin1String kOnline {"online"}; // u: first connection of u on the sender
inline constexpr QLatin1String kOffline {"offline"}; // u: last connection of u left the sender
inline constexpr QLatin1String kGone {"gone"}; // u, at: u went offline (grace expired)
inline constexpr QLatin1String kBlocks {"blocks"}; // u: u's block list changed
inline constexpr QLatin1String kHello {"hello"}; // a node (re)joined: tell it your state

inline QByteArray make(QLatin1String kind, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("k"), kind);
    return QJsonDocument(fields).toJson(QJsonDocument::Compact);
}

} // namespace HubNotice

} // namespace NebengJek::Server
