// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace NebengJek::Server {
// nebengjek.auth: token verification outcomes (never the token itself).
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
} // namespace NebengJek::Server
