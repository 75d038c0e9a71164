// SPDX-License-Identifier: MIT
#include "demoserver.h"

#include <auth/verifierfactory.h>
#include <config/configloader.h>
#include <config/serverconfig.h>
#include <gateway/gateway.h>
#include <hub/hub.h>
#include <storage/storage.h>

namespace NebengJek::Demo {

using namespace NebengJek::Server;

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
{ }

DemoServer::~DemoServer()
{
    stop();
    m_storage.reset();
}

bool DemoServer::start(quint16 port)
{
    if (m_gateway)
        return true;
    ServerConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = port ? port : m_port;
    config.storageUrl = QStringLiteral("sqlite::memory:");
    config.devMode = true;
    config.jwtSecret = ConfigLoader::devJwtSecret();
    // A demo drives quickly; the production limits would count it as abuse.
    config.rateLimitPerSecond = 200;
    config.rateLimitBurst = 400;
    config.userRateLimitPerSecond = 400;
    config.userRateLimitBurst = 800;
    // Tell the partner at once when someone drops (the default grace is for flaky networks).
    config.hub.presenceGraceMs = 500;
    // A demo has one driver: anywhere in the city is near enough.
    config.hub.matchRadiusMeters = 30000;
    // The simulated car starts its ride wherever the demo put it: no start/arrive radius checks
    // (the server process has them, docs/hub.md "Safety checks").
    config.hub.startRadiusMeters = 0;
    config.hub.arriveRadiusMeters = 0;
    if (m_proposalTimeoutMs > 0)
        config.hub.proposalTimeoutMs = m_proposalTimeoutMs;
    if (!m_storage) {
        m_storage = Storage::open(config.effectiveStorageUrl(), &m_error);
        if (!m_storage)
            return false;
    }
    auto verifier = makeJwtVerifier(config, &m_error);
    if (!verifier)
        return false;
    m_hub = std::make_unique<Hub>(m_storage.get(), config.hub);
    m_gateway =
            std::make_unique<Gateway>(config, std::move(*verifier), m_storage.get(), m_hub.get());
    if (!m_gateway->start(&m_error)) {
        m_gateway.reset();
        m_hub.reset();
        return false;
    }
    m_port = m_gateway->port();
    return true;
}

void DemoServer::stop()
{
    if (!m_gateway)
        return;
    m_gateway->abortAll();
    m_gateway.reset();
    m_hub.reset();
}

QUrl DemoServer::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port));
}

} // namespace NebengJek::Demo
