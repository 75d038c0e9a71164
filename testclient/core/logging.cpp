// SPDX-License-Identifier: MIT
#include "logging.h"

Q_LOGGING_CATEGORY(lcTestClient, "nebengjek.testclient", QtInfoMsg)
