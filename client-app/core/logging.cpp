// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Client {

Q_LOGGING_CATEGORY(lcConnection, "nebengjek.client.connection")
Q_LOGGING_CATEGORY(lcQuality, "nebengjek.client.quality")
Q_LOGGING_CATEGORY(lcOfflineQueue, "nebengjek.client.queue")
Q_LOGGING_CATEGORY(lcTokenStore, "nebengjek.client.tokenstore")

} // namespace NebengJek::Client
