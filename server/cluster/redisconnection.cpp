// SPDX-License-Identifier: MIT
#include "redisconnection.h"

#include "logging.h"

#include <QRandomGenerator>
#include <QSocketNotifier>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <vector>

namespace NebengJek::Server {

namespace {

constexpr int kFirstBackoffMs = 100;
constexpr int kMaxBackoffMs = 5000;

RedisConnection *owner(const redisAsyncContext *context)
{
    return context ? static_cast<RedisConnection *>(context->data) : nullptr;
}

} // namespace

RedisConnection::RedisConnection(const RedisUrl &url, const QString &name, QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_name(name)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisConnection::connectNow);
}

RedisConnection::~RedisConnection()
{
    m_closing = true;
    if (m_context) {
        redisAsyncContext *context = std::exchange(m_context, nullptr);
        redisAsyncFree(context); // pending handlers are dropped (m_closing), never called
    }
}

void RedisConnection::open()
{
    if (!m_context && !m_reconnectTimer.isActive())
        connectNow();
}

void RedisConnection::connectNow()
{
    if (m_closing || m_context)
        return;
    if (!m_breaker.allowRequest()) {
        scheduleReconnect();
        return;
    }
    redisAsyncContext *context = redisAsyncConnect(m_url.host.toUtf8().constData(), m_url.port);
    if (!context || context->err) {
        const QString reason =
                context ? QString::fromUtf8(context->errstr) : QStringLiteral("out of memory");
        if (context)
            redisAsyncFree(context);
        lost(reason);
        return;
    }
    m_context = context;
    context->data = this;
    context->ev.data = this;
    context->ev.addRead = &RedisConnection::addRead;
    context->ev.delRead = &RedisConnection::delRead;
    context->ev.addWrite = &RedisConnection::addWrite;
    context->ev.delWrite = &RedisConnection::delWrite;
    context->ev.cleanup = &RedisConnection::cleanup;
    redisAsyncSetConnectCallback(context, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisConnection::onDisconnect);
    // hiredis asks for write interest while connecting; the notifiers exist from here on.
    m_read = new QSocketNotifier(qintptr(context->c.fd), QSocketNotifier::Read, this);
    m_write = new QSocketNotifier(qintptr(context->c.fd), QSocketNotifier::Write, this);
    m_read->setEnabled(false);
    m_write->setEnabled(false);
    connect(m_read, &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleRead(m_context);
    });
    connect(m_write, &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleWrite(m_context);
    });
    addWrite(this);
}

void RedisConnection::onConnect(const redisAsyncContext *context, int status)
{
    RedisConnection *self = owner(context);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees the context right after this callback.
        self->m_context = nullptr;
        self->lost(QString::fromUtf8(context->errstr));
        return;
    }
    self->m_connected = true;
    self->m_backoffMs = 0;
    self->m_breaker.recordSuccess();
    self->m_lastError.clear();
    if (self->m_url.database != 0)
        self->command({"SELECT", QByteArray::number(self->m_url.database)});
    qCInfo(lcCluster).noquote() << QStringLiteral("event=redis_connected conn=") + self->m_name;
    Q_EMIT self->connected();
}

void RedisConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    RedisConnection *self = owner(context);
    if (!self)
        return;
    self->m_context = nullptr; // freed by hiredis after this callback
    if (self->m_closing)
        return;
    self->lost(status == REDIS_OK ? QStringLiteral("closed") : QString::fromUtf8(context->errstr));
}

void RedisConnection::lost(const QString &reason)
{
    const bool wasConnected = std::exchange(m_connected, false);
    if (!wasConnected)
        m_breaker.recordFailure(); // an attempt failed (a drop after success is not one)
    m_lastError = reason.isEmpty() ? QStringLiteral("connection lost") : reason;
    if (wasConnected) {
        qCWarning(lcCluster).noquote() << QStringLiteral("event=redis_disconnected conn=")
                        + m_name << QStringLiteral("reason=\"") + m_lastError + QLatin1Char('"');
    }
    Q_EMIT disconnected(m_lastError);
    scheduleReconnect();
}

void RedisConnection::scheduleReconnect()
{
    if (m_closing || m_reconnectTimer.isActive())
        return;
    m_backoffMs = m_backoffMs == 0 ? kFirstBackoffMs : qMin(kMaxBackoffMs, m_backoffMs * 2);
    // Jitter, so the nodes of a cluster do not reconnect in lockstep after a Redis restart.
    int delay = m_backoffMs / 2 + int(QRandomGenerator::global()->bounded(m_backoffMs / 2 + 1));
    if (m_breaker.state() == CircuitBreaker::State::Open)
        delay = qMax(delay, int(m_breaker.remainingCoolDownMs()));
    m_reconnectTimer.start(delay);
}

bool RedisConnection::send(const QByteArrayList &args,
                           void (*callback)(redisAsyncContext *, void *, void *), void *privdata)
{
    if (!m_context || !m_connected)
        return false;
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray &arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    return redisAsyncCommandArgv(m_context, callback, privdata, int(argv.size()), argv.data(),
                                 lengths.data())
            == REDIS_OK;
}

bool RedisConnection::command(const QByteArrayList &args, ReplyHandler handler)
{
    auto *heap = new ReplyHandler(std::move(handler));
    if (!send(args, &RedisConnection::onReply, heap)) {
        delete heap;
        return false;
    }
    return true;
}

void RedisConnection::onReply(redisAsyncContext *context, void *reply, void *privdata)
{
    auto *handler = static_cast<ReplyHandler *>(privdata);
    RedisConnection *self = owner(context);
    if (*handler && self && !self->m_closing)
        (*handler)(static_cast<const redisReply *>(reply));
    delete handler;
}

bool RedisConnection::subscribe(const QByteArray &channel)
{
    return send({"SUBSCRIBE", channel}, &RedisConnection::onPush, this);
}

bool RedisConnection::unsubscribe(const QByteArray &channel)
{
    return send({"UNSUBSCRIBE", channel}, &RedisConnection::onPush, this);
}

void RedisConnection::onPush(redisAsyncContext *context, void *reply, void *)
{
    RedisConnection *self = owner(context);
    const auto *r = static_cast<const redisReply *>(reply);
    if (!self || self->m_closing || !r || r->type != REDIS_REPLY_ARRAY || r->elements != 3)
        return;
    const redisReply *kind = r->element[0];
    const redisReply *channel = r->element[1];
    if (kind->type != REDIS_REPLY_STRING || channel->type != REDIS_REPLY_STRING)
        return;
    const QByteArray what(kind->str, qsizetype(kind->len));
    const QByteArray name(channel->str, qsizetype(channel->len));
    if (what == "message") {
        const redisReply *payload = r->element[2];
        if (payload->type == REDIS_REPLY_STRING)
            Q_EMIT self->message(name, QByteArray(payload->str, qsizetype(payload->len)));
    } else if (what == "subscribe") {
        Q_EMIT self->subscribed(name);
    } else if (what == "unsubscribe") {
        Q_EMIT self->unsubscribed(name);
    }
}

void RedisConnection::addRead(void *data)
{
    if (auto *n = static_cast<RedisConnection *>(data)->m_read)
        n->setEnabled(true);
}

void RedisConnection::delRead(void *data)
{
    if (auto *n = static_cast<RedisConnection *>(data)->m_read)
        n->setEnabled(false);
}

void RedisConnection::addWrite(void *data)
{
    if (auto *n = static_cast<RedisConnection *>(data)->m_write)
        n->setEnabled(true);
}

void RedisConnection::delWrite(void *data)
{
    if (auto *n = static_cast<RedisConnection *>(data)->m_write)
        n->setEnabled(false);
}

void RedisConnection::cleanup(void *data)
{
    auto *self = static_cast<RedisConnection *>(data);
    // May run inside a notifier's activation: disable now, delete later.
    for (QSocketNotifier **n : {&self->m_read, &self->m_write}) {
        if (*n) {
            (*n)->setEnabled(false);
            (*n)->deleteLater();
            *n = nullptr;
        }
    }
}

} // namespace NebengJek::Server
