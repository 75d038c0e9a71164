// SPDX-License-Identifier: MIT
#include "testconnection.h"

#include "logging.h"

#include <protocol/messages/authmessages.h>

#include <QDateTime>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrlQuery>

namespace NebengJek::TestClient {

TestConnection::TestConnection(QObject *parent)
    : QObject(parent)
    , m_requestIdPrefix(QStringLiteral("qa-%1-").arg(QRandomGenerator::system()->generate64()
                                                             & Q_UINT64_C(0xffffffffffff),
                                                     12, 16, QLatin1Char('0')))
{
    m_socket.setMaxAllowedIncomingMessageSize(kMaxIncomingMessageBytes);
    m_socket.setMaxAllowedIncomingFrameSize(kMaxIncomingMessageBytes);
    connect(&m_socket, &QWebSocket::connected, this, &TestConnection::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &TestConnection::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &TestConnection::onTextMessage);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &data) { onTextMessage(QString::fromUtf8(data)); });
    // Qt 6.4 names the signal error(); errorOccurred() arrives in 6.5.
    connect(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            &TestConnection::onError);
}

TestConnection::~TestConnection()
{
    // Destroying an open QWebSocket emits disconnected into a half-destroyed object.
    m_socket.disconnect(this);
    m_socket.abort();
}

void TestConnection::open(const ConnectionOptions &options)
{
    m_options = options;
    m_state = State::Connecting;
    m_closeCode = 0;
    m_closeReason.clear();
    m_rejectedStatus = 0;
    m_errorString.clear();

    QUrl url = options.url;
    if (options.transport == TokenTransport::Query) {
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("token"), QString::fromLatin1(options.token));
        url.setQuery(query);
    }
    QNetworkRequest request(url);
    if (options.transport == TokenTransport::Header)
        request.setRawHeader("Authorization", "Bearer " + options.token);
    if (!options.origin.isEmpty())
        request.setRawHeader("Origin", options.origin.toUtf8());
    m_socket.open(request);
}

void TestConnection::close(int code, const QString &reason)
{
    m_socket.close(QWebSocketProtocol::CloseCode(code), reason);
}

void TestConnection::abort()
{
    m_socket.abort();
}

QString TestConnection::nextRequestId()
{
    return m_requestIdPrefix + QString::number(++m_requestCounter);
}

void TestConnection::sendText(const QByteArray &text)
{
    m_socket.sendTextMessage(QString::fromUtf8(text));
    emit messageSent(text);
}

QString TestConnection::sendEnvelope(Protocol::Envelope envelope)
{
    if (envelope.id.isEmpty())
        envelope.id = nextRequestId();
    sendText(envelope.toJson());
    return envelope.id;
}

void TestConnection::onConnected()
{
    m_state = State::Open;
    if (m_options.transport == TokenTransport::Message) {
        Protocol::Auth auth;
        auth.token = QString::fromLatin1(m_options.token);
        // Sent before opened() so that it is the first frame, as the gateway requires.
        sendEnvelope(Protocol::toEnvelope(auth, QStringLiteral("auth")));
    }
    emit opened();
}

void TestConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return; // already reported by onError (refused upgrade)
    const State before = m_state;
    m_state = State::Closed;
    m_closeCode = m_socket.closeCode();
    m_closeReason = m_socket.closeReason();
    qCDebug(lcTestClient) << "disconnected, close code" << m_closeCode << "was" << before;
    emit closed();
}

void TestConnection::onTextMessage(const QString &text)
{
    emit messageReceived(ReceivedMessage::fromFrame(
            text.toUtf8(), QDateTime::currentMSecsSinceEpoch(), m_validateEnvelopes));
}

void TestConnection::onError(QAbstractSocket::SocketError error)
{
    m_errorString = m_socket.errorString();
    // Qt 6.4 does not expose the HTTP status of a refused upgrade; it is only in the text.
    static const QRegularExpression statusPattern(QStringLiteral("status code: (\\d{3})"));
    const auto match = statusPattern.match(m_errorString);
    if (match.hasMatch())
        m_rejectedStatus = match.captured(1).toInt();
    qCDebug(lcTestClient) << "socket error" << error << m_errorString;
    if (m_state == State::Connecting) {
        // A refused handshake may not be followed by disconnected(); report it once here.
        m_state = State::Closed;
        m_socket.abort();
        emit closed();
    }
}

} // namespace NebengJek::TestClient
