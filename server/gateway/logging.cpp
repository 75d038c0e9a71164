// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Server {
Q_LOGGING_CATEGORY(lcGateway, "nebengjek.gateway", QtInfoMsg)
} // namespace NebengJek::Server
