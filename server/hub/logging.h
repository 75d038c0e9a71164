// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace NebengJek::Server {

Q_DECLARE_LOGGING_CATEGORY(lcHub) // nebengjek.hub: routing, connections
Q_DECLARE_LOGGING_CATEGORY(lcRide) // nebengjek.hub.ride
Q_DECLARE_LOGGING_CATEGORY(lcChat) // nebengjek.hub.chat
Q_DECLARE_LOGGING_CATEGORY(lcPresence) // nebengjek.hub.presence
Q_DECLARE_LOGGING_CATEGORY(lcNotify) // nebengjek.hub.notify
Q_DECLARE_LOGGING_CATEGORY(lcDelivery) // nebengjek.hub.delivery
Q_DECLARE_LOGGING_CATEGORY(lcRoom) // nebengjek.hub.room

} // namespace NebengJek::Server
