// SPDX-License-Identifier: MIT
#include "virtualpassenger.h"

#include "virtualdriver.h"

#include <protocol/messages.h>

#include <QRandomGenerator>

namespace NebengJek::TestClient {

namespace {
// Without an answer to a ride request in this time the request is repeated (the hub answers
// no_driver when nobody is near; this covers a lost answer).
constexpr double kRequestRetrySeconds = 30;
} // namespace

VirtualPassenger::VirtualPassenger(const LoadConfig &config, LoadStats *stats, DeliveryClock *clock,
                                   QString userId, QObject *parent)
    : VirtualUser(config, stats, clock, std::move(userId), Protocol::Role::Passenger, parent)
{ }

void VirtualPassenger::onOpened()
{
    // Not all at once: people open the app at different moments.
    after(QRandomGenerator::global()->generateDouble() * m_config.pauseSeconds,
          [this] { requestRide(); });
}

void VirtualPassenger::onConnectionLost()
{
    m_riding = false;
    m_matchId.clear();
    m_rideId.clear();
}

void VirtualPassenger::requestRide()
{
    if (!m_matchId.isEmpty())
        return;
    Protocol::FinderUpdate finder;
    finder.isActive = true;
    finder.pickup = randomPoint();
    finder.destination = randomPoint();
    send(finder);
    const int chatCounter = m_chatCounter; // unchanged if no ride happened since
    after(kRequestRetrySeconds, [this, chatCounter] {
        if (m_matchId.isEmpty() && chatCounter == m_chatCounter)
            requestRide();
    });
}

void VirtualPassenger::onMessage(const ReceivedMessage &message)
{
    const QString type = message.type();
    const QJsonObject payload = message.payload();
    if (type == QLatin1String("location_update")) {
        const qint64 latency = m_clock->received(
                VirtualDriver::locationKey(payload.value(QStringLiteral("driver_id")).toString(),
                                           payload.value(QStringLiteral("lat")).toDouble(),
                                           payload.value(QStringLiteral("lng")).toDouble()));
        if (latency >= 0)
            m_stats->locationLatency.add(latency);
    } else if (type == QLatin1String("match_status")) {
        const QString status = payload.value(QStringLiteral("status")).toString();
        if (status == QLatin1String("accepted")) {
            m_matchId = payload.value(QStringLiteral("match_id")).toString();
            m_rideId = payload.value(QStringLiteral("ride_id")).toString();
        } else if (status == QLatin1String("no_driver") || status == QLatin1String("cancelled")) {
            // rejected/expired are not final: the hub proposes the next driver itself.
            m_matchId.clear();
            after(m_config.pauseSeconds, [this] { requestRide(); });
        }
    } else if (type == QLatin1String("ride_pickup")) {
        m_riding = true;
        after(m_config.chatIntervalSeconds,
              [this] { sendChatLoop(QStringLiteral("see you soon")); });
    } else if (type == QLatin1String("payment_request")) {
        Protocol::PaymentProcess pay;
        pay.rideId = payload.value(QStringLiteral("ride_id")).toString(m_rideId);
        pay.amount = payload.value(QStringLiteral("fare")).toInteger();
        pay.method = QStringLiteral("cash");
        send(pay);
    } else if (type == QLatin1String("ride_completed")) {
        m_riding = false;
        m_matchId.clear();
        m_rideId.clear();
        ++m_chatCounter; // marks "a ride happened" for the pending retry check
        after(m_config.pauseSeconds, [this] { requestRide(); });
    } else if (type == QLatin1String("message.new")) {
        const qint64 latency = m_clock->received(
                QStringLiteral("chat|") + payload.value(QStringLiteral("body")).toString());
        if (latency >= 0)
            m_stats->chatLatency.add(latency);
    }
}

} // namespace NebengJek::TestClient
