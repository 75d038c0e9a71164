// SPDX-License-Identifier: MIT
// Shared helpers for the gateway tests: an in-process server on a loopback port, token minting,
// a raw HTTP client (to see statuses before any upgrade), a QWebSocket client that records
// messages, and a raw WebSocket client that can misbehave (never read, never pong, oversize).
#pragma once

#include <auth/tokenminter.h>
#include <auth/verifierfactory.h>
#include <config/serverconfig.h>
#include <gateway/gateway.h>
#include <storage/storage.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QtEndian>

#include <memory>
#include <optional>

namespace TestKit {

using namespace NebengJek::Server;
using NebengJek::Protocol::Role;

inline const QByteArray kSecret = QByteArrayLiteral("gateway-test-secret-0123456789-abcdefghij");
// Generous: a loaded 2-core CI machine can stall for seconds.
constexpr int kWait = 15000;

// Short intervals so deadline tests take milliseconds, generous limits so they do not interfere.
inline ServerConfig testConfig()
{
    ServerConfig c;
    c.listenAddress = QHostAddress::LocalHost;
    c.port = 0;
    c.storageUrl = QStringLiteral("sqlite::memory:");
    c.jwtSecret = kSecret;
    c.jwtLeewaySeconds = 0;
    c.sweepIntervalMs = 20;
    c.handshakeTimeoutMs = 5000;
    c.authTimeoutMs = 5000;
    c.pingIntervalMs = 10000;
    c.staleTimeoutMs = 60000;
    c.closeTimeoutMs = 2000;
    c.rateLimitPerSecond = 10000;
    c.rateLimitBurst = 10000;
    c.userRateLimitPerSecond = 10000;
    c.userRateLimitBurst = 10000;
    c.rateAbuseThreshold = 1000;
    // A stall of the loaded test machine must not make the server shed requests; the shedding
    // tests turn it on.
    c.shedLagMs = 0;
    // Two event loops (the hub thread and one I/O thread), whatever the machine's default; a
    // test registered with NEBENGJEK_TEST_THREADS=1 runs the same cases on one thread.
    c.threads = qEnvironmentVariableIsSet("NEBENGJEK_TEST_THREADS")
            ? qMax(1, qEnvironmentVariableIntValue("NEBENGJEK_TEST_THREADS"))
            : 2;
    return c;
}

class TestServer
{
public:
    explicit TestServer(const ServerConfig &config = testConfig())
    {
        QString error;
        storage = Storage::open(config.effectiveStorageUrl(), &error);
        if (!storage) {
            qWarning("storage: %s", qPrintable(error));
            return;
        }
        auto verifier = makeJwtVerifier(config, &error);
        if (!verifier) {
            qWarning("verifier: %s", qPrintable(error));
            return;
        }
        hub = std::make_unique<Hub>(storage.get(), config.hub);
        gateway = std::make_unique<Gateway>(config, std::move(*verifier), storage.get(), hub.get());
        if (!gateway->start(&error)) {
            qWarning("start: %s", qPrintable(error));
            gateway.reset();
        }
    }
    ~TestServer()
    {
        gateway.reset();
        hub.reset();
        storage.reset();
    }
    bool ok() const { return gateway != nullptr; }
    quint16 port() const { return gateway->port(); }
    QUrl url(const QString &pathAndQuery = QStringLiteral("/ws")) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port()).arg(pathAndQuery));
    }

    std::unique_ptr<Storage> storage;
    std::unique_ptr<Hub> hub;
    std::unique_ptr<Gateway> gateway;
};

inline QByteArray token(const QString &userId, Role role = Role::Passenger, qint64 ttl = 3600,
                        const QByteArray &secret = kSecret)
{
    TokenSpec spec;
    spec.userId = userId;
    spec.role = role;
    spec.ttlSeconds = ttl;
    spec.issuer = QStringLiteral("nebengjek");
    spec.audience = QStringLiteral("nebengjek-realtime");
    return TokenMinter::signHs256(TokenMinter::claimsFor(spec), secret);
}

using Headers = QList<std::pair<QByteArray, QByteArray>>;

inline QByteArray upgradeRequest(const QByteArray &target, const Headers &headers = {})
{
    QByteArray r = "GET " + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n";
    for (const auto &[name, value] : headers)
        r += name + ": " + value + "\r\n";
    return r + "\r\n";
}

inline QByteArray getRequest(const QByteArray &target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

struct HttpResult
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QByteArray header(const QByteArray &lowerName) const
    {
        const QList<QByteArray> lines = head.split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == lowerName)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// Sends raw bytes and collects the response until the server closes or, for a 101, until the
// head is complete. Runs the event loop meanwhile (the server is in-process).
inline HttpResult rawRequest(quint16 port, const QByteArray &request, int timeoutMs = kWait)
{
    QTcpSocket socket;
    QByteArray data;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QObject::connect(&socket, &QTcpSocket::connected, [&] { socket.write(request); });
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { data += socket.readAll(); });
    (void)QTest::qWaitFor(
            [&] {
                if (socket.state() == QAbstractSocket::UnconnectedState && !data.isEmpty())
                    return true;
                return data.startsWith("HTTP/1.1 101") && data.contains("\r\n\r\n");
            },
            timeoutMs);
    data += socket.readAll();
    HttpResult result;
    const qsizetype end = data.indexOf("\r\n\r\n");
    result.head = end < 0 ? data : data.left(end);
    result.body = end < 0 ? QByteArray() : data.mid(end + 4);
    const QList<QByteArray> statusLine = result.head.left(result.head.indexOf('\r')).split(' ');
    if (statusLine.size() >= 2)
        result.status = statusLine.at(1).toInt();
    socket.abort();
    return result;
}

inline QByteArray bearer(const QByteArray &token)
{
    return "Bearer " + token;
}

// A well-behaved client (QWebSocket answers pings by itself).
class WsClient
{
public:
    WsClient()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &m) {
            messages.append(QJsonDocument::fromJson(m.toUtf8()).object());
        });
        QObject::connect(&socket, &QWebSocket::disconnected, [this] {
            closeCode = int(socket.closeCode());
            disconnected = true;
        });
        socket.setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
    }

    void open(const QUrl &url, const Headers &headers = {})
    {
        QNetworkRequest request(url);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        socket.open(request);
    }
    bool waitConnected(int timeoutMs = kWait)
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; },
                               timeoutMs);
    }
    bool waitDisconnected(int timeoutMs = kWait)
    {
        return QTest::qWaitFor([this] { return disconnected; }, timeoutMs);
    }
    void send(const QJsonObject &message)
    {
        socket.sendTextMessage(
                QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    void sendRaw(const QString &text) { socket.sendTextMessage(text); }
    // The first message of `type` (and `id`, if given) not consumed yet.
    std::optional<QJsonObject> waitFor(const QString &type, const QString &id = {},
                                       int timeoutMs = kWait)
    {
        std::optional<QJsonObject> found;
        (void)QTest::qWaitFor(
                [&] {
                    for (qsizetype i = 0; i < messages.size(); ++i) {
                        const QJsonObject &m = messages.at(i);
                        if (m.value(QStringLiteral("type")).toString() == type
                            && (id.isEmpty() || m.value(QStringLiteral("id")).toString() == id)) {
                            found = messages.takeAt(i);
                            return true;
                        }
                    }
                    return false;
                },
                timeoutMs);
        return found;
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
    int closeCode = -1;
    bool disconnected = false;
};

inline QJsonObject message(const QString &type, const QJsonObject &payload = {},
                           const QString &id = {})
{
    QJsonObject o {{QStringLiteral("type"), type}, {QStringLiteral("payload"), payload}};
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    return o;
}

// A client that speaks raw WebSocket frames so it can misbehave: never answer pings, never
// read, send oversized frame headers.
class RawWsClient
{
public:
    RawWsClient()
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, [this] {
            if (reading)
                received += socket.readAll();
        });
        QObject::connect(&socket, &QTcpSocket::disconnected, [this] { disconnected = true; });
    }

    // Connects and upgrades; true once the 101 arrived.
    bool open(quint16 port, const Headers &headers = {}, int timeoutMs = kWait)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; },
                             timeoutMs))
            return false;
        socket.write(upgradeRequest("/ws", headers));
        if (!QTest::qWaitFor([this] { return received.contains("\r\n\r\n"); }, timeoutMs))
            return false;
        if (!received.startsWith("HTTP/1.1 101"))
            return false;
        received.remove(0, received.indexOf("\r\n\r\n") + 4);
        return true;
    }

    // Stops taking data off the socket: the kernel buffers fill and the server's queue grows.
    void stopReading()
    {
        reading = false;
        socket.setReadBufferSize(1024);
        socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    }

    static QByteArray frameHeader(quint8 opcode, quint64 length, bool fin = true)
    {
        QByteArray h;
        h.append(char((fin ? 0x80 : 0x00) | opcode));
        if (length < 126) {
            h.append(char(0x80 | length));
        } else if (length <= 0xffff) {
            h.append(char(0x80 | 126));
            h.append(char(length >> 8)).append(char(length & 0xff));
        } else {
            h.append(char(0x80 | 127));
            for (int i = 7; i >= 0; --i)
                h.append(char((length >> (8 * i)) & 0xff));
        }
        h.append(QByteArray(4, '\0')); // zero mask: payload bytes go out as they are
        return h;
    }
    void sendText(const QByteArray &payload, bool fin = true, bool continuation = false)
    {
        socket.write(frameHeader(continuation ? 0x0 : 0x1, quint64(payload.size()), fin) + payload);
    }
    // A frame as a browser sends it: with a random masking key applied to the payload.
    static QByteArray maskedFrame(quint8 opcode, const QByteArray &payload, bool fin = true)
    {
        QByteArray frame = frameHeader(opcode, quint64(payload.size()), fin);
        const quint32 key = QRandomGenerator::global()->generate() | 0x01010101;
        char mask[4];
        qToBigEndian(key, mask);
        frame.chop(4);
        frame.append(mask, 4);
        QByteArray masked = payload;
        for (qsizetype i = 0; i < masked.size(); ++i)
            masked[i] = char(masked.at(i) ^ mask[i & 3]);
        return frame + masked;
    }
    void sendMasked(quint8 opcode, const QByteArray &payload, bool fin = true)
    {
        socket.write(maskedFrame(opcode, payload, fin));
    }
    void sendJson(const QJsonObject &message)
    {
        sendMasked(0x1, QJsonDocument(message).toJson(QJsonDocument::Compact));
    }
    void sendClose(int code)
    {
        QByteArray payload(2, '\0');
        qToBigEndian(quint16(code), payload.data());
        sendMasked(0x8, payload);
    }
    // The JSON text messages received so far.
    QList<QJsonObject> messages() const
    {
        QList<QJsonObject> result;
        const auto all = frames();
        for (const auto &[opcode, payload] : all) {
            if (opcode == 0x1)
                result.append(QJsonDocument::fromJson(payload).object());
        }
        return result;
    }
    int countFrames(int opcode) const
    {
        int n = 0;
        const auto all = frames();
        for (const auto &frame : all)
            n += frame.first == opcode;
        return n;
    }
    int countMessages(const QString &type, const QString &errorCode = {}) const
    {
        int n = 0;
        const auto all = messages();
        for (const QJsonObject &m : all) {
            if (m.value(QStringLiteral("type")).toString() != type)
                continue;
            if (errorCode.isEmpty()
                || m.value(QStringLiteral("payload")).toObject().value(QStringLiteral("code"))
                        == errorCode)
                ++n;
        }
        return n;
    }
    bool waitForClose(int timeoutMs = kWait)
    {
        return QTest::qWaitFor([this] { return closeCode().has_value(); }, timeoutMs);
    }
    void startReading()
    {
        reading = true;
        socket.setReadBufferSize(0);
        received += socket.readAll();
    }

    // The complete frames received so far (server frames are not masked).
    QList<std::pair<int, QByteArray>> frames() const
    {
        QList<std::pair<int, QByteArray>> result;
        qsizetype pos = 0;
        while (pos + 2 <= received.size()) {
            const int opcode = quint8(received.at(pos)) & 0x0f;
            quint64 length = quint8(received.at(pos + 1)) & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (pos + 4 > received.size())
                    break;
                length =
                        (quint64(quint8(received.at(pos + 2))) << 8) | quint8(received.at(pos + 3));
                header = 4;
            } else if (length == 127) {
                if (pos + 10 > received.size())
                    break;
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = (length << 8) | quint8(received.at(pos + 2 + i));
                header = 10;
            }
            if (pos + header + qsizetype(length) > received.size())
                break;
            result.append({opcode, received.mid(pos + header, qsizetype(length))});
            pos += header + qsizetype(length);
        }
        return result;
    }
    // Close code of the first close frame received, if any.
    std::optional<int> closeCode() const
    {
        const auto all = frames();
        for (const auto &[opcode, payload] : all) {
            if (opcode == 0x8 && payload.size() >= 2)
                return (int(quint8(payload.at(0))) << 8) | quint8(payload.at(1));
        }
        return std::nullopt;
    }
    int pingsReceived() const
    {
        int n = 0;
        const auto all = frames();
        for (const auto &frame : all)
            n += frame.first == 0x9;
        return n;
    }

    QTcpSocket socket;
    QByteArray received;
    bool reading = true;
    bool disconnected = false;
};

} // namespace TestKit
