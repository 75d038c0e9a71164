// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// The QA client's one logging category. Incoming and outgoing messages are printed to stdout by
// the commands themselves (that is the tool's output); the category carries diagnostics only.
Q_DECLARE_LOGGING_CATEGORY(lcTestClient)
