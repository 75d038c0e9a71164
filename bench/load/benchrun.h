// SPDX-License-Identifier: MIT
#pragma once

#include "benchoptions.h"
#include "wsclientpool.h"

#include <QJsonObject>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace NebengJek::Bench {

// What every benchmark mode shares: one pool of client connections with a user id and role
// each, connecting them with bounded concurrency from several loopback source addresses, and
// knowing when a connection is authenticated (auth_success from the real server and the peer;
// the 101 itself from the echo server, which has no auth).
class BenchRun : public WsClientPool::Handler
{
public:
    BenchRun(const BenchOptions &options, size_t connections);
    ~BenchRun() override;

    virtual QJsonObject run() = 0;
    // Adds what was counted along the way (errors by code, closes by the server) to a result.
    void addCounters(QJsonObject &result) const;

protected:
    struct ConnectResult
    {
        size_t authenticated = 0;
        size_t failed = 0;
        double seconds = 0; // first connect() to the last authentication
        std::map<int, int> refusedByStatus; // HTTP status -> count
    };

    virtual std::string userId(uint32_t index) const = 0;
    virtual bool isDriver(uint32_t index) const = 0;
    // A message on an authenticated connection.
    virtual void onMessage(uint32_t index, std::string_view text) = 0;

    // Connects connections [first, first + count) and waits until each is authenticated or
    // failed, or the setup timeout passes.
    ConnectResult connectRange(uint32_t first, uint32_t count);
    // Runs the event loop until `done` returns true or `seconds` pass; `tick` runs every loop.
    void loopFor(double seconds, const std::function<bool()> &done = {},
                 const std::function<int()> &tick = {});
    bool isAuthenticated(uint32_t index) const { return m_authenticated[index] != 0; }
    size_t authenticatedCount() const { return m_authenticatedCount; }
    QJsonObject baseResult(const char *mode) const;
    static QJsonObject connectJson(const ConnectResult &r);
    const char *targetName() const;

    BenchOptions m_options;
    WsClientPool m_pool;
    size_t m_errorsSeen = 0;
    std::map<std::string, int> m_errorsByCode;

private:
    void onOpen(uint32_t index) override;
    void onText(uint32_t index, std::string_view text) override;
    void onClosed(uint32_t index, int httpStatus) override;
    std::string upgradeRequest(uint32_t index) const;

    // Where connection `index` connects: passengers to --passenger-port when it is set.
    const sockaddr_in &targetOf(uint32_t index) const;
    int portOf(uint32_t index) const;

    sockaddr_in m_target {};
    sockaddr_in m_passengerTarget {};
    std::vector<uint8_t> m_authenticated;
    size_t m_authenticatedCount = 0;
    int64_t m_lastAuthNs = 0;
    std::map<int, int> m_refused;
    size_t m_authFailed = 0; // upgraded, but the first message was not auth_success
    size_t m_connectFailures = 0;
};

} // namespace NebengJek::Bench
