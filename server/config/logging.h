// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace NebengJek::Server {
// nebengjek.config: where each setting came from, dev-mode warnings (never secrets).
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
} // namespace NebengJek::Server
