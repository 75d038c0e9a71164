// SPDX-License-Identifier: MIT
#pragma once

#include "loadconfig.h"
#include "loadstats.h"

#include "../core/testconnection.h"

#include <protocol/geo.h>
#include <protocol/role.h>

#include <QObject>
#include <QTimer>

namespace NebengJek::TestClient {

// What drivers and passengers share: the connection, reconnecting after an unexpected close,
// counting traffic and errors, and positions around the configured centre.
class VirtualUser : public QObject
{
    Q_OBJECT
public:
    VirtualUser(const LoadConfig &config, LoadStats *stats, DeliveryClock *clock, QString userId,
                Protocol::Role role, QObject *parent = nullptr);

    void start();
    void stop();
    const QString &userId() const { return m_userId; }

protected:
    template<typename Message> void send(const Message &message)
    {
        sendPayload(Message::kType, message.toJson());
    }
    void sendPayload(Protocol::MessageType type, const QJsonObject &payload);
    bool isOpen() const { return m_connection.state() == TestConnection::State::Open; }
    Protocol::GeoPoint randomPoint() const;
    // A timer that only runs while the run is on.
    void after(double seconds, std::function<void()> action);

    // While riding, sends a chat message to the ride partner every chatIntervalSeconds.
    void sendChatLoop(const QString &phrase);

    virtual void onOpened() = 0;
    virtual void onMessage(const ReceivedMessage &message) = 0;
    // Ride state is lost with the connection; subclasses reset it here.
    virtual void onConnectionLost() { }

    const LoadConfig &m_config;
    LoadStats *m_stats;
    DeliveryClock *m_clock;
    QString m_matchId;
    bool m_riding = false;
    int m_chatCounter = 0;

private:
    void connectNow();
    void handleClosed();

    QString m_userId;
    Protocol::Role m_role;
    TestConnection m_connection;
    QByteArray m_token;
    bool m_running = false;
    bool m_wasOpen = false;
    int m_reconnectAttempt = 0;
    quint64 m_generation = 0; // counts opened connections
};

} // namespace NebengJek::TestClient
