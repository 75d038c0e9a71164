// SPDX-License-Identifier: MIT
#include "logging.h"

namespace NebengJek::Server {
Q_LOGGING_CATEGORY(lcCluster, "nebengjek.cluster", QtInfoMsg)
}
