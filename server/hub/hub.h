// SPDX-License-Identifier: MIT
#pragma once

#include "hubconfig.h"

#include <protocol/envelope.h>
#include <protocol/role.h>

#include <QObject>

namespace NebengJek::Server {

class ClusterLink;
class Storage;

// Identifies one WebSocket connection for the lifetime of the process.
using ConnectionId = quint64;

// Who is on a connection: only ever taken from a verified token.
struct Principal
{
    // Not an aggregate, so `Principal {id, role}` leaves the display claims empty without a
    // missing-initializer warning.
    Principal(QString id = {}, Protocol::Role r = Protocol::Role::Passenger)
        : userId(std::move(id))
        , role(r)
    { }

    QString userId;
    Protocol::Role role = Protocol::Role::Passenger;
    // Display claims of the token (may be empty): kept as the user's profile for the other
    // party's card.
    QString name;
    QString vehicle;
    QString plate;
};

// Where the hub's output goes. The gateway implements it over WebSockets; tests implement it
// with a recorder. A frame is one serialized envelope, so a fan-out serializes once.
class Outbox
{
public:
    virtual ~Outbox() = default;
    virtual void send(ConnectionId connection, const QByteArray &frame) = 0;
};

// The hub logic the gateway hosts: ride lifecycle, chat, presence, notifications, rooms and
// loss-free delivery. It holds no socket code; everything arrives as already-authenticated,
// envelope-validated messages and leaves through the Outbox.
//
// Single-threaded: call it from the thread that owns it and the Storage (QtSql connections
// are per thread). Everything described in docs/hub.md.
class Hub : public QObject
{
    Q_OBJECT
public:
    // Loads the active rides from `storage` (they survive restarts). `storage` must outlive the
    // hub (the destructor writes the last ride distances). With a null storage the hub keeps
    // its state in an in-memory SQLite database (tests, demos).
    // `outbox` may be set later (setOutbox): the gateway that is the outbox is built after the
    // hub it hosts. `link` connects the hub to the other nodes of a cluster (must outlive the
    // hub); null: this node is alone (the local ClusterLink).
    Hub(Storage *storage, const HubConfig &config, Outbox *outbox = nullptr,
        ClusterLink *link = nullptr, QObject *parent = nullptr);
    ~Hub() override;

    // Where frames go from now on; null drops them (no connections can exist then).
    void setOutbox(Outbox *outbox);

    // A connection was authenticated as `principal`.
    void connectionOpened(ConnectionId connection, const Principal &principal);
    void connectionClosed(ConnectionId connection);
    // A parsed client message of a type the gateway does not handle itself (everything but
    // auth, token.refresh and ping). Payload validation happens here; every request is answered
    // on `connection` with a reply carrying the request id, or an error. location_update and
    // typing, the high-rate ephemeral messages, are answered (ack) only when they carry an id.
    void handle(ConnectionId connection, const Protocol::Envelope &envelope);

    // False when storage is failing; drives /health.
    bool isHealthy() const;

    // The newest durable sequence number held for `userId` (0 if none); sent in auth_success
    // so a client can tell whether its own number still belongs to this server's log.
    qint64 latestSeq(const QString &userId) const;

    // The circuit breaker around the database: 0 closed, 1 half-open, 2 open.
    int storageCircuitState() const;

    // Introspection for metrics and tests.
    int connectionCount() const;
    int activeRideCount() const;
    int availableDriverCount() const;
    // Writes in-memory state that is only checkpointed periodically (ride distances) and
    // flushes storage; call before a planned shutdown.
    void flush();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace NebengJek::Server
