// SPDX-License-Identifier: MIT
// A protocol-level WebSocket test client for tests that run the real nebengjek-server: one
// connection of a user (WsClient) and everything the user received across connections and
// servers (Inbox), with requests answered by id.
#pragma once

#include <protocol/messages.h>

#include <QHash>
#include <QNetworkRequest>
#include <QTest>
#include <QWebSocket>

namespace NebengJek::Tests {

using Protocol::Envelope;
using Protocol::MessageType;

// A loaded 2-core CI machine: generous, the happy path takes milliseconds.
constexpr int kStartTimeoutMs = 30000;
constexpr int kReplyTimeoutMs = 20000;

// Everything one user has received, across connections and server restarts.
struct Inbox
{
    QList<Envelope> events; // durable and ephemeral server events (no replies)
    QHash<qint64, int> timesSeen; // seq -> count
    qint64 lastSeq = 0;
    // Like the app: a durable event already seen (by seq) is not taken again. Off where a test
    // proves that the server sends nothing twice.
    bool dropDuplicates = false;

    // The newest seq up to which nothing is missing: where a resume starts.
    qint64 contiguousSeq() const
    {
        qint64 seq = 0;
        while (timesSeen.contains(seq + 1))
            ++seq;
        return seq;
    }

    QList<Envelope> ofType(MessageType type) const
    {
        QList<Envelope> list;
        for (const Envelope &e : events) {
            if (e.type == type)
                list.append(e);
        }
        return list;
    }
};

// One WebSocket connection of a user.
class WsClient : public QObject
{
public:
    explicit WsClient(Inbox *inbox)
        : m_inbox(inbox)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const auto parsed =
                    Protocol::parseEnvelope(text.toUtf8(), Protocol::Direction::FromServer);
            if (!parsed.ok()) {
                qWarning("unparsable frame from the server: %s", qPrintable(text.left(200)));
                return;
            }
            const Envelope &e = *parsed.envelope;
            if (!e.id.isEmpty()) {
                m_replies.insert(e.id, e);
                return;
            }
            if (e.seq > 0) {
                const int seen = ++m_inbox->timesSeen[e.seq];
                m_inbox->lastSeq = qMax(m_inbox->lastSeq, e.seq);
                if (seen > 1 && m_inbox->dropDuplicates)
                    return;
                // Like the app: a gap means a live event was lost; resume from before it.
                if (m_resumeOnGap && e.seq > m_inbox->contiguousSeq() + 1)
                    resumeFromContiguous();
            }
            m_inbox->events.append(e);
        });
    }

    bool open(int port, const QByteArray &token)
    {
        const qsizetype authBefore = m_inbox->ofType(MessageType::AuthSuccess).size();
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
        request.setRawHeader("Authorization", "Bearer " + token);
        m_socket.open(request);
        if (!QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                             kStartTimeoutMs))
            return false;
        // The session is ready once the server said auth_success (no request id: the token
        // came with the upgrade).
        return QTest::qWaitFor(
                [this, authBefore] {
                    return m_inbox->ofType(MessageType::AuthSuccess).size() > authBefore;
                },
                kReplyTimeoutMs);
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    int closeCode() const { return int(m_socket.closeCode()); }
    void close() { m_socket.abort(); }

    void post(MessageType type, const QJsonObject &payload, const QString &id)
    {
        m_socket.sendTextMessage(QString::fromUtf8(Envelope::make(type, payload, id).toJson()));
    }
    std::optional<Envelope> reply(const QString &id, int timeoutMs = kReplyTimeoutMs)
    {
        if (!QTest::qWaitFor([this, &id] { return m_replies.contains(id); }, timeoutMs))
            return std::nullopt;
        return m_replies.value(id);
    }
    bool hasReply(const QString &id) const { return m_replies.contains(id); }
    void setResumeOnGap(bool on) { m_resumeOnGap = on; }
    void resumeFromContiguous()
    {
        post(MessageType::Resume, {{QStringLiteral("last_seq"), double(m_inbox->contiguousSeq())}},
             QStringLiteral("gap-resume-%1").arg(++s_nextId));
    }
    Envelope request(MessageType type, const QJsonObject &payload)
    {
        const QString id = QStringLiteral("e2e-%1").arg(++s_nextId);
        post(type, payload, id);
        const auto r = reply(id);
        if (!r) {
            qWarning("no reply to %s", qPrintable(Protocol::messageTypeName(type)));
            return Envelope::make(MessageType::Error,
                                  {{QStringLiteral("code"), QStringLiteral("NO_REPLY")}});
        }
        return *r;
    }

private:
    Inbox *m_inbox;
    QWebSocket m_socket;
    QHash<QString, Envelope> m_replies;
    bool m_resumeOnGap = false;
    static inline int s_nextId = 0;
};

} // namespace NebengJek::Tests
