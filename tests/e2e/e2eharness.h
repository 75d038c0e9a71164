// SPDX-License-Identifier: MIT
// End-to-end helpers shared by tests/hub (tst_hub_e2e), tests/chaos and tests/cluster: the real
// nebengjek-server executable as a child process on a free loopback port (start, kill -9,
// graceful stop, restart on the same data directory), tokens minted by `nebengjek-server token`,
// and QWebSocket clients that record every event per user (Inbox) across connections, so tests
// can check exactly-once delivery and gap-free sequences after resume.
#pragma once

#include <protocol/messages.h>

#include <QFile>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>
#include <optional>

namespace E2e {

using namespace NebengJek;
using Protocol::Envelope;
using Protocol::MessageType;

// A loaded 2-core CI machine: generous, the happy path takes milliseconds.
constexpr int kStartTimeoutMs = 30000;
constexpr int kReplyTimeoutMs = 20000;

inline const Protocol::GeoPoint kPickup {-6.2000, 106.8166};
inline const Protocol::GeoPoint kDestination {-6.2250, 106.8300};
inline const Protocol::GeoPoint kNearPickup {-6.2010, 106.8170};

inline QJsonObject point(const Protocol::GeoPoint &p)
{
    return {{QStringLiteral("lat"), p.lat}, {QStringLiteral("lng"), p.lng}};
}

inline int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

inline QString str(const Envelope &e, const char *key)
{
    return e.payload.value(QLatin1String(key)).toString();
}

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
    // Every seq from 1 to the last one seen exactly once.
    bool seqIsExactlyOnce(QString *problem = nullptr) const
    {
        for (qint64 seq = 1; seq <= lastSeq; ++seq) {
            if (timesSeen.value(seq) != 1) {
                if (problem)
                    *problem = QStringLiteral("seq %1 seen %2 times (last seq %3)")
                                       .arg(seq)
                                       .arg(timesSeen.value(seq))
                                       .arg(lastSeq);
                return false;
            }
        }
        return true;
    }
};

// One WebSocket connection of a user.
class WsClient : public QObject
{
public:
    explicit WsClient(Inbox *inbox)
        : m_inbox(inbox)
    {
        // Qt 6.4 names the signal error(); errorOccurred() arrives in 6.5.
        connect(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
                [this] { m_failed = true; });
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

    // False when the upgrade is refused (e.g. 503 while the server sheds load) or fails.
    bool open(int port, const QByteArray &token)
    {
        const qsizetype authBefore = m_inbox->ofType(MessageType::AuthSuccess).size();
        m_failed = false;
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
        request.setRawHeader("Authorization", "Bearer " + token);
        m_socket.open(request);
        if (!QTest::qWaitFor(
                    [this] {
                        return m_failed || m_socket.state() == QAbstractSocket::ConnectedState;
                    },
                    kStartTimeoutMs)
            || m_failed)
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
    // Cuts the TCP connection (no close handshake).
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
    // Drops a reply, so that the answer to a retry of the same request can be waited for.
    void forget(const QString &id) { m_replies.remove(id); }
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
    bool m_failed = false;
    bool m_resumeOnGap = false;
    static inline int s_nextId = 0;
};

// `envelope` is evaluated once (QVERIFY2 evaluates its message even on success, and the
// argument is usually a request, which must not be sent twice).
#define VERIFY_TYPE(envelope, expected) \
    do { \
        const E2e::Envelope verifyTypeEnvelope_ = (envelope); \
        QVERIFY2(verifyTypeEnvelope_.type == (expected), \
                 verifyTypeEnvelope_.toJson().constData()); \
    } while (false)

inline bool waitForCount(const Inbox &inbox, MessageType type, int count,
                         int timeoutMs = kReplyTimeoutMs)
{
    return QTest::qWaitFor([&] { return inbox.ofType(type).size() >= count; }, timeoutMs);
}

// The real server as a child process on one port and one data directory, which survive
// kill -9 and restarts.
class ServerHarness
{
public:
    explicit ServerHarness(const QString &binary)
        : m_binary(binary)
        , m_port(freePort())
    { }
    ~ServerHarness() { stop(); }

    bool isValid() const { return QFile::exists(m_binary) && m_dataDir.isValid() && m_port > 0; }
    int port() const { return m_port; }
    QString dataDir() const { return m_dataDir.path(); }
    bool isRunning() const { return m_server && m_server->state() == QProcess::Running; }

    // Limits loose enough for bursts and every message replayable and retryable: the gateway's
    // own limits have their own tests.
    QStringList arguments() const
    {
        return {QStringLiteral("--dev"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1"),
                QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--data-dir"),
                m_dataDir.path(), QStringLiteral("--rate-limit"), QStringLiteral("1000"),
                QStringLiteral("--user-rate-limit"), QStringLiteral("1000"),
                QStringLiteral("--user-rate-burst"), QStringLiteral("100000"),
                QStringLiteral("--rate-burst"), QStringLiteral("100000"),
                QStringLiteral("--retained-events-per-user"), QStringLiteral("10000"),
                QStringLiteral("--idempotency-window"), QStringLiteral("10000"),
                QStringLiteral("--proposal-timeout"), QStringLiteral("60s"),
                QStringLiteral("--presence-grace"), QStringLiteral("1s"),
                // A burst makes the event loop late and the server would shed load
                // (UNAVAILABLE, 503); tests that retry like the app turn it back on.
                QStringLiteral("--shed-lag"), QStringLiteral("0")};
    }

    bool start(QString *error, const QStringList &extraArguments = {})
    {
        m_server = std::make_unique<QProcess>();
        m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server->setStandardOutputFile(QProcess::nullDevice());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=false"));
        m_server->setProcessEnvironment(env);
        m_server->start(m_binary, arguments() + extraArguments);
        if (!m_server->waitForStarted(kStartTimeoutMs)) {
            *error = QStringLiteral("cannot start %1").arg(m_binary);
            return false;
        }
        // Ready when the port accepts connections (a restart may need a moment for the port).
        const bool up = QTest::qWaitFor(
                [this] {
                    if (m_server->state() != QProcess::Running)
                        return true;
                    QTcpSocket probe;
                    probe.connectToHost(QHostAddress::LocalHost, quint16(m_port));
                    return probe.waitForConnected(200);
                },
                kStartTimeoutMs);
        if (!up || m_server->state() != QProcess::Running) {
            *error = QStringLiteral("the server did not come up (exit code %1)")
                             .arg(m_server->exitCode());
            return false;
        }
        return true;
    }

    // SIGKILL: no shutdown code runs, nothing is flushed.
    void kill()
    {
        if (!m_server)
            return;
        m_server->kill();
        m_server->waitForFinished(kStartTimeoutMs);
        m_server.reset();
    }

    void stop()
    {
        if (!m_server)
            return;
        m_server->terminate();
        if (!m_server->waitForFinished(kStartTimeoutMs))
            m_server->kill();
        m_server->waitForFinished(5000);
        m_server.reset();
    }

    // `claims`: more `token` options, e.g. {"--name", "Budi", "--plate", "B 1 XY"}.
    QByteArray mintToken(const QString &userId, const QString &role, const QStringList &claims = {})
    {
        const QString key = userId + QLatin1Char('/') + role + claims.join(QLatin1Char('/'));
        if (m_tokens.contains(key))
            return m_tokens.value(key);
        QProcess minter;
        minter.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        minter.start(m_binary,
                     QStringList {QStringLiteral("token"), QStringLiteral("--dev"),
                                  QStringLiteral("--user-id"), userId, QStringLiteral("--role"),
                                  role}
                             + claims);
        if (!minter.waitForFinished(kStartTimeoutMs) || minter.exitCode() != 0)
            return {};
        const QByteArray token = minter.readAllStandardOutput().trimmed();
        m_tokens.insert(key, token);
        return token;
    }

    // Connects and resumes from the inbox's last seq, exactly like the app does after every
    // (re)connect.
    std::unique_ptr<WsClient> connectAs(Inbox *inbox, const QString &userId, const QString &role,
                                        const QStringList &claims = {})
    {
        const QByteArray token = mintToken(userId, role, claims);
        if (token.isEmpty()) {
            qWarning("could not mint a token");
            return nullptr;
        }
        auto client = std::make_unique<WsClient>(inbox);
        if (!client->open(m_port, token)) {
            qWarning("could not connect as %s", qPrintable(userId));
            return nullptr;
        }
        const Envelope done = client->request(
                MessageType::Resume, {{QStringLiteral("last_seq"), double(inbox->lastSeq)}});
        if (done.type != MessageType::ResumeDone) {
            qWarning("resume failed: %s", done.toJson().constData());
            return nullptr;
        }
        return client;
    }

private:
    QString m_binary;
    QTemporaryDir m_dataDir;
    int m_port = 0;
    std::unique_ptr<QProcess> m_server;
    QHash<QString, QByteArray> m_tokens;
};

// Matches a passenger with a driver and returns the match id (the chat conversation), or an
// empty string.
inline QString matchPair(WsClient *driver, WsClient *passenger,
                         const Protocol::GeoPoint &near = kNearPickup,
                         const Protocol::GeoPoint &pickup = kPickup)
{
    driver->request(MessageType::BeaconUpdate,
                    {{QStringLiteral("is_active"), true},
                     {QStringLiteral("lat"), near.lat},
                     {QStringLiteral("lng"), near.lng}});
    const QString matchId =
            str(passenger->request(MessageType::FinderUpdate,
                                   {{QStringLiteral("pickup"), point(pickup)},
                                    {QStringLiteral("destination"), point(kDestination)}}),
                "match_id");
    if (matchId.isEmpty())
        return {};
    const Envelope accepted = driver->request(
            MessageType::MatchConfirm,
            {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}});
    return accepted.type == MessageType::Ack ? matchId : QString();
}

} // namespace E2e
