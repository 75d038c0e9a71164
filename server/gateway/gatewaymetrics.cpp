// SPDX-License-Identifier: MIT
#include "gatewaymetrics.h"

#include <protocol/closecode.h>

namespace NebengJek::Server {

QString rejectReasonName(RejectReason reason)
{
    switch (reason) {
    case RejectReason::BadToken:
        return QStringLiteral("bad_token");
    case RejectReason::OriginNotAllowed:
        return QStringLiteral("origin_not_allowed");
    case RejectReason::IpLimit:
        return QStringLiteral("ip_limit");
    case RejectReason::UserLimit:
        return QStringLiteral("user_limit");
    case RejectReason::AtCapacity:
        return QStringLiteral("at_capacity");
    case RejectReason::ShuttingDown:
        return QStringLiteral("shutting_down");
    case RejectReason::PendingLimit:
        return QStringLiteral("pending_limit");
    case RejectReason::HeadTooLarge:
        return QStringLiteral("head_too_large");
    case RejectReason::HandshakeTimeout:
        return QStringLiteral("handshake_timeout");
    case RejectReason::BadRequest:
        return QStringLiteral("bad_request");
    case RejectReason::Abandoned:
        return QStringLiteral("abandoned");
    case RejectReason::Count:
        break;
    }
    return QStringLiteral("unknown");
}

namespace {
// Handling a message takes microseconds; anything near a second is a stall.
const std::vector<double> kHandlingBuckets = {0.00001, 0.000025, 0.00005, 0.0001, 0.00025,
                                              0.0005,  0.001,    0.0025,  0.005,  0.01,
                                              0.025,   0.05,     0.1,     0.25,   1.0};
// From reconnect loops (seconds) to a driver's whole shift (hours).
const std::vector<double> kDurationBuckets = {1, 10, 60, 300, 900, 1800, 3600, 14400, 43200, 86400};
// Up to the default per-connection cap (1 MiB).
const std::vector<double> kQueueBuckets = {0, 1024, 4096, 16384, 65536, 262144, 1048576};
} // namespace

GatewayMetrics::GatewayMetrics(MetricsRegistry &registry)
    : m_registry(registry)
{
    m_active = registry.gauge(QStringLiteral("nebengjek_connections_active"),
                              QStringLiteral("Open WebSocket connections by role "
                                             "(unauthenticated: waiting for auth)."),
                              {QStringLiteral("role")});
    m_activeByRole[0] = m_active->withLabels({QStringLiteral("driver")});
    m_activeByRole[1] = m_active->withLabels({QStringLiteral("passenger")});
    m_activeByRole[2] = m_active->withLabels({QStringLiteral("unauthenticated")});
    connectionsTotal = registry.counter(QStringLiteral("nebengjek_connections_total"),
                                        QStringLiteral("WebSocket connections accepted."))
                               ->get();
    m_rejectedFamily = registry.counter(QStringLiteral("nebengjek_connections_rejected_total"),
                                        QStringLiteral("Connections refused before a session "
                                                       "existed, by reason."),
                                        {QStringLiteral("reason")});
    for (std::size_t i = 0; i < std::size_t(RejectReason::Count); ++i)
        m_rejected[i] = m_rejectedFamily->withLabels({rejectReasonName(RejectReason(i))});
    m_closedFamily = registry.counter(QStringLiteral("nebengjek_connections_closed_total"),
                                      QStringLiteral("Connections closed by the server, by close "
                                                     "code name."),
                                      {QStringLiteral("code")});
    m_receivedFamily = registry.counter(QStringLiteral("nebengjek_messages_received_total"),
                                        QStringLiteral("Messages received, by type."),
                                        {QStringLiteral("type")});
    receivedInvalid = m_receivedFamily->withLabels({QStringLiteral("invalid")});
    m_sentFamily =
            registry.counter(QStringLiteral("nebengjek_messages_sent_total"),
                             QStringLiteral("Messages sent, by type."), {QStringLiteral("type")});
    bytesIn = registry.counter(QStringLiteral("nebengjek_bytes_received_total"),
                               QStringLiteral("Payload bytes of messages received."))
                      ->get();
    bytesOut = registry.counter(QStringLiteral("nebengjek_bytes_sent_total"),
                                QStringLiteral("Payload bytes of messages sent."))
                       ->get();
    m_errorsFamily = registry.counter(QStringLiteral("nebengjek_errors_total"),
                                      QStringLiteral("Error replies sent by the gateway, by "
                                                     "code."),
                                      {QStringLiteral("code")});
    for (int i = 0; i <= int(Protocol::ErrorCode::TooFar); ++i) // the last code
        m_errors[std::size_t(i)] =
                m_errorsFamily->withLabels({Protocol::errorCodeName(Protocol::ErrorCode(i))});
    m_authFailures = registry.counter(QStringLiteral("nebengjek_auth_failures_total"),
                                      QStringLiteral("Tokens refused, by reason."),
                                      {QStringLiteral("reason")});
    rateLimited = registry.counter(QStringLiteral("nebengjek_rate_limited_total"),
                                   QStringLiteral("Messages refused by a rate limit."))
                          ->get();
    droppedFrames = registry.counter(QStringLiteral("nebengjek_dropped_frames_total"),
                                     QStringLiteral("Frames for connections that were gone or "
                                                    "closing."))
                            ->get();
    m_httpRequests = registry.counter(QStringLiteral("nebengjek_http_requests_total"),
                                      QStringLiteral("Plain HTTP requests, by path."),
                                      {QStringLiteral("path")});
    handlingSeconds = registry.histogram(QStringLiteral("nebengjek_message_handling_seconds"),
                                         QStringLiteral("Time to handle one client message."),
                                         kHandlingBuckets)
                              ->get();
    connectionSeconds =
            registry.histogram(QStringLiteral("nebengjek_connection_duration_seconds"),
                               QStringLiteral("Lifetime of closed WebSocket connections."),
                               kDurationBuckets)
                    ->get();
    outboundQueueBytes =
            registry.histogram(QStringLiteral("nebengjek_outbound_queue_bytes"),
                               QStringLiteral("Unsent bytes per connection, sampled every "
                                              "sweep."),
                               kQueueBuckets)
                    ->get();
    m_dependencyUp = registry.gauge(QStringLiteral("nebengjek_dependency_up"),
                                    QStringLiteral("1 while a dependency is usable, 0 while it is "
                                                   "failing."),
                                    {QStringLiteral("dependency")});
    m_circuitState = registry.gauge(QStringLiteral("nebengjek_circuit_state"),
                                    QStringLiteral("A dependency's circuit breaker: 0 closed, "
                                                   "1 half-open, 2 open."),
                                    {QStringLiteral("dependency")});
}

Gauge *GatewayMetrics::dependencyUp(const QString &dependency)
{
    return m_dependencyUp->withLabels({dependency});
}

Gauge *GatewayMetrics::circuitState(const QString &dependency)
{
    return m_circuitState->withLabels({dependency});
}

Gauge *GatewayMetrics::activeConnections(std::optional<Protocol::Role> role)
{
    if (!role)
        return m_activeByRole[2];
    return m_activeByRole[*role == Protocol::Role::Driver ? 0 : 1];
}

Counter *GatewayMetrics::closed(int closeCode)
{
    Counter *&c = m_closed[closeCode];
    if (!c)
        c = m_closedFamily->withLabels({Protocol::closeCodeName(closeCode)});
    return c;
}

void GatewayMetrics::countSent(const QByteArray &frame)
{
    // Envelope::toJson writes a QJsonObject, whose keys are sorted: "type" ("id" < "payload" <
    // "seq" < "type") is the last member, so the frame ends with "type":"<name>"}.
    static constexpr QByteArrayView marker = "\"type\":\"";
    QByteArrayView name;
    if (frame.endsWith("\"}")) {
        const qsizetype start = frame.lastIndexOf(marker);
        if (start >= 0) {
            const qsizetype begin = start + marker.size();
            name = QByteArrayView(frame).sliced(begin, frame.size() - 2 - begin);
        }
    }
    if (name.isEmpty() || name.size() > 64 || name.contains('"'))
        name = "other";
    const QByteArray key = QByteArray::fromRawData(name.data(), name.size());
    const auto it = m_sent.constFind(key);
    if (it != m_sent.constEnd()) {
        (*it)->increment();
        return;
    }
    Counter *c = m_sentFamily->withLabels({QString::fromUtf8(name)});
    m_sent.insert(name.toByteArray(), c);
    c->increment();
}

Counter *GatewayMetrics::rejected(const QByteArray &reasonCode)
{
    // Codes come from the server's own tables, never from the client: the label set is bounded.
    Counter *&c = m_rejectedByCode[reasonCode];
    if (!c)
        c = m_rejectedFamily->withLabels({QString::fromLatin1(reasonCode)});
    return c;
}

Counter *GatewayMetrics::authFailure(const QString &reason)
{
    return m_authFailures->withLabels({reason});
}

Counter *GatewayMetrics::httpRequests(const QByteArray &path)
{
    return m_httpRequests->withLabels({QString::fromLatin1(path)});
}

} // namespace NebengJek::Server
