// SPDX-License-Identifier: MIT
#pragma once

#include "clock.h"
#include "connectionquality.h"
#include "reconnectbackoff.h"
#include "sequencestore.h"
#include "storage/offlinequeue.h"

#include <protocol/envelope.h>
#include <protocol/protocolerror.h>
#include <protocol/role.h>

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace NebengJek::Client {

class NetworkMonitor;

// The app's one WebSocket to the gateway: authenticates with the token in the upgrade request,
// resumes from the last durable sequence, keeps requests in the OfflineQueue until answered,
// measures quality with app-level pings, and reconnects with backoff unless the server closed
// with a terminal code. State machine and defaults: docs/client.md.
class ConnectionManager : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QUrl url READ url NOTIFY urlChanged)
    Q_PROPERTY(qint64 lastSeq READ lastSeq NOTIFY lastSeqChanged)
    Q_PROPERTY(int reconnectAttempt READ reconnectAttempt NOTIFY reconnectAttemptChanged)
    // The delay before the scheduled attempt (0 when none is scheduled).
    Q_PROPERTY(int nextRetryMs READ nextRetryMs NOTIFY nextRetryMsChanged)
    Q_PROPERTY(NebengJek::Client::ConnectionQuality *quality READ quality CONSTANT)
    Q_PROPERTY(NebengJek::Client::OfflineQueue *offlineQueue READ offlineQueue CONSTANT)
    Q_PROPERTY(QString userId READ userId NOTIFY userChanged)
    // "driver" or "passenger"; empty before the first authentication.
    Q_PROPERTY(QString role READ roleName NOTIFY userChanged)
    // Why the last connection ended or failed ("server_restart", "http_401", "no network").
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    enum State {
        SignedOut, // no credentials, the user signed out, or the server refused them
        Offline, // credentials, but not connected: not opened yet, no network, or gave up
        Connecting, // first attempt after open()/resume(): upgrade and auth in progress
        Connected, // authenticated
        Reconnecting, // lost a connection: waiting for the next attempt, or attempting
        Suspended, // app in the background: closed on purpose until resume()
    };
    Q_ENUM(State)

    // Upgrade plus auth_success must finish within this: a half-open TCP connection or a
    // stalled proxy otherwise hangs the client with no error at all.
    static constexpr std::chrono::milliseconds kDefaultHandshakeTimeout {10000};
    // Longest wait for resume.done before held events are released anyway.
    static constexpr std::chrono::milliseconds kResumeTimeout {10000};
    // App-level ping period: often enough for a live quality indicator, rare enough to cost
    // nothing (one ~80-byte frame each way).
    static constexpr std::chrono::milliseconds kDefaultPingInterval {5000};
    // This many pings in a row without a pong and the connection is treated as dead
    // (3 x 5 s): TCP alone may take minutes to notice a vanished network.
    static constexpr int kDeadAfterMissedPongs = 3;
    // A queued request that keeps getting retryable errors is given up after this many sends.
    static constexpr int kMaxSendAttempts = 5;
    // Minimum wait before re-sending after a retryable error without retry_after_ms.
    static constexpr std::chrono::milliseconds kMinResendDelay {1000};
    // Time the server gets to answer our close frame before the socket is dropped.
    static constexpr std::chrono::milliseconds kCloseGrace {1000};

    // Keeps the offline queue and the last sequence in the app's data directory.
    explicit ConnectionManager(QObject *parent = nullptr);
    // Keeps them in `dataDirectory` (tests, several accounts).
    explicit ConnectionManager(const QString &dataDirectory, QObject *parent = nullptr);
    ~ConnectionManager() override;

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    qint64 lastSeq() const { return m_lastSeq; }
    int reconnectAttempt() const { return m_backoff.attempt(); }
    int nextRetryMs() const { return m_nextRetryMs; }
    ConnectionQuality *quality() const { return m_quality; }
    OfflineQueue *offlineQueue() const { return m_queue; }
    NetworkMonitor *networkMonitor() const { return m_network; }
    QString userId() const { return m_userId; }
    Protocol::Role role() const { return m_role; }
    QString roleName() const;
    QString lastError() const { return m_lastError; }

    // Tuning (defaults in docs/client.md); tests use short delays.
    void setReconnectPolicy(const ReconnectPolicy &policy);
    const ReconnectPolicy &reconnectPolicy() const { return m_backoff.policy(); }
    void setHandshakeTimeout(std::chrono::milliseconds timeout);
    // 0 disables pings (and with them quality measurement and dead-link detection).
    void setPingInterval(std::chrono::milliseconds interval);
    void setClock(Clock clock);

    // Where to connect and with which token. While connected, a new token for the same URL is
    // handed to the server (token.refresh); a new URL reconnects.
    Q_INVOKABLE void setCredentials(const QUrl &serverUrl, const QString &token);
    Q_INVOKABLE void open();
    // The user signs out: closes, forgets the token, fails what is still queued.
    Q_INVOKABLE void close();
    // The app goes to the background: closes until resume().
    Q_INVOKABLE void suspend();
    Q_INVOKABLE void resume();

    // Sends a request and returns its client request id. Requests are queued (on disk) and go
    // out in order once connected; the server dedups re-sends by id. Live-only types (typing,
    // location_update) are sent only while connected and return an empty id otherwise; the
    // types this class sends itself (auth, token.refresh, ping, resume) are refused (empty id).
    QString send(Protocol::MessageType type, const QJsonObject &payload);

Q_SIGNALS:
    void stateChanged(NebengJek::Client::ConnectionManager::State state);
    void urlChanged();
    void lastSeqChanged();
    void reconnectAttemptChanged();
    void nextRetryMsChanged();
    void userChanged();
    void lastErrorChanged();
    // Every incoming application message (replies included), duplicates of already seen
    // durable events dropped. Not emitted for auth_success, auth_failed, pong and error.
    void messageReceived(const NebengJek::Protocol::Envelope &envelope);
    // A message answering one of our requests (same id), before messageReceived.
    void replyReceived(const QString &requestId, const NebengJek::Protocol::Envelope &envelope);
    // A final error: a non-retryable error reply, retries used up, or an error without id.
    void errorReceived(const QString &requestId, const NebengJek::Protocol::ProtocolError &error);
    void authenticated(const QString &userId, NebengJek::Protocol::Role role);
    // The resume after an authentication is over: the events missed while away went out through
    // messageReceived (before this signal) and lastSeq is current. Also after resync_required,
    // or when the server did not answer within kResumeTimeout.
    void resumed();
    // The server ended the session for good (terminal close code, HTTP 401/403, auth_failed):
    // the app goes back to sign-in. `reason` is a stable name such as "auth_failed",
    // "session_replaced" or "http_401".
    void signedOutByServer(const QString &reason);
    // Close code 4010: the app should get a fresh token (setCredentials) before the reconnect.
    void tokenExpired();

private:
    struct Disconnect
    {
        int closeCode = 1006; // RFC 6455 "abnormal": no close frame
        QString reason;
        std::optional<int> httpStatus; // the upgrade was refused with this status
        QString label; // our own cause (handshake_timeout, no_pong), for lastError
    };

    void init(const QString &dataDirectory);
    void setState(State state);
    void setLastError(const QString &error);
    void setNextRetryMs(int ms);
    void startAttempt(State state);
    void retireSocket(int closeCode, const QString &reason);
    void discardSocket();
    void stopConnectionTimers();

    void onSocketConnected();
    void onSocketError();
    void onSocketGone();
    void onTextMessage(const QString &text);
    void onAuthSuccess(const Protocol::Envelope &envelope);
    void onPong(const Protocol::Envelope &envelope);
    // Hands one incoming envelope to the listeners and advances lastSeq.
    void deliver(const Protocol::Envelope &envelope);
    void finishResume();
    void onErrorReply(const Protocol::Envelope &envelope);
    void onHandshakeTimeout();
    void onPingTick();
    void onNetworkChanged(bool online);

    void connectionLost(const Disconnect &disconnect);
    void signOutByServer(const QString &reason);
    void scheduleReconnect();
    void write(const Protocol::Envelope &envelope);
    void flushQueue();
    void noteSeq(qint64 seq);
    void reportAttempt();

    QPointer<QWebSocket> m_socket;
    QUrl m_url;
    QString m_token;
    State m_state = SignedOut;
    bool m_wantConnection = false; // opened and not closed/suspended/signed out since
    bool m_closeFrameReceived = false;
    QString m_socketError;
    QString m_lastError;
    QString m_userId;
    Protocol::Role m_role = Protocol::Role::Passenger;
    bool m_hasRole = false;

    ConnectionQuality *m_quality = nullptr;
    OfflineQueue *m_queue = nullptr;
    NetworkMonitor *m_network = nullptr;
    std::unique_ptr<SequenceStore> m_sequence;
    qint64 m_lastSeq = 0;
    ReconnectBackoff m_backoff;
    int m_reportedAttempt = 0;
    int m_nextRetryMs = 0;
    Clock m_clock = systemClock();

    QTimer m_retryTimer;
    QTimer m_handshakeTimer;
    QTimer m_pingTimer;
    QTimer m_stableTimer;
    QTimer m_resendTimer;
    // From auth_success to resume.done, durable events are held and released in seq order:
    // live events published before the server processed our resume would otherwise overtake
    // the replay, and the replayed (older) ones would look like duplicates.
    bool m_resuming = false;
    QMap<qint64, Protocol::Envelope> m_resumeBuffer;
    QTimer m_resumeTimer;
    qint64 m_pingSeq = 0;
    QSet<QString> m_inFlight; // queue ids written on this connection, not yet answered
    QHash<QString, int> m_sendAttempts;
};

} // namespace NebengJek::Client
