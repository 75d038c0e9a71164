// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace NebengJek::EventLoop {
// nebengjek.eventloop: failures of the event dispatcher's system calls (never expected).
Q_DECLARE_LOGGING_CATEGORY(lcEventLoop)
} // namespace NebengJek::EventLoop
