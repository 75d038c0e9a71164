// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace NebengJek::Server {
// nebengjek.gateway: connections, rejections, closes, bad input (key=value; never tokens or
// message bodies).
Q_DECLARE_LOGGING_CATEGORY(lcGateway)
} // namespace NebengJek::Server
