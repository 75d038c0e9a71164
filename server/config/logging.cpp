// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Server {
Q_LOGGING_CATEGORY(lcConfig, "nebengjek.config", QtInfoMsg)
} // namespace NebengJek::Server
