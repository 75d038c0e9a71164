// SPDX-License-Identifier: MIT
#include "networkmonitor.h"

#include "logging.h"

#include <QNetworkInformation>

namespace NebengJek::Client {

namespace {
// Unknown (backend cannot tell) counts as online: better a failed attempt than no attempt.
bool isReachable(QNetworkInformation::Reachability reachability)
{
    return reachability != QNetworkInformation::Reachability::Disconnected;
}
} // namespace

NetworkMonitor::NetworkMonitor(QObject *parent)
    : QObject(parent)
{
    // Returns false when no plugin supports the feature (containers, minimal desktops): then
    // we simply have no network signal. (Qt 6.4 deprecates load(Features) for this name.)
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcConnection) << "no network reachability backend; relying on backoff only";
        return;
    }
    QNetworkInformation *info = QNetworkInformation::instance();
    if (!info)
        return;
    m_hasBackend = true;
    m_online = isReachable(info->reachability());
    qCInfo(lcConnection) << "network reachability backend" << info->backendName() << "online"
                         << m_online;
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability r) { setOnline(isReachable(r)); });
}

NetworkMonitor::NetworkMonitor(Manual, QObject *parent)
    : QObject(parent)
{ }

void NetworkMonitor::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    qCInfo(lcConnection) << (online ? "network is back" : "network lost");
    Q_EMIT onlineChanged(online);
}

} // namespace NebengJek::Client
