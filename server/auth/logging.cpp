// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Server {
Q_LOGGING_CATEGORY(lcAuth, "nebengjek.auth", QtInfoMsg)
} // namespace NebengJek::Server
