// SPDX-License-Identifier: MIT
// Drives a real Hub (real SQLite file storage) without sockets: a recording Outbox collects
// every frame per connection, and helpers send requests and pick replies and events.
#pragma once

#include <hub/hub.h>
#include <storage/storage.h>

#include <protocol/messages.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace NebengJek::Tests {

using Protocol::Envelope;
using Protocol::MessageType;
using Server::ConnectionId;

class RecordingOutbox : public Server::Outbox
{
public:
    void send(ConnectionId connection, const QByteArray &frame) override
    {
        m_frames[connection].append(frame);
        ++m_total;
    }
    // Every frame sent to the connection so far, parsed, without consuming them.
    QList<Envelope> peek(ConnectionId connection) const
    {
        QList<Envelope> list;
        for (const QByteArray &frame : m_frames.value(connection)) {
            const Protocol::ParsedEnvelope parsed =
                    Protocol::parseEnvelope(frame, Protocol::Direction::FromServer);
            if (!parsed.ok())
                qFatal("hub sent an unparsable frame: %s", frame.constData());
            list.append(*parsed.envelope);
        }
        return list;
    }
    QList<Envelope> take(ConnectionId connection)
    {
        const QList<Envelope> list = peek(connection);
        m_frames.remove(connection);
        return list;
    }
    QList<QByteArray> rawFrames(ConnectionId connection) const
    {
        return m_frames.value(connection);
    }
    void clear(ConnectionId connection) { m_frames.remove(connection); }
    qint64 total() const { return m_total; }

private:
    QHash<ConnectionId, QList<QByteArray>> m_frames;
    qint64 m_total = 0;
};

// One connected client of the harness.
struct Client
{
    ConnectionId connection = 0;
    QString userId;
    Protocol::Role role = Protocol::Role::Passenger;
};

class HubHarness
{
public:
    static Server::HubConfig fastConfig()
    {
        Server::HubConfig config;
        config.proposalTimeoutMs = 300;
        config.presenceGraceMs = 200;
        return config;
    }

    explicit HubHarness(const Server::HubConfig &config = fastConfig())
        : m_config(config)
    {
        // Debug output of every stored event drowns a failure; QT_LOGGING_RULES brings it back.
        if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
            QLoggingCategory::setFilterRules(QStringLiteral("nebengjek.*.debug=false"));
        QVERIFY(m_dir.isValid());
        openStorage();
        start();
    }

    QString databaseUrl() const
    {
        return QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("hub.db"));
    }

    void openStorage()
    {
        QString error;
        m_storage = Server::Storage::open(databaseUrl(), &error);
        if (!m_storage)
            qFatal("cannot open storage: %s", qPrintable(error));
    }
    void start() { m_hub = std::make_unique<Server::Hub>(m_storage.get(), m_config, &m_outbox); }
    // Simulates a process restart: everything in memory is gone, the database stays.
    void restart()
    {
        m_hub.reset();
        m_storage.reset();
        openStorage();
        start();
    }
    // Simulates kill -9: what a killed process leaves behind is exactly what it had committed
    // (SQLite writes each commit to the WAL file before returning). The database files are
    // copied now, the hub and storage are torn down (their shutdown writes: distance
    // checkpoint, WAL checkpoint), and the copies are put back, so none of those writes
    // survive. The -shm index is not restored: SQLite rebuilds it from the WAL, as after a crash.
    void crashAndRestart()
    {
        QTemporaryDir disk;
        QVERIFY(disk.isValid());
        const QStringList files {QStringLiteral("hub.db"), QStringLiteral("hub.db-wal")};
        for (const QString &file : files) {
            if (QFile::exists(m_dir.filePath(file)))
                QVERIFY(QFile::copy(m_dir.filePath(file), disk.filePath(file)));
        }
        m_hub.reset();
        m_storage.reset();
        for (const QString &file : files + QStringList {QStringLiteral("hub.db-shm")})
            QFile::remove(m_dir.filePath(file));
        for (const QString &file : files) {
            if (QFile::exists(disk.filePath(file)))
                QVERIFY(QFile::copy(disk.filePath(file), m_dir.filePath(file)));
        }
        openStorage();
        start();
    }

    Server::Hub &hub() { return *m_hub; }
    Server::Storage &storage() { return *m_storage; }
    RecordingOutbox &outbox() { return m_outbox; }
    const Server::HubConfig &config() const { return m_config; }

    Client connect(const QString &userId, Protocol::Role role)
    {
        Client c {++m_nextConnection, userId, role};
        m_hub->connectionOpened(c.connection, {userId, role});
        return c;
    }
    void disconnect(const Client &c) { m_hub->connectionClosed(c.connection); }

    QString nextId() { return QStringLiteral("req-%1").arg(++m_nextRequest); }

    // Sends without looking for a reply.
    // The group commit the event loop would run at the end of this pass runs right away.
    void post(const Client &c, MessageType type, const QJsonObject &payload, const QString &id = {})
    {
        m_hub->handle(c.connection, Envelope::make(type, payload, id));
        m_hub->commitPending();
    }

    // Sends a request and returns its reply (the frame carrying the request id), which is
    // removed from the recorded frames; the other frames stay for event checks.
    Envelope request(const Client &c, MessageType type, const QJsonObject &payload, QString id = {})
    {
        if (id.isEmpty())
            id = nextId();
        post(c, type, payload, id);
        return takeReply(c, id);
    }
    Envelope takeReply(const Client &c, const QString &id)
    {
        QList<QByteArray> keep;
        std::optional<Envelope> reply;
        for (const QByteArray &frame : m_outbox.rawFrames(c.connection)) {
            const auto parsed = Protocol::parseEnvelope(frame, Protocol::Direction::FromServer);
            if (!reply && parsed.ok() && parsed.envelope->id == id)
                reply = *parsed.envelope;
            else
                keep.append(frame);
        }
        m_outbox.clear(c.connection);
        for (const QByteArray &frame : keep)
            m_outbox.send(c.connection, frame);
        if (!reply) {
            // Every request is answered: a missing reply fails the test, not just the caller's
            // next comparison.
            QTest::qFail(qPrintable(QStringLiteral("no reply with id %1").arg(id)), __FILE__,
                         __LINE__);
            return Envelope::errorReply(
                    id,
                    Protocol::ProtocolError::make(Protocol::ErrorCode::InternalError,
                                                  QStringLiteral("NO REPLY")));
        }
        return *reply;
    }

    // The frames of one type sent to the client so far; they are consumed.
    QList<Envelope> take(const Client &c, MessageType type)
    {
        QList<Envelope> matching;
        QList<QByteArray> keep;
        for (const QByteArray &frame : m_outbox.rawFrames(c.connection)) {
            const auto parsed = Protocol::parseEnvelope(frame, Protocol::Direction::FromServer);
            if (parsed.ok() && parsed.envelope->type == type)
                matching.append(*parsed.envelope);
            else
                keep.append(frame);
        }
        m_outbox.clear(c.connection);
        for (const QByteArray &frame : keep)
            m_outbox.send(c.connection, frame);
        return matching;
    }
    // Exactly one frame of the type is expected.
    Envelope takeOne(const Client &c, MessageType type)
    {
        const QList<Envelope> list = take(c, type);
        if (list.size() != 1) {
            QTest::qFail(qPrintable(QStringLiteral("expected one %1, got %2")
                                            .arg(Protocol::messageTypeName(type))
                                            .arg(list.size())),
                         __FILE__, __LINE__);
            return Envelope::make(MessageType::Error);
        }
        return list.constFirst();
    }
    // How many frames of the type wait for the client (not consumed: safe inside QTRY_*,
    // which evaluates its expression again after it became true).
    int count(const Client &c, MessageType type) const
    {
        int n = 0;
        for (const Envelope &e : m_outbox.peek(c.connection))
            n += e.type == type ? 1 : 0;
        return n;
    }
    QList<MessageType> types(const Client &c) const
    {
        QList<MessageType> list;
        for (const Envelope &e : m_outbox.peek(c.connection))
            list.append(e.type);
        return list;
    }
    void drop(const Client &c) { m_outbox.clear(c.connection); }

private:
    Server::HubConfig m_config;
    QTemporaryDir m_dir;
    RecordingOutbox m_outbox;
    std::unique_ptr<Server::Storage> m_storage;
    std::unique_ptr<Server::Hub> m_hub;
    ConnectionId m_nextConnection = 0;
    int m_nextRequest = 0;
};

inline QString errorCode(const Envelope &e)
{
    return e.type == MessageType::Error ? e.payload.value(QStringLiteral("code")).toString()
                                        : QString();
}

inline QJsonObject point(double lat, double lng)
{
    return {{QStringLiteral("lat"), lat}, {QStringLiteral("lng"), lng}};
}

inline QJsonObject beacon(double lat, double lng)
{
    return {{QStringLiteral("is_active"), true},
            {QStringLiteral("lat"), lat},
            {QStringLiteral("lng"), lng}};
}

inline QJsonObject finder(const QJsonObject &pickup, const QJsonObject &destination)
{
    return {{QStringLiteral("is_active"), true},
            {QStringLiteral("pickup"), pickup},
            {QStringLiteral("destination"), destination}};
}

inline QString str(const Envelope &e, const char *key)
{
    return e.payload.value(QLatin1String(key)).toString();
}

} // namespace NebengJek::Tests

// QCOMPARE-friendly checks of an envelope. `envelope` is evaluated once: it is often a request,
// which must not be sent twice.
#define EXPECT_TYPE(envelope, expected) \
    QCOMPARE(Protocol::messageTypeName((envelope).type), Protocol::messageTypeName(expected))
#define EXPECT_ERROR(envelope, code) \
    do { \
        const Protocol::Envelope expectErrorEnvelope_ = (envelope); \
        EXPECT_TYPE(expectErrorEnvelope_, Protocol::MessageType::Error); \
        QCOMPARE(NebengJek::Tests::errorCode(expectErrorEnvelope_), QStringLiteral(code)); \
    } while (false)

namespace NebengJek::Tests {

// Points around Jakarta used by the tests.
inline const Protocol::GeoPoint kPickup {-6.2000, 106.8166};
inline const Protocol::GeoPoint kDestination {-6.2250, 106.8300};
inline const Protocol::GeoPoint kNearPickup {-6.2010, 106.8170}; // ~120 m
inline const Protocol::GeoPoint kFartherFromPickup {-6.2100, 106.8200}; // ~1.2 km
inline const Protocol::GeoPoint kFarAway {-6.9000, 107.6000}; // Bandung, ~115 km

inline QJsonObject toJson(const Protocol::GeoPoint &p)
{
    return point(p.lat, p.lng);
}

struct AcceptedRide
{
    QString matchId;
    QString rideId;
};

// Beacon, request, proposal, accept — every step checked: a broken step fails the running test
// (and leaves the returned ride empty); the frames are consumed.
inline AcceptedRide acceptRide(HubHarness &h, const Client &driver, const Client &passenger,
                               const Protocol::GeoPoint &driverAt = kNearPickup)
{
    AcceptedRide r;
    auto fail = [](const char *step, const Envelope &reply) {
        QTest::qFail(
                qPrintable(QStringLiteral("acceptRide: %1 failed: %2")
                                   .arg(QLatin1String(step), QString::fromUtf8(reply.toJson()))),
                __FILE__, __LINE__);
        return AcceptedRide {};
    };
    Envelope reply =
            h.request(driver, MessageType::BeaconUpdate, beacon(driverAt.lat, driverAt.lng));
    if (reply.type != MessageType::Ack)
        return fail("beacon_update", reply);
    reply = h.request(passenger, MessageType::FinderUpdate,
                      finder(toJson(kPickup), toJson(kDestination)));
    r.matchId = str(reply, "match_id");
    if (reply.type != MessageType::Ack || str(reply, "status") != QLatin1String("proposed")
        || r.matchId.isEmpty())
        return fail("finder_update (no proposal)", reply);
    reply = h.request(
            driver, MessageType::MatchConfirm,
            {{QStringLiteral("match_id"), r.matchId}, {QStringLiteral("accepted"), true}});
    r.rideId = str(reply, "ride_id");
    if (reply.type != MessageType::Ack || r.rideId.isEmpty())
        return fail("match_confirm", reply);
    h.drop(driver);
    h.drop(passenger);
    return r;
}

inline QJsonObject location(const Protocol::GeoPoint &p)
{
    return point(p.lat, p.lng);
}

} // namespace NebengJek::Tests
