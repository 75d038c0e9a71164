// SPDX-License-Identifier: MIT
#include "redisclusterlink.h"

#include "logging.h"

#include <QDateTime>

#include <hiredis/hiredis.h>

namespace NebengJek::Server {

namespace {

const QByteArray kNoticeChannel = QByteArrayLiteral("nj:notice");
constexpr char kSeparator = '\n';
// The first byte of a nj:notice body after the sender: a hub notice or a heartbeat.
constexpr char kKindNotice = 'n';
constexpr char kKindAlive = 'a';
// "These users may have missed durable frames from me": users separated by kSeparator, or
// kEveryUser.
constexpr char kKindCatchUp = 'c';
const QByteArray kEveryUser = QByteArrayLiteral("*");
const QByteArray kUserPrefix = QByteArrayLiteral("nj:u:");
// Beyond this many users to name, the notice asks every node to catch up all its users.
constexpr int kMaxLostUsers = 10000;
constexpr int kUsersPerNotice = 500;

QByteArray userChannel(const QString &userId)
{
    return kUserPrefix + userId.toUtf8();
}

QByteArray roomChannel(const QString &room)
{
    return QByteArrayLiteral("nj:r:") + room.toUtf8();
}

QByteArray nodeChannel(const QString &node)
{
    return QByteArrayLiteral("nj:node:") + node.toUtf8();
}

// Splits "a\nb\nrest" into at most `parts` fields; the last keeps any separators.
QList<QByteArray> splitFields(const QByteArray &payload, int parts)
{
    QList<QByteArray> fields;
    qsizetype from = 0;
    while (fields.size() < parts - 1) {
        const qsizetype at = payload.indexOf(kSeparator, from);
        if (at < 0)
            break;
        fields.append(payload.mid(from, at - from));
        from = at + 1;
    }
    fields.append(payload.mid(from));
    return fields;
}

} // namespace

RedisClusterLink::RedisClusterLink(const Settings &settings, QObject *parent)
    : ClusterLink(parent)
    , m_settings(settings)
    , m_self(settings.nodeId.toUtf8())
    , m_publisher(settings.url, QStringLiteral("publish"))
    , m_subscriber(settings.url, QStringLiteral("subscribe"))
    , m_subscriptions(m_subscriber)
{
    m_clock.start();
    m_subscriptions.add(kNoticeChannel);
    m_subscriptions.add(nodeChannel(m_settings.nodeId));
    connect(&m_subscriptions, &RedisSubscriptions::readyChanged, this,
            &RedisClusterLink::linkStateChanged);
    connect(&m_subscriptions, &RedisSubscriptions::becameLive, this,
            &RedisClusterLink::channelLive);
    connect(&m_subscriber, &RedisConnection::message, this, &RedisClusterLink::onMessage);
    connect(&m_publisher, &RedisConnection::connected, this, &RedisClusterLink::linkStateChanged);
    connect(&m_publisher, &RedisConnection::disconnected, this,
            &RedisClusterLink::linkStateChanged);
    m_heartbeat.setInterval(m_settings.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &RedisClusterLink::heartbeat);
}

RedisClusterLink::~RedisClusterLink() = default;

void RedisClusterLink::start()
{
    m_publisher.open();
    m_subscriber.open();
    m_heartbeat.start();
}

bool RedisClusterLink::isConnected() const
{
    return m_publisher.isConnected() && m_subscriptions.isReady();
}

QString RedisClusterLink::lastError() const
{
    if (!m_publisher.isConnected())
        return m_publisher.lastError();
    if (!m_subscriber.isConnected())
        return m_subscriber.lastError();
    return m_subscriptions.isReady() ? QString() : QStringLiteral("subscribing");
}

CircuitBreaker::State RedisClusterLink::breakerState() const
{
    const CircuitBreaker::State a = m_publisher.breaker().state();
    const CircuitBreaker::State b = m_subscriber.breaker().state();
    return CircuitBreaker::stateValue(a) >= CircuitBreaker::stateValue(b) ? a : b;
}

void RedisClusterLink::linkStateChanged()
{
    const bool now = isConnected();
    if (now == m_wasConnected)
        return;
    m_wasConnected = now;
    if (!now)
        return;
    // Publishing works and Redis confirmed every subscription: from here on what is published
    // reaches us, and whatever was published before is in the log for the replay (relinked).
    m_everConnected = true;
    qCInfo(lcCluster).noquote() << QStringLiteral("event=cluster_linked node=") + m_settings.nodeId;
    heartbeat();
    reportLosses();
    Q_EMIT relinked();
}

void RedisClusterLink::channelLive(const QByteArray &channel)
{
    // A user's channel became live after the user connected here: frames published before are
    // only in the log.
    if (channel.startsWith(kUserPrefix))
        Q_EMIT catchUpNeeded({QString::fromUtf8(channel.mid(kUserPrefix.size()))});
}

void RedisClusterLink::lostFor(const QString &userId)
{
    if (m_lostForAll)
        return;
    m_lostUsers.insert(userId);
    if (m_lostUsers.size() > kMaxLostUsers) {
        m_lostForAll = true;
        m_lostUsers.clear();
    }
}

// Tells the other nodes which users may have missed durable frames from this node while it
// was not linked (or when the connection dropped with PUBLISHes in flight).
void RedisClusterLink::reportLosses()
{
    QList<QByteArray> bodies;
    if (m_lostForAll) {
        bodies.append(kEveryUser);
    } else {
        QByteArray body;
        int inBody = 0;
        for (const QString &user : std::as_const(m_lostUsers)) {
            if (inBody == kUsersPerNotice) {
                bodies.append(body);
                body.clear();
                inBody = 0;
            }
            if (inBody++ > 0)
                body += kSeparator;
            body += user.toUtf8();
        }
        if (inBody > 0)
            bodies.append(body);
    }
    m_lostUsers.clear();
    m_lostForAll = false;
    for (const QByteArray &body : std::as_const(bodies)) {
        const QByteArray payload = m_self + kSeparator + kKindCatchUp + body;
        const bool queued = m_publisher.command(
                {"PUBLISH", kNoticeChannel, payload}, [this, body](const redisReply *reply) {
                    if (!reply || reply->type == REDIS_REPLY_ERROR)
                        lossesReported(body); // not told: again when linked next time
                });
        if (queued)
            ++m_published;
        else
            lossesReported(body);
    }
}

// A catch-up notice that did not go out: its users are lost again.
void RedisClusterLink::lossesReported(const QByteArray &body)
{
    if (body == kEveryUser) {
        m_lostForAll = true;
        m_lostUsers.clear();
        return;
    }
    for (const QByteArray &user : body.split(kSeparator))
        lostFor(QString::fromUtf8(user));
}

void RedisClusterLink::publish(const QByteArray &channel, const QByteArray &payload)
{
    if (m_publisher.command({"PUBLISH", channel, payload}))
        ++m_published;
    else
        ++m_dropped; // at-most-once: durable events are recovered from the log on resume
}

void RedisClusterLink::userAttached(const QString &userId)
{
    m_subscriptions.add(userChannel(userId));
}

void RedisClusterLink::userDetached(const QString &userId)
{
    m_subscriptions.remove(userChannel(userId));
}

void RedisClusterLink::sendToUser(const QString &userId, qint64 seq, const QByteArray &frame)
{
    const QByteArray channel = userChannel(userId);
    const QByteArray payload = m_self + kSeparator + QByteArray::number(seq) + kSeparator + frame;
    if (seq <= 0) {
        publish(channel, payload); // ephemeral: lost is lost
        return;
    }
    // Durable: should it not reach Redis (not linked, or the connection drops before the
    // reply), the user's node is told to catch them up once this node is linked again.
    const bool queued = m_publisher.command({"PUBLISH", channel, payload},
                                            [this, userId](const redisReply *reply) {
                                                if (!reply || reply->type == REDIS_REPLY_ERROR)
                                                    lostFor(userId);
                                            });
    if (queued) {
        ++m_published;
    } else {
        ++m_dropped;
        lostFor(userId);
    }
}

void RedisClusterLink::roomAttached(const QString &room)
{
    m_subscriptions.add(roomChannel(room));
}

void RedisClusterLink::roomDetached(const QString &room)
{
    m_subscriptions.remove(roomChannel(room));
}

void RedisClusterLink::sendToRoom(const QString &room, const QByteArray &frame)
{
    publish(roomChannel(room), m_self + kSeparator + frame);
}

void RedisClusterLink::broadcast(const QByteArray &notice)
{
    publish(kNoticeChannel, m_self + kSeparator + kKindNotice + notice);
}

// Atomically: add the connection, and take out (and return) the oldest beyond the limit.
// Entries of a node that died are simply the oldest, so they are the first to go.
const QByteArray kBindScript =
        QByteArrayLiteral("redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])\n"
                          "redis.call('EXPIRE', KEYS[1], 86400)\n"
                          "local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])\n"
                          "if excess <= 0 then return {} end\n"
                          "local old = redis.call('ZRANGE', KEYS[1], 0, excess - 1)\n"
                          "redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)\n"
                          "return old\n");

void RedisClusterLink::connectionBound(const QString &userId, quint64 connection, int limit)
{
    if (limit <= 0)
        return;
    const QByteArray member = m_self + '|' + QByteArray::number(connection);
    m_publisher.command({"EVAL", kBindScript, "1", "nj:conns:" + userId.toUtf8(),
                         QByteArray::number(QDateTime::currentMSecsSinceEpoch()), member,
                         QByteArray::number(limit)},
                        [this](const redisReply *reply) {
                            if (!reply || reply->type != REDIS_REPLY_ARRAY)
                                return;
                            for (size_t i = 0; i < reply->elements; ++i) {
                                const redisReply *e = reply->element[i];
                                if (e->type != REDIS_REPLY_STRING)
                                    continue;
                                const QByteArray old(e->str, qsizetype(e->len));
                                const qsizetype bar = old.lastIndexOf('|');
                                const QByteArray node = old.left(bar);
                                const quint64 id = old.mid(bar + 1).toULongLong();
                                if (node == m_self)
                                    Q_EMIT kickRequested(id);
                                else
                                    kick(QString::fromUtf8(node), id);
                            }
                        });
}

void RedisClusterLink::connectionUnbound(const QString &userId, quint64 connection)
{
    m_publisher.command(
            {"ZREM", "nj:conns:" + userId.toUtf8(), m_self + '|' + QByteArray::number(connection)});
}

void RedisClusterLink::kick(const QString &node, quint64 connection)
{
    publish(nodeChannel(node), m_self + kSeparator + "kick " + QByteArray::number(connection));
}

void RedisClusterLink::heartbeat()
{
    publish(kNoticeChannel, m_self + kSeparator + kKindAlive);
    const qint64 now = m_clock.elapsed();
    if (!isConnected()) {
        // We cannot hear anybody: that says nothing about them. Judge again once linked.
        for (auto it = m_lastHeard.begin(); it != m_lastHeard.end(); ++it)
            it.value() = now;
        return;
    }
    QStringList lost;
    for (auto it = m_lastHeard.cbegin(); it != m_lastHeard.cend(); ++it) {
        if (now - it.value() > m_settings.nodeTimeoutMs)
            lost.append(it.key());
    }
    for (const QString &node : std::as_const(lost)) {
        m_lastHeard.remove(node);
        qCWarning(lcCluster).noquote() << QStringLiteral("event=node_lost node=") + node;
        Q_EMIT nodeLost(node);
    }
}

void RedisClusterLink::onMessage(const QByteArray &channel, const QByteArray &payload)
{
    const qsizetype end = payload.indexOf(kSeparator);
    if (end <= 0)
        return;
    const QByteArray from = payload.left(end);
    if (from == m_self)
        return; // delivered locally before it was published
    ++m_received;
    const QString fromNode = QString::fromUtf8(from);
    if (channel == kNoticeChannel) {
        const bool known = m_lastHeard.contains(fromNode);
        m_lastHeard.insert(fromNode, m_clock.elapsed());
        const QByteArray body = payload.mid(end + 1);
        if (!known)
            qCInfo(lcCluster).noquote() << QStringLiteral("event=node_seen node=") + fromNode;
        if (body.startsWith(kKindNotice))
            Q_EMIT notice(fromNode, body.mid(1));
        else if (body.startsWith(kKindCatchUp))
            catchUpRequested(body.mid(1));
        return;
    }
    if (channel.startsWith(kUserPrefix)) {
        const QList<QByteArray> fields = splitFields(payload, 3);
        if (fields.size() == 3)
            Q_EMIT userFrame(QString::fromUtf8(channel.mid(kUserPrefix.size())),
                             fields[1].toLongLong(), fields[2]);
        return;
    }
    if (channel.startsWith("nj:r:")) {
        Q_EMIT roomFrame(QString::fromUtf8(channel.mid(5)), payload.mid(end + 1));
        return;
    }
    const QByteArray command = payload.mid(end + 1);
    if (command.startsWith("kick "))
        Q_EMIT kickRequested(command.mid(5).toULongLong());
}

// Another node names users that may have missed its durable frames: those held here catch up.
void RedisClusterLink::catchUpRequested(const QByteArray &body)
{
    QStringList users;
    if (body == kEveryUser) {
        for (const QByteArray &channel : m_subscriptions.channels()) {
            if (channel.startsWith(kUserPrefix))
                users.append(QString::fromUtf8(channel.mid(kUserPrefix.size())));
        }
    } else {
        for (const QByteArray &user : body.split(kSeparator)) {
            if (!user.isEmpty())
                users.append(QString::fromUtf8(user));
        }
    }
    if (!users.isEmpty())
        Q_EMIT catchUpNeeded(users);
}

} // namespace NebengJek::Server
