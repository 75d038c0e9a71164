// SPDX-License-Identifier: MIT
#include "chatmodel.h"

#include "connection/connectionmanager.h"
#include "logging.h"

#include <protocol/messages/chatmessages.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

namespace NebengJek::Client {

using namespace Protocol;

namespace {
QString statusName(ChatModel::Status s)
{
    switch (s) {
    case ChatModel::Pending:
        return QStringLiteral("pending");
    case ChatModel::Sent:
        return QStringLiteral("sent");
    case ChatModel::Read:
        return QStringLiteral("read");
    case ChatModel::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("pending");
}

ChatModel::Status statusFromName(const QString &name)
{
    if (name == QLatin1String("sent"))
        return ChatModel::Sent;
    if (name == QLatin1String("read"))
        return ChatModel::Read;
    if (name == QLatin1String("failed"))
        return ChatModel::Failed;
    return ChatModel::Pending;
}
} // namespace

ChatModel::ChatModel(ConnectionManager *connection, QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
{
    m_typingIdle.setSingleShot(true);
    m_typingIdle.setInterval(kTypingIdleMs);
    connect(&m_typingIdle, &QTimer::timeout, this, [this] { setTyping(false); });
    m_partnerTypingExpiry.setSingleShot(true);
    m_partnerTypingExpiry.setInterval(kPartnerTypingTimeoutMs);
    connect(&m_partnerTypingExpiry, &QTimer::timeout, this, [this] { setPartnerTyping(false); });
    if (!connection)
        return;
    connect(connection, &ConnectionManager::messageReceived, this, &ChatModel::onMessage);
    connect(connection, &ConnectionManager::replyReceived, this, &ChatModel::onReply);
    connect(connection, &ConnectionManager::errorReceived, this, &ChatModel::onError);
}

int ChatModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant ChatModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message &m = m_messages.at(index.row());
    switch (role) {
    case MessageIdRole:
        return m.messageId;
    case TempIdRole:
        return m.tempId;
    case Qt::DisplayRole:
    case BodyRole:
        return m.body;
    case SenderIdRole:
        return m.senderId;
    case MineRole:
        return m.mine;
    case SentAtRole:
        return m.sentAt;
    case StatusRole:
        return int(m.status);
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatModel::roleNames() const
{
    return {{MessageIdRole, "messageId"}, {TempIdRole, "tempId"}, {BodyRole, "body"},
            {SenderIdRole, "senderId"},   {MineRole, "mine"},     {SentAtRole, "sentAt"},
            {StatusRole, "status"}};
}

void ChatModel::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged();
    if (m_active)
        markRead();
}

void ChatModel::setConversation(const QString &matchId, const QString &partnerId)
{
    if (m_matchId == matchId && m_partnerId == partnerId)
        return;
    if (m_matchId != matchId) {
        if (m_typingSent)
            sendTyping(false);
        beginResetModel();
        m_messages.clear();
        m_matchId = matchId;
        load();
        endResetModel();
        m_sendRequests.clear();
        setPartnerTyping(false);
        const int unread =
                int(std::count_if(m_messages.cbegin(), m_messages.cend(),
                                  [](const Message &m) { return !m.mine && m.status != Read; }));
        if (unread != m_unreadCount) {
            m_unreadCount = unread;
            Q_EMIT unreadCountChanged();
        }
        Q_EMIT countChanged();
    }
    m_partnerId = partnerId;
    Q_EMIT conversationChanged();
}

bool ChatModel::send(const QString &text)
{
    const QString body = text.trimmed();
    if (body.isEmpty() || body.size() > kMaxBodyLength || m_matchId.isEmpty())
        return false;
    Message m;
    m.tempId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.body = body;
    m.senderId = m_userId;
    m.mine = true;
    m.sentAt = QDateTime::currentMSecsSinceEpoch();
    m.status = Pending;
    append(m);
    sendMessage(m);
    if (m_typingSent)
        sendTyping(false);
    m_typingIdle.stop();
    save();
    return true;
}

void ChatModel::sendMessage(const Message &message)
{
    if (!m_connection)
        return;
    MessageSend request;
    request.matchId = m_matchId;
    request.tempId = message.tempId;
    request.body = message.body;
    m_sendRequests.insert(m_connection->send(request.kType, request.toJson()), message.tempId);
}

void ChatModel::retry(const QString &tempId)
{
    const int row = rowOfTempId(tempId);
    if (row < 0 || m_messages.at(row).status != Failed)
        return;
    setStatus(row, Pending);
    sendMessage(m_messages.at(row));
    save();
}

void ChatModel::markRead()
{
    if (m_matchId.isEmpty() || m_unreadCount == 0)
        return;
    QString upTo;
    for (int row = 0; row < m_messages.size(); ++row) {
        const Message &m = m_messages.at(row);
        if (m.mine || m.status == Read)
            continue;
        upTo = m.messageId;
        setStatus(row, Read);
    }
    m_unreadCount = 0;
    Q_EMIT unreadCountChanged();
    if (m_connection && !upTo.isEmpty()) {
        MessageRead request;
        request.matchId = m_matchId;
        request.upToMessageId = upTo;
        m_connection->send(request.kType, request.toJson());
    }
    save();
}

void ChatModel::setTyping(bool typing)
{
    if (m_matchId.isEmpty())
        return;
    if (!typing) {
        m_typingIdle.stop();
        if (m_typingSent)
            sendTyping(false);
        return;
    }
    m_typingIdle.start();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_typingSent || now - m_typingSentAt >= kTypingResendMs)
        sendTyping(true);
}

void ChatModel::sendTyping(bool typing)
{
    m_typingSent = typing;
    m_typingSentAt = QDateTime::currentMSecsSinceEpoch();
    // Typing is ephemeral: not worth a place in the offline queue.
    if (!m_connection || m_connection->state() != ConnectionManager::Connected)
        return;
    Typing t;
    t.matchId = m_matchId;
    t.isTyping = typing;
    QJsonObject payload = t.toJson();
    payload.remove(QStringLiteral("user_id"));
    m_connection->send(t.kType, payload);
}

void ChatModel::setPartnerTyping(bool typing)
{
    if (typing)
        m_partnerTypingExpiry.start();
    else
        m_partnerTypingExpiry.stop();
    if (m_partnerTyping == typing)
        return;
    m_partnerTyping = typing;
    Q_EMIT partnerTypingChanged();
}

void ChatModel::onMessage(const Envelope &envelope)
{
    switch (envelope.type) {
    case MessageType::MessageNew: {
        const auto decoded = decode<MessageNew>(envelope.payload);
        if (!decoded.ok()) {
            qCWarning(lcClientChat) << "bad message.new:" << decoded.error.message;
            return;
        }
        if (decoded->matchId != m_matchId) {
            qCDebug(lcClientChat) << "message for another conversation ignored";
            return;
        }
        if (rowOfMessageId(decoded->messageId) >= 0)
            return; // a replay after resume
        Message m;
        m.messageId = decoded->messageId;
        m.body = decoded->body;
        m.senderId = decoded->senderId;
        m.sentAt = decoded->sentAt;
        m.mine = decoded->senderId == m_userId;
        m.status = Sent; // incoming: delivered, unread until markRead()
        append(m);
        if (!m.mine) {
            setPartnerTyping(false);
            ++m_unreadCount;
            Q_EMIT unreadCountChanged();
            if (m_active)
                markRead();
            else
                Q_EMIT messageArrived(m.senderId, m.body);
        }
        save();
        break;
    }
    case MessageType::MessageSent:
        applySent(envelope.payload);
        break;
    case MessageType::ReadUpdate: {
        const auto decoded = decode<ReadUpdate>(envelope.payload);
        if (!decoded.ok() || decoded->matchId != m_matchId)
            return;
        // Read up to the newest listed message: everything of mine before it is read too.
        int lastRow = -1;
        for (const QString &id : decoded->messageIds)
            lastRow = std::max(lastRow, rowOfMessageId(id));
        for (int row = 0; row <= lastRow; ++row) {
            if (m_messages.at(row).mine && m_messages.at(row).status == Sent)
                setStatus(row, Read);
        }
        save();
        break;
    }
    case MessageType::Typing: {
        const auto decoded = decode<Typing>(envelope.payload);
        if (!decoded.ok() || decoded->matchId != m_matchId || decoded->userId == m_userId)
            return;
        setPartnerTyping(decoded->isTyping);
        break;
    }
    default:
        break;
    }
}

void ChatModel::onReply(const QString &requestId, const Envelope &envelope)
{
    m_sendRequests.remove(requestId);
    if (envelope.type == MessageType::MessageSent)
        applySent(envelope.payload);
}

void ChatModel::applySent(const QJsonObject &payload)
{
    const auto decoded = decode<MessageSent>(payload);
    if (!decoded.ok() || decoded->matchId != m_matchId)
        return;
    const int row = rowOfTempId(decoded->tempId);
    if (row < 0)
        return;
    Message &m = m_messages[row];
    m.messageId = decoded->messageId;
    m.sentAt = decoded->sentAt;
    if (m.status == Pending || m.status == Failed)
        m.status = Sent;
    Q_EMIT dataChanged(index(row), index(row));
    save();
}

void ChatModel::onError(const QString &requestId, const ProtocolError &error)
{
    const QString tempId = m_sendRequests.take(requestId);
    if (tempId.isEmpty())
        return;
    const int row = rowOfTempId(tempId);
    if (row < 0)
        return;
    qCInfo(lcClientChat) << "message not sent:" << errorCodeName(error.code);
    setStatus(row, Failed);
    save();
}

int ChatModel::rowOfMessageId(const QString &id) const
{
    if (id.isEmpty())
        return -1;
    for (int row = int(m_messages.size()) - 1; row >= 0; --row) {
        if (m_messages.at(row).messageId == id)
            return row;
    }
    return -1;
}

int ChatModel::rowOfTempId(const QString &tempId) const
{
    if (tempId.isEmpty())
        return -1;
    for (int row = int(m_messages.size()) - 1; row >= 0; --row) {
        if (m_messages.at(row).tempId == tempId)
            return row;
    }
    return -1;
}

void ChatModel::setStatus(int row, Status status)
{
    if (m_messages.at(row).status == status)
        return;
    m_messages[row].status = status;
    Q_EMIT dataChanged(index(row), index(row), {StatusRole});
}

void ChatModel::append(const Message &message)
{
    const int row = int(m_messages.size());
    beginInsertRows({}, row, row);
    m_messages.append(message);
    endInsertRows();
    if (m_messages.size() > kMaxCachedMessages) {
        beginRemoveRows({}, 0, 0);
        m_messages.removeFirst();
        endRemoveRows();
    }
    Q_EMIT countChanged();
}

QString ChatModel::cacheFile() const
{
    if (m_cacheDir.isEmpty() || m_matchId.isEmpty())
        return {};
    return QDir(m_cacheDir).filePath(QStringLiteral("chat-%1.json").arg(m_matchId));
}

void ChatModel::load()
{
    const QString path = cacheFile();
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll())
                                     .object()
                                     .value(QStringLiteral("messages"))
                                     .toArray();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        Message m;
        m.messageId = o.value(QStringLiteral("message_id")).toString();
        m.tempId = o.value(QStringLiteral("temp_id")).toString();
        m.body = o.value(QStringLiteral("body")).toString();
        m.senderId = o.value(QStringLiteral("sender_id")).toString();
        m.sentAt = qint64(o.value(QStringLiteral("sent_at")).toDouble());
        m.status = statusFromName(o.value(QStringLiteral("status")).toString());
        m.mine = o.value(QStringLiteral("mine")).toBool();
        if (!m.body.isEmpty())
            m_messages.append(m);
    }
}

void ChatModel::save() const
{
    const QString path = cacheFile();
    if (path.isEmpty())
        return;
    QJsonArray array;
    for (const Message &m : m_messages) {
        array.append(QJsonObject {{QStringLiteral("message_id"), m.messageId},
                                  {QStringLiteral("temp_id"), m.tempId},
                                  {QStringLiteral("body"), m.body},
                                  {QStringLiteral("sender_id"), m.senderId},
                                  {QStringLiteral("sent_at"), double(m.sentAt)},
                                  {QStringLiteral("status"), statusName(m.status)},
                                  {QStringLiteral("mine"), m.mine}});
    }
    QDir().mkpath(m_cacheDir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcClientChat) << "cannot write the chat cache:" << file.errorString();
        return;
    }
    file.write(QJsonDocument(QJsonObject {{QStringLiteral("messages"), array}})
                       .toJson(QJsonDocument::Compact));
    if (!file.commit())
        qCWarning(lcClientChat) << "cannot write the chat cache:" << file.errorString();
}

} // namespace NebengJek::Client
