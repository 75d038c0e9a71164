// SPDX-License-Identifier: MIT
#include "shutdown.h"

#include "gateway.h"
#include "logging.h"

#include <hub/hub.h>
#include <storage/storage.h>

#include <csignal>

namespace NebengJek::Server {

namespace {
// Sessions are aborted at the drain deadline by the sweep; this margin lets their
// disconnects be processed before the backstop gives up waiting.
constexpr int kBackstopMarginMs = 500;

const char *signalName(int signalNumber)
{
    switch (signalNumber) {
    case SIGTERM:
        return "SIGTERM";
    case SIGINT:
        return "SIGINT";
    default:
        return "signal";
    }
}
} // namespace

GracefulShutdown::GracefulShutdown(Gateway *gateway, Storage *storage, int drainTimeoutMs,
                                   QObject *parent)
    : QObject(parent)
    , m_gateway(gateway)
    , m_storage(storage)
    , m_drainTimeoutMs(drainTimeoutMs)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { forceFinish(); });
    connect(m_gateway, &Gateway::drained, this, [this] { finish(true); });
}

void GracefulShutdown::begin(int signalNumber)
{
    if (m_running) {
        qCInfo(lcGateway).nospace() << "event=shutdown_forced signal=" << signalName(signalNumber);
        forceFinish();
        return;
    }
    m_running = true;
    m_elapsed.start();
    qCInfo(lcGateway).nospace() << "event=shutdown_requested signal=" << signalName(signalNumber)
                                << " connections=" << m_gateway->sessionCount()
                                << " drain_timeout_ms=" << m_drainTimeoutMs;
    m_deadline.start(m_drainTimeoutMs + kBackstopMarginMs);
    m_gateway->beginShutdown(m_drainTimeoutMs);
}

void GracefulShutdown::forceFinish()
{
    m_deadline.stop();
    m_gateway->abortAll();
    // After the aborted sessions' queued disconnects, so the hub sees them before the flush.
    QTimer::singleShot(0, this, [this] { finish(m_gateway->sessionCount() == 0); });
}

void GracefulShutdown::finish(bool drained)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    // The hub first: it checkpoints in-memory ride distances into storage.
    if (Hub *hub = m_gateway->hub())
        hub->flush();
    if (m_storage)
        m_storage->flush();
    qCInfo(lcGateway).nospace() << "event=shutdown_complete drained=" << drained
                                << " remaining=" << m_gateway->sessionCount()
                                << " duration_ms=" << m_elapsed.elapsed();
    Q_EMIT finished(0);
}

} // namespace NebengJek::Server
