// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

namespace NebengJek::Client {

// Whether the device has a network, from QNetworkInformation where the platform has a backend
// (NetworkManager, Android, iOS, Windows, macOS). Without one it reports "online" forever and
// the reconnect backoff alone decides when to try.
class NetworkMonitor : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool online READ isOnline NOTIFY onlineChanged)
public:
    // Loads a reachability backend if the platform has one.
    explicit NetworkMonitor(QObject *parent = nullptr);
    // Never touches QNetworkInformation: starts online and changes only through setOnline()
    // (tests, or an app that learns about the network some other way).
    struct Manual
    {
    };
    NetworkMonitor(Manual, QObject *parent = nullptr);

    bool isOnline() const { return m_online; }
    bool hasBackend() const { return m_hasBackend; }
    void setOnline(bool online);

Q_SIGNALS:
    void onlineChanged(bool online);

private:
    bool m_online = true;
    bool m_hasBackend = false;
};

} // namespace NebengJek::Client
