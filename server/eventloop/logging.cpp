// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::EventLoop {
Q_LOGGING_CATEGORY(lcEventLoop, "nebengjek.eventloop", QtInfoMsg)
} // namespace NebengJek::EventLoop
