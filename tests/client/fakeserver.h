// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

// An in-process stand-in for the gateway on 127.0.0.1 (port 0): a real QWebSocketServer that
// records what clients send and answers the way a test tells it to.
class FakeServer : public QObject
{
    Q_OBJECT
public:
    struct Connection
    {
        QPointer<QWebSocket> socket;
        QByteArray authorization; // the upgrade request's Authorization header
        QList<QJsonObject> received; // parsed text frames, in order
        int closeCode = -1; // what the client closed with (-1: still open or no close frame)
    };

    // Behaviour on each new connection / message.
    bool autoAuth = true; // send auth_success right after the upgrade
    bool autoPong = true; // answer ping with pong
    bool autoAck = false; // answer every request that has an id with ack
    bool autoResumeDone = true; // answer resume with an empty resume.done
    QString userId = QStringLiteral("u-1");
    QString role = QStringLiteral("driver");
    qint64 serverLastSeq = 0;

    explicit FakeServer(QObject *parent = nullptr);
    ~FakeServer() override;
    QUrl url() const;

    int connectionCount() const { return m_connections.size(); }
    Connection &connection(int i) { return m_connections[i]; }
    Connection &last() { return m_connections.last(); }
    // Messages of `type` received on connection i.
    QList<QJsonObject> received(int i, const QString &type) const;

    void send(int i, const QJsonObject &message);
    void sendAuthSuccess(int i);
    // A durable event with a sequence number.
    void sendEvent(int i, qint64 seq, const QString &type, const QJsonObject &payload = {});
    void closeWith(int i, int code, const QString &reason = {});
    // Drops TCP without a close frame (network loss).
    void abort(int i);

Q_SIGNALS:
    void messageReceived(int connection, const QJsonObject &message);

private:
    void onNewConnection();

    QWebSocketServer m_server;
    QList<Connection> m_connections;
};

// A TCP listener that refuses WebSocket upgrades at the HTTP level: with a status line
// (401, 403, 503), or by closing the socket without a word (status 0).
class RefusingServer : public QObject
{
    Q_OBJECT
public:
    explicit RefusingServer(int status, QObject *parent = nullptr);
    QUrl url() const;
    int attempts() const { return m_attempts; }

private:
    QTcpServer m_server;
    int m_status;
    int m_attempts = 0;
};
