// SPDX-License-Identifier: MIT
#pragma once

#include "redisurl.h"

#include <hub/circuitbreaker.h>

#include <QByteArrayList>
#include <QObject>
#include <QTimer>

#include <functional>

struct redisAsyncContext;
struct redisReply;
class QSocketNotifier;

namespace NebengJek::Server {

// One asynchronous connection to Redis (hiredis) driven by Qt's event loop through two socket
// notifiers. Reconnects by itself with exponential backoff after it is lost.
//
// We do not use hiredis' adapters/qt.h: it defines a Q_OBJECT class and static functions in a
// header, so it can be included by one translation unit only and needs moc on a system
// header; these few lines own the notifiers and make the reconnect explicit.
class RedisConnection : public QObject
{
    Q_OBJECT
public:
    // The reply, or nullptr when the connection was lost before it arrived.
    using ReplyHandler = std::function<void(const redisReply *reply)>;

    RedisConnection(const RedisUrl &url, const QString &name, QObject *parent = nullptr);
    ~RedisConnection() override;

    // Starts connecting (and reconnecting whenever the connection is lost).
    void open();
    bool isConnected() const { return m_connected; }
    QString lastError() const { return m_lastError; }
    // Guards the connection attempts: open after repeated failures, then one probe per
    // cool-down instead of a retry every backoff step.
    const CircuitBreaker &breaker() const { return m_breaker; }

    // Queues a command; false when not connected (the handler is not called then).
    bool command(const QByteArrayList &args, ReplyHandler handler = {});
    // SUBSCRIBE / UNSUBSCRIBE on a connection used for nothing else: Redis confirms each
    // (subscribed(), unsubscribed()); messages arrive as message().
    bool subscribe(const QByteArray &channel);
    bool unsubscribe(const QByteArray &channel);

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);
    void message(const QByteArray &channel, const QByteArray &payload);
    // Redis confirmed: from here on the channel's messages reach this connection / no more.
    void subscribed(const QByteArray &channel);
    void unsubscribed(const QByteArray &channel);

private:
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onPush(redisAsyncContext *context, void *reply, void *privdata);
    static void addRead(void *data);
    static void delRead(void *data);
    static void addWrite(void *data);
    static void delWrite(void *data);
    static void cleanup(void *data);

    void connectNow();
    void lost(const QString &reason);
    void scheduleReconnect();
    bool send(const QByteArrayList &args, void (*callback)(redisAsyncContext *, void *, void *),
              void *privdata);

    RedisUrl m_url;
    QString m_name;
    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
    QTimer m_reconnectTimer;
    CircuitBreaker m_breaker {{3, 2000}};
    int m_backoffMs = 0;
    bool m_connected = false;
    bool m_closing = false;
    QString m_lastError;
};

} // namespace NebengJek::Server
