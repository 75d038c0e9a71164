// SPDX-License-Identifier: MIT
#pragma once

// The client core has no QML dependency; these foreign registrations make its types usable from
// QML as `import NebengJek.Client`.

#include <connection/connectionmanager.h>
#include <connection/connectionquality.h>
#include <storage/offlinequeue.h>
#include <storage/tokenstore.h>

#include <QtQml/qqml.h>

namespace NebengJek::ClientQml {

// ConnectionManager { id: connection } keeps its queue and last_seq in the app's data directory;
// setCredentials(url, token) and open() start it.
struct ConnectionManagerForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::ConnectionManager)
    QML_NAMED_ELEMENT(ConnectionManager)
};

struct ConnectionQualityForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::ConnectionQuality)
    QML_NAMED_ELEMENT(ConnectionQuality)
    QML_UNCREATABLE("Owned by ConnectionManager (connection.quality)")
};

struct OfflineQueueForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::OfflineQueue)
    QML_NAMED_ELEMENT(OfflineQueue)
    QML_UNCREATABLE("Owned by ConnectionManager (connection.offlineQueue)")
};

struct TokenStoreForeign
{
    Q_GADGET
    QML_FOREIGN(NebengJek::Client::TokenStore)
    QML_NAMED_ELEMENT(TokenStore)
};

} // namespace NebengJek::ClientQml
