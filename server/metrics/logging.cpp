// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Server {
Q_LOGGING_CATEGORY(lcMetrics, "nebengjek.metrics", QtInfoMsg)
} // namespace NebengJek::Server
