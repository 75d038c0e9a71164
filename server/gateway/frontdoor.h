// SPDX-License-Identifier: MIT
#pragma once

#include "gatewaymetrics.h"
#include "httprequesthead.h"
#include "httpresponse.h"
#include "logthrottle.h"
#include "websocketconnection.h"

#include <auth/jwtverifier.h>

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <optional>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

namespace NebengJek::Server {

// The decision about one upgrade request, made from its HTTP head alone.
struct Admission
{
    int status = 0; // 0: upgrade; else the HTTP status to refuse with
    RejectReason reason = RejectReason::BadRequest;
    QByteArray reasonText; // short and stable; goes into the response body and the log
    int retryAfterSeconds = 0;
    std::optional<JwtClaims> claims; // set when the request carried a valid token
    QHostAddress peer;
    quint64 arrival = 0; // order of TCP accept: among racing connections the later one is newer

    static Admission refuse(int status, RejectReason reason, const QByteArray &text,
                            int retryAfterSeconds = 0)
    {
        Admission a;
        a.status = status;
        a.reason = reason;
        a.reasonText = text;
        a.retryAfterSeconds = retryAfterSeconds;
        return a;
    }
};

// The gateway's side of the front door.
class FrontDoorHandler
{
public:
    virtual ~FrontDoorHandler() = default;
    // A plain HTTP request (no Upgrade header): /health, /metrics, ...
    virtual HttpResponse handleHttp(const HttpRequestHead &head, const QHostAddress &peer) = 0;
    // An upgrade request. An admitted request holds a connection slot until upgraded() (which
    // takes it over) is called for it.
    virtual Admission admit(const HttpRequestHead &head, const QHostAddress &peer) = 0;
    // The 101 is queued on `socket` (its request head consumed, no parent any more); the handler
    // takes ownership and runs the WebSocket on it.
    virtual void upgraded(QTcpSocket *socket, Admission admission) = 0;
};

struct FrontDoorSettings
{
    int maxPendingHandshakes = 1024;
    int handshakeTimeoutMs = 5000;
    int closeTimeoutMs = 5000;
};

// Accepts TCP connections itself so that a request can be refused with a real HTTP status
// before any WebSocket exists. It reads the request head (bounded in size and time), then either
// answers plain HTTP, refuses, or completes the WebSocket handshake (101) and hands the socket
// over as a WebSocketConnection. A peer that has already gone is never upgraded.
class FrontDoor : public QObject
{
    Q_OBJECT
public:
    FrontDoor(FrontDoorHandler *handler, const FrontDoorSettings &settings, GatewayMetrics *metrics,
              const QElapsedTimer *clock, QObject *parent = nullptr);
    ~FrontDoor() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    bool isListening() const;
    // Stops accepting and refuses requests still sending their head (503).
    void stopListening();
    // Handshake deadlines and response close timeouts.
    void sweep(qint64 nowMs);
    int pendingCount() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        qint64 deadlineMs = 0;
        quint64 arrival = 0;
        bool responded = false;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const HttpResponse &response);
    void refuse(QTcpSocket *socket, const QByteArray &reasonCode, const HttpResponse &response,
                const HttpRequestHead *head);
    void upgrade(QTcpSocket *socket, const HttpRequestHead &head, Admission admission);
    void forget(QTcpSocket *socket);

    FrontDoorHandler *m_handler;
    FrontDoorSettings m_settings;
    GatewayMetrics *m_metrics;
    const QElapsedTimer *m_clock;
    QTcpServer *m_server;
    QHash<QTcpSocket *, Pending> m_pending;
    quint64 m_arrivals = 0;
    LogThrottle m_refusalLog;
};

} // namespace NebengJek::Server
