// SPDX-License-Identifier: MIT
#include "benchrun.h"

#include "benchclock.h"

#include <core/devtoken.h>

#include <arpa/inet.h>

#include <QTextStream>

namespace NebengJek::Bench {

namespace {
// Token lifetime: longer than any bounded run.
constexpr qint64 kTokenLifetimeSeconds = 3600;
// Error messages printed to stderr before the rest are only counted.
constexpr size_t kMaxPrintedErrors = 5;
} // namespace

BenchRun::BenchRun(const BenchOptions &options, size_t connections)
    : m_options(options)
    , m_pool(connections, this)
    , m_authenticated(connections, 0)
{
    m_target.sin_family = AF_INET;
    m_target.sin_port = htons(uint16_t(options.port));
    ::inet_pton(AF_INET, options.host.toLatin1().constData(), &m_target.sin_addr);
    m_passengerTarget = m_target;
    if (options.passengerPort > 0)
        m_passengerTarget.sin_port = htons(uint16_t(options.passengerPort));
}

const sockaddr_in &BenchRun::targetOf(uint32_t index) const
{
    return m_options.passengerPort > 0 && !isDriver(index) ? m_passengerTarget : m_target;
}

int BenchRun::portOf(uint32_t index) const
{
    return m_options.passengerPort > 0 && !isDriver(index) ? m_options.passengerPort
                                                           : m_options.port;
}

BenchRun::~BenchRun() = default;

const char *BenchRun::targetName() const
{
    switch (m_options.target) {
    case Target::NebengJek:
        return "nebengjek";
    case Target::Peer:
        return "peer";
    case Target::Echo:
        return "echo";
    }
    return "?";
}

std::string BenchRun::upgradeRequest(uint32_t index) const
{
    std::string request = "GET " + m_options.path.toStdString() + " HTTP/1.1\r\nHost: "
            + m_options.host.toStdString() + ":" + std::to_string(portOf(index))
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    if (m_options.target != Target::Echo) {
        TestClient::DevTokenClaims claims;
        claims.userId = QString::fromStdString(userId(index));
        claims.role = isDriver(index) ? Protocol::Role::Driver : Protocol::Role::Passenger;
        claims.issuer = m_options.issuer;
        claims.audience = m_options.audience;
        claims.lifetimeSeconds = kTokenLifetimeSeconds;
        request += "Authorization: Bearer "
                + TestClient::DevToken::mint(claims, m_options.secret).toStdString() + "\r\n";
    }
    request += "\r\n";
    return request;
}

BenchRun::ConnectResult BenchRun::connectRange(uint32_t first, uint32_t count)
{
    // Requests (and their tokens) are made before the clock starts: minting is the generator's
    // cost, not the server's.
    std::vector<std::string> requests(count);
    for (uint32_t i = 0; i < count; ++i)
        requests[i] = upgradeRequest(first + i);

    const size_t authenticatedBefore = m_authenticatedCount;
    const size_t failedBefore = m_connectFailures + m_authFailed;
    uint32_t next = 0;
    const int64_t start = nowNs();
    m_lastAuthNs = start;
    const auto startMore = [&] {
        while (next < count && m_pool.pendingCount() < size_t(m_options.concurrency)) {
            const uint32_t index = first + next;
            sockaddr_in source {};
            source.sin_family = AF_INET;
            // 127.0.0.1 .. 127.0.0.N: each source address has its own ephemeral port range.
            source.sin_addr.s_addr =
                    htonl(0x7f000001u + index % uint32_t(m_options.sourceAddresses));
            m_pool.connect(index, source, targetOf(index), std::move(requests[next]));
            ++next;
        }
        return 0;
    };
    // Pending = TCP/handshake in flight plus upgraded but not yet authenticated.
    const auto done = [&] {
        const size_t settled = (m_authenticatedCount - authenticatedBefore)
                + (m_connectFailures + m_authFailed - failedBefore);
        return next == count && settled >= count;
    };
    loopFor(m_options.setupTimeoutSeconds, done, startMore);

    ConnectResult r;
    r.authenticated = m_authenticatedCount - authenticatedBefore;
    r.failed = count - r.authenticated;
    r.seconds = double(m_lastAuthNs - start) / 1e9;
    r.refusedByStatus = m_refused;
    return r;
}

void BenchRun::loopFor(double seconds, const std::function<bool()> &done,
                       const std::function<int()> &tick)
{
    const int64_t end = nowNs() + int64_t(seconds * 1e9);
    while (nowNs() < end) {
        if (done && done())
            return;
        // tick() returns how soon (ms) it wants to run again; 1 ms keeps rate schedules exact.
        const int wait = tick ? tick() : 1;
        m_pool.poll(qBound(0, wait, 1));
    }
}

void BenchRun::onOpen(uint32_t index)
{
    // The echo server has no auth: the upgrade is all there is.
    if (m_options.target == Target::Echo) {
        m_authenticated[index] = 1;
        ++m_authenticatedCount;
        m_lastAuthNs = nowNs();
    }
}

void BenchRun::onText(uint32_t index, std::string_view text)
{
    if (!m_authenticated[index]) {
        if (text.find("\"auth_success\"") != std::string_view::npos) {
            m_authenticated[index] = 1;
            ++m_authenticatedCount;
            m_lastAuthNs = nowNs();
        } else {
            ++m_authFailed;
            if (m_errorsSeen++ < kMaxPrintedErrors)
                QTextStream(stderr)
                        << "connection " << index << ": expected auth_success, got "
                        << QByteArray(text.data(), qsizetype(qMin<size_t>(text.size(), 300)))
                        << '\n';
            m_pool.close(index);
        }
        return;
    }
    if (text.find("\"type\":\"error\"") != std::string_view::npos) {
        const size_t at = text.find("\"code\":\"");
        const std::string code = at == std::string_view::npos
                ? std::string("?")
                : std::string(text.substr(at + 8, text.find('"', at + 8) - at - 8));
        ++m_errorsByCode[code];
        if (m_errorsSeen++ < kMaxPrintedErrors)
            QTextStream(stderr) << "connection " << index << " got an error: "
                                << QByteArray(text.data(),
                                              qsizetype(qMin<size_t>(text.size(), 300)))
                                << '\n';
    }
    onMessage(index, text);
}

void BenchRun::onClosed(uint32_t index, int httpStatus)
{
    if (httpStatus > 0)
        ++m_refused[httpStatus];
    if (m_authenticated[index]) {
        m_authenticated[index] = 0;
        --m_authenticatedCount;
    } else {
        ++m_connectFailures; // refused, reset, or closed before auth_success
    }
}

QJsonObject BenchRun::baseResult(const char *mode) const
{
    return {{QStringLiteral("target"), QLatin1String(targetName())},
            {QStringLiteral("mode"), QLatin1String(mode)}};
}

void BenchRun::addCounters(QJsonObject &result) const
{
    QJsonObject errors;
    for (const auto &[code, n] : m_errorsByCode)
        errors.insert(QString::fromStdString(code), n);
    result.insert(QStringLiteral("errors_by_code"), errors);
    result.insert(QStringLiteral("closed_by_server"), double(m_pool.closedAfterOpenCount()));
}

QJsonObject BenchRun::connectJson(const ConnectResult &r)
{
    QJsonObject refused;
    for (const auto &[status, n] : r.refusedByStatus)
        refused.insert(QString::number(status), n);
    return {{QStringLiteral("authenticated"), double(r.authenticated)},
            {QStringLiteral("failed"), double(r.failed)},
            {QStringLiteral("seconds"), r.seconds},
            {QStringLiteral("per_second"),
             r.seconds > 0 ? double(r.authenticated) / r.seconds : 0.0},
            {QStringLiteral("refused_by_status"), refused}};
}

} // namespace NebengJek::Bench
