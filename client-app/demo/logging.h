// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// Demo mode: nebengjek.app.demo.
Q_DECLARE_LOGGING_CATEGORY(lcDemo)
