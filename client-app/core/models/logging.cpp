// SPDX-License-Identifier: MIT
#include "logging.h"

Q_LOGGING_CATEGORY(lcClientSession, "nebengjek.client.session")
Q_LOGGING_CATEGORY(lcClientRide, "nebengjek.client.ride")
Q_LOGGING_CATEGORY(lcClientChat, "nebengjek.client.chat")
Q_LOGGING_CATEGORY(lcClientNotifications, "nebengjek.client.notifications")
