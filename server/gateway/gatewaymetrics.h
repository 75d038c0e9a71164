// SPDX-License-Identifier: MIT
#pragma once

#include <metrics/metricsregistry.h>
#include <protocol/errorcode.h>
#include <protocol/messagetype.h>
#include <protocol/role.h>

#include <QByteArray>
#include <QHash>

#include <array>

namespace NebengJek::Server {

// Why a connection was refused before (or instead of) a WebSocket session.
enum class RejectReason {
    BadToken, // 401
    OriginNotAllowed, // 403
    IpLimit, // 429
    UserLimit, // 429 (or close 4008 when the user is only known after `auth`)
    AtCapacity, // 503
    ShuttingDown, // 503
    PendingLimit, // too many unfinished HTTP heads: TCP closed at once
    HeadTooLarge, // 431
    HandshakeTimeout, // head not complete in time
    BadRequest, // 400/404/405/426
    Abandoned, // the peer closed before its upgrade was answered or authenticated
    Count
};
QString rejectReasonName(RejectReason reason);

// The gateway's metrics, registered once; the hot path touches plain counters through these
// pointers. Names are prefixed nebengjek_ (docs/operations.md lists them).
class GatewayMetrics
{
public:
    explicit GatewayMetrics(MetricsRegistry &registry);

    MetricsRegistry &registry() { return m_registry; }

    Gauge *activeConnections(std::optional<Protocol::Role> role); // nullopt: not authenticated
    Counter *connectionsTotal = nullptr;
    Counter *rejected(RejectReason reason) { return m_rejected[std::size_t(reason)]; }
    // By the `reason` code of the refusal as documented (`expired`, `not_found`, ...).
    Counter *rejected(const QByteArray &reasonCode);
    Counter *closed(int closeCode);
    Counter *received(Protocol::MessageType type)
    {
        Counter *&c = m_received[std::size_t(type)];
        return c ? c : (c = m_receivedFamily->withLabels({Protocol::messageTypeName(type)}));
    }
    Counter *receivedInvalid = nullptr; // frames that are not a valid envelope
    // Counts a serialized frame under its "type" (read from the frame's first key).
    void countSent(const QByteArray &frame);
    Counter *bytesIn = nullptr;
    Counter *bytesOut = nullptr;
    Counter *errors(Protocol::ErrorCode code) { return m_errors[std::size_t(code)]; }
    Counter *authFailure(const QString &reason);
    Counter *rateLimited = nullptr;
    Counter *droppedFrames = nullptr; // to a connection that is gone or closing
    Counter *httpRequests(const QByteArray &path);
    Histogram *handlingSeconds = nullptr;
    Histogram *connectionSeconds = nullptr;
    Histogram *outboundQueueBytes = nullptr; // sampled at each sweep, per connection
    // Per dependency (e.g. "storage"): 1 usable, 0 failing; its circuit 0 closed, 1 open,
    // 2 half-open.
    Gauge *dependencyUp(const QString &dependency);
    Gauge *circuitState(const QString &dependency);

private:
    MetricsRegistry &m_registry;
    GaugeFamily *m_active;
    std::array<Gauge *, 3> m_activeByRole {};
    CounterFamily *m_rejectedFamily;
    std::array<Counter *, std::size_t(RejectReason::Count)> m_rejected {};
    CounterFamily *m_closedFamily;
    QHash<int, Counter *> m_closed;
    QHash<QByteArray, Counter *> m_rejectedByCode;
    CounterFamily *m_receivedFamily;
    std::array<Counter *, 256> m_received {};
    CounterFamily *m_sentFamily;
    QHash<QByteArray, Counter *> m_sent;
    CounterFamily *m_errorsFamily;
    std::array<Counter *, 16> m_errors {};
    CounterFamily *m_authFailures;
    CounterFamily *m_httpRequests;
    GaugeFamily *m_dependencyUp;
    GaugeFamily *m_circuitState;
};

} // namespace NebengJek::Server
