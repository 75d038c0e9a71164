// SPDX-License-Identifier: MIT
#include "hub.h"

#include "chatservice.h"
#include "circuitbreaker.h"
#include "clusterlink.h"
#include "connectionregistry.h"
#include "deliverylog.h"
#include "hubnotice.h"
#include "idempotencycache.h"
#include "logging.h"
#include "matcher.h"
#include "notificationcenter.h"
#include "outcome.h"
#include "presenceservice.h"
#include "profileservice.h"
#include "rideservice.h"
#include "roomservice.h"
#include "unitofwork.h"

#include <protocol/messages.h>
#include <storage/riderepository.h>
#include <storage/storage.h>

#include <QTimer>

namespace NebengJek::Server {

namespace {

using Protocol::ErrorCode;
using Protocol::MessageType;
using Protocol::Role;

// While storage is failing it is probed this often, so /health recovers without traffic.
constexpr int kStorageProbeIntervalMs = 5000;
// Partners of rides that ended within this window still see each other's presence (chat
// about a lost item after the ride).
constexpr qint64 kRecentPartnerWindowMs = 24 * 60 * 60 * 1000;

// The role a message type requires, if any.
std::optional<Role> requiredRole(MessageType type)
{
    switch (type) {
    case MessageType::BeaconUpdate:
    case MessageType::MatchConfirm:
    case MessageType::RideStart:
    case MessageType::RideArrived:
    case MessageType::LocationUpdate:
    case MessageType::LocationBatch:
    case MessageType::RideAtPickup:
        return Role::Driver;
    case MessageType::FinderUpdate:
    case MessageType::PaymentProcess:
    case MessageType::RideEstimate:
        return Role::Passenger;
    default:
        return std::nullopt;
    }
}

} // namespace

class Hub::Private
{
public:
    Private(Hub *q, Storage *storage, const HubConfig &config, Outbox *outbox, ClusterLink *link);

    void reply(const Caller &caller, const Outcome &outcome);
    void sendError(const Caller &caller, const Protocol::ProtocolError &error);
    QStringList contactsOf(const QString &userId);

    template<typename Message, typename Handler>
    void command(const Caller &caller, const Protocol::Envelope &envelope, Handler &&handler);
    template<typename Message, typename Handler>
    void query(const Caller &caller, const Protocol::Envelope &envelope, Handler &&handler);

    void handleNotice(const QString &fromNode, const QByteArray &notice);
    void announceLocalState();
    void relinked();

    std::unique_ptr<Storage> ownedStorage;
    Storage *storage;
    HubConfig config;
    ClusterLink localLink;
    ClusterLink *link;
    // Around the database: while open, commands are answered UNAVAILABLE without a query.
    CircuitBreaker storageBreaker {{3, 2000}};
    ConnectionRegistry connections;
    DeliveryLog delivery;
    IdempotencyCache idempotency;
    NotificationCenter notifications;
    Matcher matcher;
    ProfileService profiles;
    RideService rides;
    ChatService chat;
    PresenceService presence;
    RoomService rooms;
    QTimer probeTimer;
};

namespace {

Storage *ensureStorage(Storage *storage, std::unique_ptr<Storage> &owned)
{
    if (storage)
        return storage;
    QString error;
    owned = Storage::open(QStringLiteral("sqlite::memory:"), &error);
    if (!owned)
        qFatal("cannot open in-memory storage: %s", qPrintable(error));
    return owned.get();
}

} // namespace

Hub::Private::Private(Hub *q, Storage *s, const HubConfig &c, Outbox *outbox, ClusterLink *l)
    : storage(ensureStorage(s, ownedStorage))
    , config(c)
    , link(l ? l : &localLink)
    , connections(outbox, *link)
    , delivery(*storage, connections, config)
    , idempotency(*storage, config)
    , notifications(*storage, connections)
    , matcher(config)
    , profiles(*storage)
    // The QObject services get the hub as parent so that moveToThread() takes them (and their
    // timers) along; they are still owned and destroyed here, before the hub's QObject part.
    , rides(*storage, config, connections, delivery, notifications, matcher, profiles, q)
    , chat(*storage, connections, notifications, rides)
    , presence(
              config, connections, [this](const QString &user) { return contactsOf(user); }, q)
    , rooms(connections)
{ }

Hub::Hub(Storage *storage, const HubConfig &config, Outbox *outbox, ClusterLink *link,
         QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, storage, config, outbox, link))
{
    if (!d->rides.load())
        qCWarning(lcHub) << "could not load active rides; storage is failing";
    connect(&d->presence, &PresenceService::wentOffline, this,
            [this](const QString &userId) { d->rides.driverWentOffline(userId); });
    ClusterLink *l = d->link;
    connect(l, &ClusterLink::userFrame, this,
            [this](const QString &userId, qint64 seq, const QByteArray &frame) {
                d->connections.deliverLocally(userId, frame, seq);
            });
    connect(l, &ClusterLink::roomFrame, this, [this](const QString &room, const QByteArray &frame) {
        d->rooms.deliverLocally(room, frame);
    });
    connect(l, &ClusterLink::notice, this, [this](const QString &from, const QByteArray &notice) {
        d->handleNotice(from, notice);
    });
    connect(l, &ClusterLink::nodeLost, this, [this](const QString &node) {
        d->presence.nodeLost(node);
        d->rides.nodeLost(node);
    });
    connect(l, &ClusterLink::relinked, this, [this] { d->relinked(); });
    d->probeTimer.setInterval(kStorageProbeIntervalMs);
    connect(&d->probeTimer, &QTimer::timeout, this, [this] {
        if (!d->storage->isHealthy() && d->storage->probe())
            d->storageBreaker.recordSuccess();
    });
    d->probeTimer.start();
}

void Hub::setOutbox(Outbox *outbox)
{
    d->connections.setOutbox(outbox);
}

Hub::~Hub()
{
    d->rides.checkpointDistances();
}

void Hub::Private::handleNotice(const QString &fromNode, const QByteArray &notice)
{
    const QJsonObject n = QJsonDocument::fromJson(notice).object();
    const QString kind = n.value(QStringLiteral("k")).toString();
    const QString user = n.value(QStringLiteral("u")).toString();
    if (kind == HubNotice::kRide) {
        rides.refresh(n.value(QStringLiteral("id")).toString());
    } else if (kind == HubNotice::kBeacon) {
        rides.remoteBeacon(fromNode, n.value(QStringLiteral("d")).toString(),
                           n.value(QStringLiteral("on")).toBool(),
                           {n.value(QStringLiteral("lat")).toDouble(),
                            n.value(QStringLiteral("lng")).toDouble()});
    } else if (kind == HubNotice::kOnline) {
        presence.remoteOnline(fromNode, user);
    } else if (kind == HubNotice::kOffline) {
        presence.remoteOffline(fromNode, user);
    } else if (kind == HubNotice::kGone) {
        presence.remoteGone(user, n.value(QStringLiteral("at")).toInteger());
    } else if (kind == HubNotice::kBlocks) {
        chat.forgetBlocks(user);
    } else if (kind == HubNotice::kHello) {
        announceLocalState();
    }
}

// What other nodes need to know from this one: who is connected here, which drivers are
// available here.
void Hub::Private::announceLocalState()
{
    for (const QString &user : connections.localUsers())
        link->broadcast(HubNotice::make(HubNotice::kOnline, {{QStringLiteral("u"), user}}));
    rides.announceLocalDrivers();
}

// The link to the other nodes is (back) up; what happened meanwhile was not heard here.
void Hub::Private::relinked()
{
    // What the others said before may be stale: forget it, and ask them again.
    presence.forgetRemote();
    rides.forgetRemoteDrivers();
    link->broadcast(HubNotice::make(HubNotice::kHello));
    announceLocalState();
    rides.reload();
    // Live events from other nodes may have been lost while the link was down: send every
    // local connection what the log has beyond what it was sent. Clients drop duplicates.
    int replayed = 0;
    for (ConnectionId connection : connections.allConnections())
        replayed += delivery.catchUp(connection);
    qCInfo(lcHub) << "cluster link up; caught up" << replayed << "events";
}

QStringList Hub::Private::contactsOf(const QString &userId)
{
    QStringList contacts = rides.activePartnersOf(userId);
    const auto recent = storage->rides().partnersOf(userId, RideStateMachine::activeStateNames(),
                                                    QDateTime::currentMSecsSinceEpoch()
                                                            - kRecentPartnerWindowMs);
    for (const QString &partner : recent.value) {
        if (!contacts.contains(partner))
            contacts.append(partner);
    }
    contacts.removeIf(
            [this, &userId](const QString &other) { return chat.eitherBlocked(userId, other); });
    return contacts;
}

void Hub::connectionOpened(ConnectionId connection, const Principal &principal)
{
    // Fails open: if storage cannot say where the log is, everything is replayed on resume
    // (the client drops duplicates by seq) rather than anything being skipped.
    const qint64 liveFrom =
            d->delivery.latestSeq(principal.userId).value_or(Protocol::kMaxSequence);
    d->connections.add(connection, principal, liveFrom);
    qCDebug(lcHub) << "connection" << connection << "opened as"
                   << Protocol::roleName(principal.role);
    d->link->connectionBound(principal.userId, connection, d->config.clusterConnectionsPerUser);
    if (d->connections.connectionsOf(principal.userId).size() == 1)
        d->link->broadcast(
                HubNotice::make(HubNotice::kOnline, {{QStringLiteral("u"), principal.userId}}));
    d->presence.connectionOpened(connection, principal.userId);
    d->profiles.remember(principal);
}

void Hub::connectionClosed(ConnectionId connection)
{
    const std::optional<Principal> principal = d->connections.remove(connection);
    if (!principal)
        return;
    d->rooms.connectionClosed(connection);
    d->link->connectionUnbound(principal->userId, connection);
    if (!d->connections.isConnected(principal->userId))
        d->link->broadcast(
                HubNotice::make(HubNotice::kOffline, {{QStringLiteral("u"), principal->userId}}));
    d->presence.connectionClosed(principal->userId);
    qCDebug(lcHub) << "connection" << connection << "closed";
}

void Hub::Private::sendError(const Caller &caller, const Protocol::ProtocolError &error)
{
    connections.send(caller.connection,
                     Protocol::Envelope::errorReply(caller.requestId, error).toJson());
}

void Hub::Private::reply(const Caller &caller, const Outcome &outcome)
{
    if (outcome.error) {
        sendError(caller, *outcome.error);
        return;
    }
    Protocol::Envelope envelope = outcome.reply;
    envelope.id = caller.requestId;
    connections.send(caller.connection, envelope.toJson());
}

// A state-changing request: decoded, deduplicated by its id, applied in one transaction with
// its durable events and its stored answer, then answered and its events sent.
template<typename Message, typename Handler>
void Hub::Private::command(const Caller &caller, const Protocol::Envelope &envelope,
                           Handler &&handler)
{
    const Protocol::Decoded<Message> message = Protocol::decode<Message>(envelope.payload);
    if (!message.ok()) {
        sendError(caller, message.error);
        return;
    }
    if (!storageBreaker.allowRequest()) {
        reply(caller, Outcome::storageFailure());
        return;
    }
    // Whatever happens below tells the breaker whether the database answered.
    bool storageWorked = true;
    struct Verdict
    {
        CircuitBreaker &breaker;
        bool &worked;
        ~Verdict() { worked ? breaker.recordSuccess() : breaker.recordFailure(); }
    } verdict {storageBreaker, storageWorked};
    const bool remember = !caller.requestId.isEmpty() && IdempotencyCache::appliesTo(envelope.type);
    if (remember) {
        const auto previous = idempotency.lookup(caller.userId, caller.requestId, envelope.type);
        switch (previous.status) {
        case IdempotencyCache::Status::New:
            break;
        case IdempotencyCache::Status::Replay:
            connections.send(caller.connection, previous.reply);
            return;
        case IdempotencyCache::Status::Reused:
            sendError(caller,
                      Protocol::ProtocolError::make(
                              ErrorCode::Conflict,
                              QStringLiteral("this request id was already used for "
                                             "another message type")));
            return;
        case IdempotencyCache::Status::StorageFailed:
            storageWorked = false;
            reply(caller, Outcome::storageFailure());
            return;
        }
    }
    UnitOfWork uow(*storage, connections, delivery);
    if (!uow.isActive()) {
        storageWorked = false;
        reply(caller, Outcome::storageFailure());
        return;
    }
    Outcome outcome = handler(caller, uow, *message);
    if (outcome.error) {
        // Errors change nothing, so they are not remembered: a retry is evaluated afresh.
        storageWorked = outcome.error->code != ErrorCode::Unavailable;
        uow.rollback();
        reply(caller, outcome);
        return;
    }
    Protocol::Envelope answer = outcome.reply;
    answer.id = caller.requestId;
    const QByteArray frame = answer.toJson();
    if (remember
        && !idempotency.remember(uow, caller.userId, caller.requestId, envelope.type, frame)) {
        storageWorked = false;
        uow.rollback();
        reply(caller, Outcome::storageFailure());
        return;
    }
    if (!uow.commit()) {
        storageWorked = false;
        reply(caller, Outcome::storageFailure());
        return;
    }
    connections.send(caller.connection, frame);
    uow.dispatch();
}

// A request without durable effects: decoded and answered.
template<typename Message, typename Handler>
void Hub::Private::query(const Caller &caller, const Protocol::Envelope &envelope,
                         Handler &&handler)
{
    const Protocol::Decoded<Message> message = Protocol::decode<Message>(envelope.payload);
    if (!message.ok()) {
        sendError(caller, message.error);
        return;
    }
    reply(caller, handler(caller, *message));
}

void Hub::handle(ConnectionId connection, const Protocol::Envelope &envelope)
{
    const ConnectionRegistry::Connection *info = d->connections.find(connection);
    Caller caller;
    caller.connection = connection;
    caller.requestId = envelope.id;
    if (!info) {
        // The gateway calls connectionOpened first; anything else is a bug worth seeing.
        qCWarning(lcHub) << "message on unknown connection" << connection;
        d->sendError(caller,
                     Protocol::ProtocolError::make(ErrorCode::Unauthorized,
                                                   QStringLiteral("not authenticated")));
        return;
    }
    caller.userId = info->principal.userId;
    caller.role = info->principal.role;
    caller.displayName = info->principal.name;

    if (const auto role = requiredRole(envelope.type); role && *role != caller.role) {
        d->sendError(
                caller,
                Protocol::ProtocolError::make(ErrorCode::Forbidden,
                                              QStringLiteral("%1 is for %2s")
                                                      .arg(Protocol::messageTypeName(envelope.type),
                                                           Protocol::roleName(*role))));
        return;
    }

    Private &p = *d;
    using namespace Protocol;
    switch (envelope.type) {
    case MessageType::LocationUpdate: {
        // The hot path: no transaction, no idempotency record, an ack only when asked for.
        const Decoded<LocationUpdate> message = decode<LocationUpdate>(envelope.payload);
        if (!message.ok()) {
            p.sendError(caller, message.error);
            return;
        }
        p.rides.driverLocation(caller, *message);
        if (!caller.requestId.isEmpty())
            p.reply(caller, Outcome::ack());
        return;
    }
    case MessageType::Typing: {
        const Decoded<Typing> message = decode<Typing>(envelope.payload);
        if (!message.ok()) {
            p.sendError(caller, message.error);
            return;
        }
        if (const auto error = p.chat.typing(caller, *message))
            p.sendError(caller, *error);
        else if (!caller.requestId.isEmpty())
            p.reply(caller, Outcome::ack());
        return;
    }
    case MessageType::BeaconUpdate:
        p.query<BeaconUpdate>(caller, envelope, [&p](const Caller &c, const BeaconUpdate &m) {
            return p.rides.beaconUpdate(c, m);
        });
        return;
    case MessageType::FinderUpdate:
        p.command<FinderUpdate>(caller, envelope,
                                [&p](const Caller &c, UnitOfWork &u, const FinderUpdate &m) {
                                    return p.rides.finderUpdate(c, u, m);
                                });
        return;
    case MessageType::MatchConfirm:
        p.command<MatchConfirm>(caller, envelope,
                                [&p](const Caller &c, UnitOfWork &u, const MatchConfirm &m) {
                                    return p.rides.matchConfirm(c, u, m);
                                });
        return;
    case MessageType::RideStart:
        p.command<RideStart>(caller, envelope,
                             [&p](const Caller &c, UnitOfWork &u, const RideStart &m) {
                                 return p.rides.rideStart(c, u, m);
                             });
        return;
    case MessageType::RideArrived:
        p.command<RideArrived>(caller, envelope,
                               [&p](const Caller &c, UnitOfWork &u, const RideArrived &m) {
                                   return p.rides.rideArrived(c, u, m);
                               });
        return;
    case MessageType::PaymentProcess:
        p.command<PaymentProcess>(caller, envelope,
                                  [&p](const Caller &c, UnitOfWork &u, const PaymentProcess &m) {
                                      return p.rides.paymentProcess(c, u, m);
                                  });
        return;
    case MessageType::RideEstimate:
        p.query<RideEstimateRequest>(caller, envelope,
                                     [&p](const Caller &c, const RideEstimateRequest &m) {
                                         return p.rides.estimate(c, m);
                                     });
        return;
    case MessageType::RideCancel:
        p.command<RideCancel>(caller, envelope,
                              [&p](const Caller &c, UnitOfWork &u, const RideCancel &m) {
                                  return p.rides.rideCancel(c, u, m);
                              });
        return;
    case MessageType::RideAtPickup:
        p.command<RideAtPickup>(caller, envelope,
                                [&p](const Caller &c, UnitOfWork &u, const RideAtPickup &m) {
                                    return p.rides.atPickup(c, u, m);
                                });
        return;
    case MessageType::LocationBatch:
        p.command<LocationBatch>(caller, envelope,
                                 [&p](const Caller &c, UnitOfWork &u, const LocationBatch &m) {
                                     return p.rides.locationBatch(c, u, m);
                                 });
        return;
    case MessageType::RideRate:
        p.command<RideRate>(caller, envelope,
                            [&p](const Caller &c, UnitOfWork &u, const RideRate &m) {
                                return p.profiles.rate(c, u, m);
                            });
        return;
    case MessageType::RideHistory:
        p.query<RideHistoryRequest>(caller, envelope,
                                    [&p](const Caller &c, const RideHistoryRequest &m) {
                                        return p.profiles.history(c, m);
                                    });
        return;
    case MessageType::MessageSend:
        p.command<MessageSend>(caller, envelope,
                               [&p](const Caller &c, UnitOfWork &u, const MessageSend &m) {
                                   return p.chat.send(c, u, m);
                               });
        return;
    case MessageType::MessageRead:
        p.command<MessageRead>(caller, envelope,
                               [&p](const Caller &c, UnitOfWork &u, const MessageRead &m) {
                                   return p.chat.read(c, u, m);
                               });
        return;
    case MessageType::UserBlock:
        p.command<UserBlock>(caller, envelope,
                             [&p](const Caller &c, UnitOfWork &u, const UserBlock &m) {
                                 return p.chat.block(c, u, m);
                             });
        return;
    case MessageType::UserUnblock:
        p.command<UserUnblock>(caller, envelope,
                               [&p](const Caller &c, UnitOfWork &u, const UserUnblock &m) {
                                   return p.chat.unblock(c, u, m);
                               });
        return;
    case MessageType::NotificationList:
        p.query<NotificationListRequest>(caller, envelope,
                                         [&p](const Caller &c, const NotificationListRequest &m) {
                                             return p.notifications.list(c, m);
                                         });
        return;
    case MessageType::NotificationUnreadCount:
        p.query<NotificationUnreadCountRequest>(
                caller, envelope, [&p](const Caller &c, const NotificationUnreadCountRequest &) {
                    return p.notifications.unreadCount(c);
                });
        return;
    case MessageType::NotificationMarkRead:
        p.command<NotificationMarkRead>(
                caller, envelope,
                [&p](const Caller &c, UnitOfWork &u, const NotificationMarkRead &m) {
                    return p.notifications.markRead(c, u, m);
                });
        return;
    case MessageType::NotificationMarkAllRead:
        p.command<NotificationMarkAllRead>(
                caller, envelope,
                [&p](const Caller &c, UnitOfWork &u, const NotificationMarkAllRead &) {
                    return p.notifications.markAllRead(c, u);
                });
        return;
    case MessageType::RoomJoin:
        p.query<RoomJoin>(caller, envelope,
                          [&p](const Caller &c, const RoomJoin &m) { return p.rooms.join(c, m); });
        return;
    case MessageType::RoomLeave:
        p.query<RoomLeave>(caller, envelope, [&p](const Caller &c, const RoomLeave &m) {
            return p.rooms.leave(c, m);
        });
        return;
    case MessageType::RoomPublish:
        p.query<RoomPublish>(caller, envelope, [&p](const Caller &c, const RoomPublish &m) {
            return p.rooms.publish(c, m);
        });
        return;
    case MessageType::Resume: {
        const qint64 liveFrom = info->liveFromSeq;
        p.query<Resume>(caller, envelope, [&p, liveFrom](const Caller &c, const Resume &m) {
            return p.delivery.resume(c, m.lastSeq, liveFrom);
        });
        return;
    }
    default:
        // auth, token.refresh and ping belong to the gateway; the rest are server-to-client.
        p.sendError(caller,
                    ProtocolError::make(ErrorCode::UnknownType,
                                        QStringLiteral("%1 is not handled here")
                                                .arg(messageTypeName(envelope.type))));
        return;
    }
}

qint64 Hub::latestSeq(const QString &userId) const
{
    return d->delivery.latestSeq(userId).value_or(0);
}

bool Hub::isHealthy() const
{
    return d->storage->isHealthy();
}

int Hub::storageCircuitState() const
{
    return CircuitBreaker::stateValue(d->storageBreaker.state());
}

int Hub::connectionCount() const
{
    return d->connections.count();
}

int Hub::activeRideCount() const
{
    return d->rides.activeRideCount();
}

int Hub::availableDriverCount() const
{
    return d->matcher.availableCount();
}

void Hub::flush()
{
    d->rides.checkpointDistances();
    d->storage->flush();
}

} // namespace NebengJek::Server
