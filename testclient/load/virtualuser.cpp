// SPDX-License-Identifier: MIT
#include "virtualuser.h"

#include "../core/devtoken.h"

#include <protocol/envelope.h>
#include <protocol/messages/chatmessages.h>
#include <protocol/protocolerror.h>

#include <QRandomGenerator>

#include <cmath>

namespace NebengJek::TestClient {

namespace {
// Reconnect delays by attempt, the last one repeating: quick first, then easing off so a
// restarting server is not hammered by every virtual user at once.
constexpr int kReconnectDelaysMs[] = {500, 1000, 2000, 5000};
constexpr double kMetersPerDegreeLat = 111320.0;
constexpr double kPi = 3.14159265358979323846;
} // namespace

VirtualUser::VirtualUser(const LoadConfig &config, LoadStats *stats, DeliveryClock *clock,
                         QString userId, Protocol::Role role, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_stats(stats)
    , m_clock(clock)
    , m_userId(std::move(userId))
    , m_role(role)
{
    m_connection.setValidateEnvelopes(false);
    DevTokenClaims claims;
    claims.userId = m_userId;
    claims.role = role;
    claims.issuer = config.issuer;
    claims.audience = config.audience;
    // Longer than any bounded run, so no token expires mid-run.
    claims.lifetimeSeconds = 24 * 3600;
    m_token = DevToken::mint(claims, config.secret);

    connect(&m_connection, &TestConnection::opened, this, [this] {
        m_wasOpen = true;
        m_reconnectAttempt = 0;
        ++m_generation;
        m_stats->peakOpenConnections =
                qMax(m_stats->peakOpenConnections, ++m_stats->openConnections);
        onOpened();
    });
    connect(&m_connection, &TestConnection::messageReceived, this,
            [this](const ReceivedMessage &m) {
                ++m_stats->received;
                const QString type = m.type();
                ++m_stats->receivedByType[type];
                if (type == QLatin1String("error"))
                    ++m_stats->errorsByCode[m.payload()
                                                    .value(QStringLiteral("code"))
                                                    .toString(QStringLiteral("?"))];
                onMessage(m);
            });
    connect(&m_connection, &TestConnection::closed, this, &VirtualUser::handleClosed);
}

void VirtualUser::start()
{
    m_running = true;
    connectNow();
}

void VirtualUser::stop()
{
    m_running = false;
    if (isOpen())
        m_connection.close();
}

void VirtualUser::connectNow()
{
    if (!m_running)
        return;
    ++m_stats->connectAttempts;
    m_wasOpen = false;
    ConnectionOptions options;
    options.url = m_config.url;
    options.token = m_token;
    options.transport = m_config.transport;
    m_connection.open(options);
}

void VirtualUser::handleClosed()
{
    if (m_wasOpen)
        --m_stats->openConnections;
    else
        ++m_stats->connectFailures;
    onConnectionLost();
    if (!m_running)
        return;
    if (m_wasOpen)
        ++m_stats->unexpectedCloses;
    const int delay =
            kReconnectDelaysMs[qMin<int>(m_reconnectAttempt++, std::size(kReconnectDelaysMs) - 1)];
    QTimer::singleShot(delay, this, [this] {
        if (!m_running)
            return;
        ++m_stats->reconnects;
        connectNow();
    });
}

void VirtualUser::sendPayload(Protocol::MessageType type, const QJsonObject &payload)
{
    if (!isOpen())
        return;
    ++m_stats->sent;
    m_connection.sendEnvelope(Protocol::Envelope::make(type, payload));
}

Protocol::GeoPoint VirtualUser::randomPoint() const
{
    // Uniform over a disc: sqrt of the radius fraction, random bearing.
    auto *rng = QRandomGenerator::global();
    const double r = m_config.spreadMeters * std::sqrt(rng->generateDouble());
    const double bearing = rng->generateDouble() * 2 * kPi;
    const double dLat = r * std::cos(bearing) / kMetersPerDegreeLat;
    const double dLng = r * std::sin(bearing)
            / (kMetersPerDegreeLat * std::cos(m_config.centerLat * kPi / 180.0));
    return {m_config.centerLat + dLat, m_config.centerLng + dLng};
}

void VirtualUser::after(double seconds, std::function<void()> action)
{
    // Timers of an earlier connection must not act on a later one.
    const quint64 generation = m_generation;
    QTimer::singleShot(int(seconds * 1000), this, [this, generation, action = std::move(action)] {
        if (m_running && isOpen() && generation == m_generation)
            action();
    });
}

void VirtualUser::sendChatLoop(const QString &phrase)
{
    if (!m_riding)
        return;
    Protocol::MessageSend chat;
    chat.matchId = m_matchId;
    chat.tempId = QStringLiteral("%1-c%2").arg(userId()).arg(++m_chatCounter);
    chat.body = QStringLiteral("%1 (%2)").arg(phrase, chat.tempId);
    m_clock->sent(QStringLiteral("chat|") + chat.body);
    ++m_stats->chatsSent;
    send(chat);
    after(m_config.chatIntervalSeconds, [this, phrase] { sendChatLoop(phrase); });
}

} // namespace NebengJek::TestClient
