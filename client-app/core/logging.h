// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace NebengJek::Client {

// The client infrastructure's categories (the view models have theirs in models/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcConnection) // nebengjek.client.connection
Q_DECLARE_LOGGING_CATEGORY(lcQuality) // nebengjek.client.quality
Q_DECLARE_LOGGING_CATEGORY(lcOfflineQueue) // nebengjek.client.queue
Q_DECLARE_LOGGING_CATEGORY(lcTokenStore) // nebengjek.client.tokenstore

} // namespace NebengJek::Client
