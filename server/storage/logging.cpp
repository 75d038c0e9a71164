// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Server {

Q_LOGGING_CATEGORY(lcStorage, "nebengjek.storage", QtInfoMsg)

} // namespace NebengJek::Server
