// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Server {

Q_LOGGING_CATEGORY(lcHub, "nebengjek.hub")
Q_LOGGING_CATEGORY(lcRide, "nebengjek.hub.ride")
Q_LOGGING_CATEGORY(lcChat, "nebengjek.hub.chat")
Q_LOGGING_CATEGORY(lcPresence, "nebengjek.hub.presence")
Q_LOGGING_CATEGORY(lcNotify, "nebengjek.hub.notify")
Q_LOGGING_CATEGORY(lcDelivery, "nebengjek.hub.delivery")
Q_LOGGING_CATEGORY(lcRoom, "nebengjek.hub.room")

} // namespace NebengJek::Server
