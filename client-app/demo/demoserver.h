// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

namespace NebengJek::Server {
class Gateway;
class Hub;
class Storage;
} // namespace NebengJek::Server

namespace NebengJek::Demo {

// The real server in-process: NebengJek's gateway and hub on a loopback port, in development
// mode (/dev/token, the development secret) on an in-memory SQLite database. Demo mode and the
// app's tests run against exactly what users get; only the database is temporary.
class DemoServer : public QObject
{
    Q_OBJECT
public:
    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // Listens on 127.0.0.1:`port` (0: any free port; a restart reuses the previous one). The
    // database outlives stop()/start(), as a real server's would.
    bool start(quint16 port = 0);
    // Drops every connection at once (as a crash would) and stops listening.
    void stop();
    bool isListening() const { return m_gateway != nullptr; }
    quint16 port() const { return m_port; }
    // ws://127.0.0.1:<port>/ws
    QUrl url() const;
    QString errorString() const { return m_error; }
    // A driver's time to answer a proposal, from the next start() (0: the hub's default,
    // 15 s). Tests of the expiry set it short rather than wait.
    void setProposalTimeoutMs(int ms) { m_proposalTimeoutMs = ms; }

private:
    std::unique_ptr<Server::Storage> m_storage;
    // The hub before the gateway: the gateway's sessions report their close to the hub.
    std::unique_ptr<Server::Hub> m_hub;
    std::unique_ptr<Server::Gateway> m_gateway;
    quint16 m_port = 0;
    int m_proposalTimeoutMs = 0;
    QString m_error;
};

} // namespace NebengJek::Demo
