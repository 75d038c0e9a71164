// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace NebengJek::Server {
// nebengjek.metrics: health transitions.
Q_DECLARE_LOGGING_CATEGORY(lcMetrics)
} // namespace NebengJek::Server
