// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>
#include <protocol/messagetype.h>
#include <protocol/protocolerror.h>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QVariantMap>

#include <optional>

namespace NebengJek::Client {

class ConnectionManager;

// The ride's requests in flight, apart from what they mean: the one the UI waits for (busy
// until its event arrives), the ones applied optimistically (only a refusal matters), the user
// action still waiting for a connection (queuedAction) and the last refusal (code + message).
class RideRequests : public QObject
{
    Q_OBJECT
public:
    explicit RideRequests(ConnectionManager *connection, QObject *parent = nullptr);

    bool isConnected() const;
    bool busy() const { return !m_pendingRequest.isEmpty(); }
    QString queuedAction() const { return m_queuedAction; }
    QString lastErrorCode() const { return m_lastErrorCode; }
    QString lastError() const { return m_lastError; }
    // The refusal as a key + arguments for the app's language (empty key: none).
    QString lastErrorKey() const { return m_lastErrorText.key; }
    QVariantMap lastErrorArgs() const { return m_lastErrorText.args.toVariantMap(); }

    // Sends (offline: the connection queues it on disk). `action` names a user action for
    // queuedAction when it cannot go out at once. Returns the request id (empty: no connection).
    QString send(Protocol::MessageType type, const QJsonObject &payload,
                 const QString &action = {});
    // A request whose outcome is an event: busy until done() (or a refusal).
    void sendAwaited(Protocol::MessageType type, const QJsonObject &payload, const QString &action);
    // A request applied optimistically: only a refusal matters.
    void sendTracked(Protocol::MessageType type, const QJsonObject &payload,
                     const QString &action = {});
    // The awaited request's event arrived.
    void done();
    void setQueuedAction(const QString &action);
    void clearError();
    // Forgets everything (sign-out).
    void clear();

    // A reply to one of ours arrived: accepted, nothing to do.
    void handleReply(const QString &requestId);
    // One of ours was refused: records the error and returns the request's type (nullopt: not
    // one of ours).
    std::optional<Protocol::MessageType> handleError(const QString &requestId,
                                                     const Protocol::ProtocolError &error);

Q_SIGNALS:
    void busyChanged();
    void queuedActionChanged();
    void lastErrorChanged();

private:
    QPointer<ConnectionManager> m_connection;
    QString m_pendingRequest;
    Protocol::MessageType m_pendingType = Protocol::MessageType::Ack;
    QHash<QString, Protocol::MessageType> m_tracked;
    QString m_queuedAction;
    QString m_lastErrorCode;
    QString m_lastError;
    Protocol::LocalizedText m_lastErrorText;
};

} // namespace NebengJek::Client
