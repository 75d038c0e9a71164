// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Server {

Q_LOGGING_CATEGORY(lcHub, "nebengjek.hub", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRide, "nebengjek.hub.ride", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChat, "nebengjek.hub.chat", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPresence, "nebengjek.hub.presence", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNotify, "nebengjek.hub.notify", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDelivery, "nebengjek.hub.delivery", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRoom, "nebengjek.hub.room", QtInfoMsg)

} // namespace NebengJek::Server
