// SPDX-License-Identifier: MIT
#pragma once

#include "clientconnection.h"
#include "connectiontracker.h"
#include "ratelimiter.h"

#include <auth/jwtverifier.h>
#include <hub/hub.h>
#include <protocol/envelope.h>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QPointer>

#include <optional>

namespace NebengJek::Server {

class GatewayMetrics;
class LogThrottle;
class Session;

// What a session needs from the gateway that owns it.
class SessionHost
{
public:
    virtual ~SessionHost() = default;
    // Applies the per-user policy to a freshly authenticated session.
    virtual ConnectionTracker::Binding bindPrincipal(Session *session, const JwtClaims &claims) = 0;
    // auth_success has been sent: the hub may start talking to this connection.
    virtual void sessionAuthenticated(Session *session) = 0;
    // The newest durable sequence number held for a user (auth_success.last_seq).
    virtual qint64 latestSeq(const QString &userId) = 0;
    // An authenticated, valid message for the hub.
    virtual void dispatch(Session *session, const Protocol::Envelope &envelope) = 0;
    // The socket is gone; the host destroys the session (called from the event loop, never
    // from inside a Session method; an id the host no longer knows is ignored).
    virtual void sessionEnded(ConnectionId id) = 0;
};

// The per-connection settings, shared by every session (a session holds a pointer, not a copy).
struct SessionSettings
{
    qint64 maxOutboundBytes = 1024 * 1024;
    int maxFragments = 64;
    int authTimeoutMs = 10000;
    int pingIntervalMs = 25000;
    int staleTimeoutMs = 60000;
    int closeTimeoutMs = 5000;
    int frameTimeoutMs = 10000;
    int jwtLeewayMs = 30000;
    int rateAbuseThreshold = 20;
    RateLimitSpec connectionRate;
    RateLimitSpec userRate;
};

// Everything sessions share: settings, verifier, metrics, the monotonic clock.
struct SessionContext
{
    SessionHost *host = nullptr;
    SessionSettings settings;
    const JwtVerifier *verifier = nullptr;
    GatewayMetrics *metrics = nullptr;
    LogThrottle *badInputLog = nullptr;
    QElapsedTimer clock; // started once; sessions store ms on this clock
    QString sessionIdPrefix; // per process, so session ids are unique across restarts
    qint64 nowMs() const { return clock.elapsed(); }
};

// One WebSocket connection: authentication state, limits, liveness. Deliberately not a QObject
// and without timers of its own: the gateway's single sweep timer calls sweep() on every session,
// which keeps an idle connection to a few hundred bytes on top of Qt's socket objects.
class Session
{
public:
    enum class State : quint8 { Authenticating, Open, Closing };

    // Takes ownership of `socket`.
    Session(ConnectionId id, ClientConnection *socket, SessionContext *context,
            const QHostAddress &peer);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // With claims (token came with the upgrade): authenticate now. Without: wait for `auth`.
    void start(const std::optional<JwtClaims> &claims);

    // Queues one serialized envelope, unless the connection is closing or its outbound queue
    // would exceed the cap (then it is closed as a slow consumer).
    void sendFrame(const QByteArray &frame);
    void sendEnvelope(const Protocol::Envelope &envelope) { sendFrame(envelope.toJson()); }
    void sendError(const QString &requestId, const Protocol::ProtocolError &error);

    // Starts the closing handshake: sends a close frame, keeps reading (and discarding) until
    // the peer's close frame, then closes TCP; aborts if the peer has not completed the close
    // within `timeoutMs` (default: the configured close timeout).
    void close(int code, const QString &reason, int timeoutMs = -1);
    void abort();

    // Deadlines: auth, token expiry, ping, stale, incomplete frame, close timeout; rate-abuse
    // decay.
    void sweep(qint64 nowMs, qint64 wallMs);

    // This session was replaced (per-user policy) and no longer holds a user slot.
    void detachUser() { m_user = nullptr; }

    ConnectionId id() const { return m_id; }
    State state() const { return m_state; }
    bool isAuthenticated() const { return m_authenticated; }
    const Principal &principal() const { return m_principal; }
    ConnectionTracker::UserEntry *userEntry() const { return m_user; }
    void setUserEntry(ConnectionTracker::UserEntry *entry) { m_user = entry; }
    const QHostAddress &peer() const { return m_peer; }
    qint64 openedAtMs() const { return m_openedMs; }
    int closeCode() const { return m_closeCode; }
    qint64 queuedBytes() const;
    QString sessionId() const;
    ClientConnection *socket() const { return m_socket; }

private:
    void onMessage(const QByteArray &bytes);
    void onEnvelope(const Protocol::ParsedEnvelope &parsed, qint64 bytes);
    void onControlPing(const QByteArray &payload);
    // Takes a token from the connection's (and user's) bucket; 0 or the ms to wait.
    qint64 takeToken(qint64 nowMs);
    // Counts a refused message; true if that closed the connection for abuse.
    bool strike();
    void handleAuth(const Protocol::Envelope &envelope);
    void handleTokenRefresh(const Protocol::Envelope &envelope);
    void handlePing(const Protocol::Envelope &envelope);
    void authenticate(const JwtClaims &claims, const QString &requestId);
    void failAuthentication(const QString &reason, const QString &requestId);
    void sendAuthSuccess(const QString &requestId);
    void rejectBadInput(const QString &requestId, const Protocol::ProtocolError &error);
    qint64 tokenDeadlineMs() const;

    ClientConnection *m_socket;
    SessionContext *m_ctx;
    ConnectionId m_id;
    Principal m_principal;
    ConnectionTracker::UserEntry *m_user = nullptr;
    QHostAddress m_peer;
    qint64 m_openedMs;
    qint64 m_lastInboundMs;
    qint64 m_lastPingMs;
    qint64 m_deadlineMs = 0; // auth deadline, then close deadline
    qint64 m_flushedAtMs = -1; // closing: when the close frame had been written out
    qint64 m_tokenExpiresAtMs = 0; // wall clock
    TokenBucket m_bucket;
    int m_strikes = 0; // rate-limited messages since the last quiet sweep
    int m_closeCode = 0;
    State m_state = State::Authenticating;
    bool m_authenticated = false;
    bool m_struckThisSweep = false;
};

} // namespace NebengJek::Server
