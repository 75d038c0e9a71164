// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>
#include <protocol/protocolerror.h>

#include <QAbstractListModel>
#include <QPointer>
#include <QTimer>

namespace NebengJek::Client {

class ConnectionManager;

// The conversation with the matched partner (one per match): optimistic sending with
// pending -> sent -> read states, read receipts both ways, typing indicator. Cached per match
// on disk so a restart shows the conversation (the protocol has no history request).
class ChatModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString matchId READ matchId NOTIFY conversationChanged)
    Q_PROPERTY(QString partnerId READ partnerId NOTIFY conversationChanged)
    Q_PROPERTY(bool available READ available NOTIFY conversationChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(bool partnerTyping READ partnerTyping NOTIFY partnerTypingChanged)
    // True while the conversation is on screen: incoming messages are marked read at once.
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
public:
    enum Status { Pending, Sent, Read, Failed };
    Q_ENUM(Status)
    enum Roles {
        MessageIdRole = Qt::UserRole + 1,
        TempIdRole,
        BodyRole,
        SenderIdRole,
        MineRole,
        SentAtRole,
        StatusRole,
    };
    Q_ENUM(Roles)

    // Same limit as the server's, so the app refuses before sending instead of after.
    static constexpr int kMaxBodyLength = 2000;
    // Kept per conversation on disk; a ride's chat is short.
    static constexpr int kMaxCachedMessages = 500;
    // "typing" is re-sent at most this often while the user keeps typing.
    static constexpr int kTypingResendMs = 3000;
    // No keystroke for this long ends "typing".
    static constexpr int kTypingIdleMs = 4000;
    // The partner's "typing" fades after this long without a refresh (a lost "false").
    static constexpr int kPartnerTypingTimeoutMs = 6000;

    explicit ChatModel(ConnectionManager *connection, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString matchId() const { return m_matchId; }
    QString partnerId() const { return m_partnerId; }
    bool available() const { return !m_matchId.isEmpty(); }
    int unreadCount() const { return m_unreadCount; }
    bool partnerTyping() const { return m_partnerTyping; }
    bool active() const { return m_active; }
    void setActive(bool active);

    void setUserId(const QString &userId) { m_userId = userId; }
    // Tests shorten the fade-out of the partner's "typing".
    void setPartnerTypingTimeout(int ms) { m_partnerTypingExpiry.setInterval(ms); }
    // Directory of the per-match caches; empty: no persistence.
    void setCacheDirectory(const QString &dir) { m_cacheDir = dir; }
    // Switches to the conversation of a match (empty: none). Loads its cache.
    void setConversation(const QString &matchId, const QString &partnerId);

    // Queues the message (sent at once when connected); false if empty or too long.
    Q_INVOKABLE bool send(const QString &text);
    Q_INVOKABLE void markRead();
    Q_INVOKABLE void setTyping(bool typing);
    // Sends a failed message again.
    Q_INVOKABLE void retry(const QString &tempId);

Q_SIGNALS:
    void conversationChanged();
    void countChanged();
    void unreadCountChanged();
    void partnerTypingChanged();
    void activeChanged();
    // A message from the partner arrived while the conversation was not on screen.
    void messageArrived(const QString &senderId, const QString &body);

private:
    struct Message
    {
        QString messageId;
        QString tempId;
        QString body;
        QString senderId;
        qint64 sentAt = 0;
        Status status = Pending;
        bool mine = false;
    };

    void onMessage(const Protocol::Envelope &envelope);
    void onReply(const QString &requestId, const Protocol::Envelope &envelope);
    void onError(const QString &requestId, const Protocol::ProtocolError &error);
    void applySent(const QJsonObject &payload);
    void sendMessage(const Message &message);
    void setPartnerTyping(bool typing);
    void sendTyping(bool typing);
    int rowOfMessageId(const QString &id) const;
    int rowOfTempId(const QString &tempId) const;
    void setStatus(int row, Status status);
    void append(const Message &message);
    QString cacheFile() const;
    void load();
    void save() const;

    QPointer<ConnectionManager> m_connection;
    QList<Message> m_messages; // oldest first
    QHash<QString, QString> m_sendRequests; // request id -> temp id
    QString m_userId;
    QString m_matchId;
    QString m_partnerId;
    QString m_cacheDir;
    int m_unreadCount = 0;
    bool m_partnerTyping = false;
    bool m_active = false;
    bool m_typingSent = false;
    qint64 m_typingSentAt = 0;
    QTimer m_typingIdle;
    QTimer m_partnerTypingExpiry;
};

} // namespace NebengJek::Client
