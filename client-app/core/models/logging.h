// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// The view models' categories: nebengjek.client.session, .ride, .chat, .notifications.
Q_DECLARE_LOGGING_CATEGORY(lcClientSession)
Q_DECLARE_LOGGING_CATEGORY(lcClientRide)
Q_DECLARE_LOGGING_CATEGORY(lcClientChat)
Q_DECLARE_LOGGING_CATEGORY(lcClientNotifications)
