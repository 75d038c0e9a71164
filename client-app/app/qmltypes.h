// SPDX-License-Identifier: MIT
#pragma once

// The client core has no QML dependency; these wrappers register its types for QML.

#include "connection/connectionmanager.h"
#include "connection/connectionquality.h"
#include "models/appsession.h"
#include "models/chatmodel.h"
#include "models/notificationmodel.h"
#include "models/ridecontroller.h"
#include "models/rideestimator.h"
#include "models/triphistorymodel.h"
#include "storage/offlinequeue.h"
#include "storage/tokenstore.h"

#include <QtQml/qqml.h>

namespace NebengJek::App {

struct AppSessionForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::AppSession)
    QML_NAMED_ELEMENT(AppSession)
    QML_UNCREATABLE("Use App.session")
};

struct ConnectionManagerForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::ConnectionManager)
    QML_NAMED_ELEMENT(ConnectionManager)
    QML_UNCREATABLE("Owned by AppSession")
};

struct ConnectionQualityForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::ConnectionQuality)
    QML_NAMED_ELEMENT(ConnectionQuality)
    QML_UNCREATABLE("Owned by ConnectionManager")
};

struct OfflineQueueForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::OfflineQueue)
    QML_NAMED_ELEMENT(OfflineQueue)
    QML_UNCREATABLE("Owned by ConnectionManager")
};

struct TokenStoreForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::TokenStore)
    QML_NAMED_ELEMENT(TokenStore)
    QML_UNCREATABLE("Owned by AppSession")
};

struct RideControllerForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::RideController)
    QML_NAMED_ELEMENT(RideController)
    QML_UNCREATABLE("Owned by AppSession")
};

struct ChatModelForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::ChatModel)
    QML_NAMED_ELEMENT(ChatModel)
    QML_UNCREATABLE("Owned by AppSession")
};

struct NotificationModelForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::NotificationModel)
    QML_NAMED_ELEMENT(NotificationModel)
    QML_UNCREATABLE("Owned by AppSession")
};

struct RideEstimatorForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::RideEstimator)
    QML_NAMED_ELEMENT(RideEstimator)
    QML_UNCREATABLE("Owned by RideController")
};

struct TripHistoryModelForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::TripHistoryModel)
    QML_NAMED_ELEMENT(TripHistoryModel)
    QML_UNCREATABLE("Owned by AppSession")
};

} // namespace NebengJek::App
