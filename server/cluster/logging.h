// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace NebengJek::Server {
Q_DECLARE_LOGGING_CATEGORY(lcCluster)
}
