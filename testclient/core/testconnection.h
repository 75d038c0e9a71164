// SPDX-License-Identifier: MIT
#pragma once

#include "connectionoptions.h"
#include "receivedmessage.h"

#include <protocol/envelope.h>

#include <QObject>
#include <QWebSocket>

namespace NebengJek::TestClient {

// One WebSocket connection of the QA client: opens with a token in the chosen transport, sends
// raw text or envelopes, and reports every frame as a ReceivedMessage. It does no retrying and
// no interpretation, so that what a scenario sees is exactly what the server did.
class TestConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Open, Closed };
    Q_ENUM(State)

    // The most a test client accepts in one message: larger than any legal server message, small
    // enough that a runaway server cannot exhaust the QA machine.
    static constexpr qint64 kMaxIncomingMessageBytes = 4 * 1024 * 1024;

    explicit TestConnection(QObject *parent = nullptr);
    ~TestConnection() override;

    void open(const ConnectionOptions &options);
    void close(int code = 1000, const QString &reason = {});
    // Drops the TCP connection without a close handshake (a crashed or vanished client).
    void abort();

    void sendText(const QByteArray &text);
    // Sends the envelope and returns its id (generated when the envelope has none).
    QString sendEnvelope(Protocol::Envelope envelope);

    State state() const { return m_state; }
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    // HTTP status of a refused upgrade (401, 403, 429, 503), 0 when not known.
    int rejectedStatus() const { return m_rejectedStatus; }
    QString errorString() const { return m_errorString; }
    // "qa-<random>-<n>": the server remembers request ids per user, so a second session of the
    // same user must not reuse the first one's ids (they would be refused as already used).
    QString nextRequestId();
    // Off for load generation: checking every frame with the protocol parser costs a second
    // JSON parse per message, which matters at thousands of messages per second.
    void setValidateEnvelopes(bool validate) { m_validateEnvelopes = validate; }

signals:
    void opened();
    void messageReceived(const NebengJek::TestClient::ReceivedMessage &message);
    void messageSent(const QByteArray &text);
    // Closed after being open, or failed before opening (then rejectedStatus/errorString say why).
    void closed();

private:
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString &text);
    void onError(QAbstractSocket::SocketError error);

    QWebSocket m_socket;
    ConnectionOptions m_options;
    State m_state = State::Idle;
    int m_closeCode = 0;
    QString m_closeReason;
    int m_rejectedStatus = 0;
    QString m_errorString;
    QString m_requestIdPrefix;
    quint64 m_requestCounter = 0;
    bool m_validateEnvelopes = true;
};

} // namespace NebengJek::TestClient
