// SPDX-License-Identifier: MIT
#include "demobot.h"

#include <protocol/messages.h>

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace NebengJek::Client::Demo {

using namespace Protocol;

namespace {
struct Place
{
    const char *name;
    GeoPoint point;
};

// The same presets as the app's request form (qml/components/Places.qml).
const Place kPlaces[] = {
        {"Monas", {-6.1754, 106.8272}},
        {"Stasiun Gambir", {-6.1767, 106.8306}},
        {"Bundaran HI", {-6.1950, 106.8230}},
        {"Grand Indonesia", {-6.1951, 106.8205}},
        {"Stasiun Manggarai", {-6.2099, 106.8502}},
        {"Senayan (GBK)", {-6.2183, 106.8016}},
        {"Kuningan City", {-6.2244, 106.8296}},
        {"Plaza Senayan", {-6.2254, 106.7995}},
        {"Blok M", {-6.2443, 106.7984}},
        {"Kemang", {-6.2607, 106.8137}},
        {"Kota Tua", {-6.1352, 106.8133}},
        {"Pasar Baru", {-6.1620, 106.8350}},
};

struct Text
{
    const char *key;
    const char *en;
    const char *id;
};

const Text kTexts[] = {
        {"match_proposal", "New ride request", "Permintaan perjalanan baru"},
        {"match_found", "Driver found", "Pengemudi ditemukan"},
        {"ride_started", "Ride started", "Perjalanan dimulai"},
        {"payment_requested", "Payment requested", "Pembayaran diminta"},
        {"ride_completed", "Ride completed", "Perjalanan selesai"},
        {"chat_message", "New message", "Pesan baru"},
        {"promo", "Weekend promo", "Promo akhir pekan"},
        {"promo_body", "20% off your next two rides this weekend.",
         "Diskon 20% untuk dua perjalanan berikutnya akhir pekan ini."},
        {"pickup_at", "Pickup at %1, %2 km away.", "Jemput di %1, %2 km dari Anda."},
        {"driver_coming", "%1 is on the way to %2.", "%1 sedang menuju %2."},
        {"started_body", "Enjoy the ride to %1.", "Selamat menikmati perjalanan ke %1."},
        {"pay_body", "Fare Rp %1 for %2 km.", "Tarif Rp %1 untuk %2 km."},
        {"done_body", "Rp %1 paid. Thank you for riding with NebengJek.",
         "Rp %1 dibayar. Terima kasih telah menggunakan NebengJek."},
        {"driver_line_0", "On my way! About 5 minutes.", "Saya segera ke sana! Sekitar 5 menit."},
        {"driver_line_1", "Silver Avanza, plate B 1234 NJK.", "Avanza silver, plat B 1234 NJK."},
        {"driver_line_2", "I'm at the pickup point.", "Saya sudah di titik jemput."},
        {"passenger_line_0", "Hi! I'm waiting at the lobby.", "Halo! Saya tunggu di lobi."},
        {"passenger_line_1", "I'm wearing a blue jacket.", "Saya pakai jaket biru."},
        {"passenger_line_2", "Thank you!", "Terima kasih!"},
};

QString placeName(const GeoPoint &p)
{
    for (const Place &place : kPlaces) {
        if (distanceMeters(place.point, p) < 60)
            return QString::fromUtf8(place.name);
    }
    return QStringLiteral("%1, %2").arg(p.lat, 0, 'f', 4).arg(p.lng, 0, 'f', 4);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

QString DemoBot::km(double meters) const
{
    return QLocale(m_language).toString(meters / 1000.0, 'f', 1);
}

DemoBot::DemoBot(FakeServer *server, QObject *parent)
    : QObject(parent)
    , m_server(server)
{
    m_server->setHandler([this](const QString &userId, const Envelope &request) {
        return handle(userId, request);
    });
}

QString DemoBot::text(const char *key) const
{
    for (const Text &t : kTexts) {
        if (qstrcmp(t.key, key) == 0)
            return QString::fromUtf8(m_language == QLatin1String("id") ? t.id : t.en);
    }
    return QString::fromLatin1(key);
}

QString DemoBot::partnerOf(const Ride &ride) const
{
    return ride.userIsDriver ? kPassengerName : kDriverName;
}

qint64 DemoBot::fareFor(double meters)
{
    // The hub's default tariff (docs/hub.md): flag fall plus per km, rounded to Rp 500.
    const double fare = 5000 + 2500 * meters / 1000.0;
    return qint64(std::round(fare / 500.0) * 500);
}

void DemoBot::later(Ride &ride, int ms, std::function<void()> action)
{
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [timer, action = std::move(action)] {
        timer->deleteLater();
        action();
    });
    timer->start(std::max(1, int(ms * m_pace)));
    ride.timers.append(timer);
}

void DemoBot::cancelTimers(Ride &ride)
{
    for (const QPointer<QTimer> &t : std::as_const(ride.timers)) {
        if (t)
            t->deleteLater();
    }
    ride.timers.clear();
    if (ride.car) {
        ride.car->stop();
        ride.car->deleteLater();
    }
}

void DemoBot::notify(const QString &userId, const QString &kind, const char *titleKey,
                     const QString &body)
{
    m_server->pushNotification(userId, kind, text(titleKey), body);
}

std::optional<Envelope> DemoBot::handle(const QString &userId, const Envelope &request)
{
    Ride &ride = m_rides[userId];
    ride.userId = userId;
    switch (request.type) {
    case MessageType::BeaconUpdate: {
        const auto beacon = decode<BeaconUpdate>(request.payload);
        if (!beacon.ok())
            return std::nullopt;
        ride.userIsDriver = true;
        if (!beacon->isActive) {
            cancelTimers(ride);
            ride = Ride();
            ride.userId = userId;
            ride.userIsDriver = true;
            return std::nullopt;
        }
        ride.userLocation = *beacon->location;
        ride.hasUserLocation = true;
        const bool idle = ride.matchId.isEmpty() || ride.completed;
        const bool waiting =
                std::any_of(ride.timers.cbegin(), ride.timers.cend(),
                            [](const QPointer<QTimer> &t) { return t && t->isActive(); });
        if (idle && !waiting && m_proposalDelayMs >= 0) {
            ride.completed = false;
            later(ride, m_proposalDelayMs, [this, userId] { propose(userId); });
        }
        return std::nullopt;
    }
    case MessageType::MatchConfirm: {
        const auto confirm = decode<MatchConfirm>(request.payload);
        if (!confirm.ok() || confirm->matchId != ride.matchId)
            return std::nullopt;
        cancelTimers(ride);
        if (!confirm->accepted) {
            MatchStatus status {
                    ride.matchId, QStringLiteral("rejected"), userId, kPassengerName, {}};
            later(ride, 100, [this, userId, status] {
                m_server->push(userId, MessageType::MatchStatus, status.toJson());
            });
            ride.matchId.clear();
            if (m_proposalDelayMs >= 0)
                later(ride, 10000, [this, userId] { propose(userId); });
            return std::nullopt;
        }
        ride.rideId = QStringLiteral("ride-%1").arg(m_nextId++);
        MatchStatus status {ride.matchId, QStringLiteral("accepted"), userId, kPassengerName,
                            ride.rideId};
        later(ride, 150, [this, userId, status] {
            m_server->push(userId, MessageType::MatchStatus, status.toJson());
            m_server->push(userId, MessageType::UserOnline,
                           UserOnline {kPassengerName, now()}.toJson(), false);
        });
        later(ride, 3500, [this, userId] { chatLine(userId); });
        return std::nullopt;
    }
    case MessageType::RideStart: {
        RidePickup pickup {ride.rideId, userId, kPassengerName, now()};
        later(ride, 150, [this, userId, pickup] {
            m_server->push(userId, MessageType::RidePickup, pickup.toJson());
            Ride &r = m_rides[userId];
            notify(userId, QStringLiteral("ride_started"), "ride_started",
                   text("started_body").arg(placeName(r.destination)));
        });
        return std::nullopt;
    }
    case MessageType::RideArrived:
        later(ride, 200, [this, userId] { requestPayment(userId); });
        later(ride, 3000, [this, userId] { complete(userId); });
        return std::nullopt;
    case MessageType::LocationUpdate: {
        const auto location = decode<LocationUpdate>(request.payload);
        if (location.ok()) {
            ride.userLocation = location->location;
            ride.hasUserLocation = true;
        }
        return std::nullopt;
    }
    case MessageType::FinderUpdate: {
        const auto finder = decode<FinderUpdate>(request.payload);
        if (!finder.ok())
            return std::nullopt;
        cancelTimers(ride);
        ride = Ride();
        ride.userId = userId;
        if (!finder->isActive)
            return std::nullopt;
        ride.pickup = finder->pickup;
        ride.destination = finder->destination;
        ride.matchId = QStringLiteral("match-%1").arg(m_nextId++);
        later(ride, 1200, [this, userId] {
            Ride &r = m_rides[userId];
            MatchProposal p;
            p.matchId = r.matchId;
            p.driverId = kDriverName;
            p.passengerId = userId;
            p.pickup = r.pickup;
            p.destination = r.destination;
            p.distanceMeters = 900;
            p.expiresAt = now() + 15000;
            m_server->push(userId, MessageType::MatchProposal, p.toJson());
        });
        later(ride, 2700, [this, userId] { matchPassenger(userId); });
        return std::nullopt;
    }
    case MessageType::PaymentProcess:
        later(ride, 300, [this, userId] { complete(userId); });
        return std::nullopt;
    case MessageType::MessageSend: {
        const auto send = decode<MessageSend>(request.payload);
        if (!send.ok())
            return std::nullopt;
        MessageSent sent {send->tempId, QStringLiteral("bot-msg-%1").arg(m_nextId++), send->matchId,
                          now()};
        const QString partner = partnerOf(ride);
        later(ride, 1200, [this, userId, sent, partner] {
            ReadUpdate read {sent.matchId, {sent.messageId}, partner, now()};
            m_server->push(userId, MessageType::ReadUpdate, read.toJson());
        });
        later(ride, 2000, [this, userId] { chatLine(userId); });
        return toEnvelope(sent);
    }
    default:
        return std::nullopt;
    }
}

void DemoBot::propose(const QString &userId)
{
    Ride &ride = m_rides[userId];
    const GeoPoint from = ride.hasUserLocation ? ride.userLocation : kPlaces[0].point;
    // The nearest preset that is not right here is the pickup; the destination 3-8 km on.
    const Place *pickup = &kPlaces[1];
    double best = 1e12;
    for (const Place &p : kPlaces) {
        const double d = distanceMeters(from, p.point);
        if (d > 400 && d < best) {
            best = d;
            pickup = &p;
        }
    }
    const Place *destination = &kPlaces[6];
    for (const Place &p : kPlaces) {
        const double d = distanceMeters(pickup->point, p.point);
        if (d > 3000 && d < 8000) {
            destination = &p;
            break;
        }
    }
    ride.matchId = QStringLiteral("match-%1").arg(m_nextId++);
    ride.pickup = pickup->point;
    ride.destination = destination->point;
    ride.completed = false;
    MatchProposal p;
    p.matchId = ride.matchId;
    p.driverId = userId;
    p.passengerId = kPassengerName;
    p.pickup = ride.pickup;
    p.destination = ride.destination;
    p.distanceMeters = best;
    p.expiresAt = now() + 15000;
    m_server->push(userId, MessageType::MatchProposal, p.toJson());
    notify(userId, QStringLiteral("match_proposal"), "match_proposal",
           text("pickup_at").arg(QString::fromUtf8(pickup->name), km(best)));
    // Unanswered: the server expires it.
    later(ride, 15000, [this, userId] {
        Ride &r = m_rides[userId];
        if (r.rideId.isEmpty() && !r.matchId.isEmpty()) {
            MatchStatus status {r.matchId, QStringLiteral("expired"), userId, kPassengerName, {}};
            m_server->push(userId, MessageType::MatchStatus, status.toJson());
            r.matchId.clear();
        }
    });
}

void DemoBot::matchPassenger(const QString &userId)
{
    Ride &ride = m_rides[userId];
    ride.rideId = QStringLiteral("ride-%1").arg(m_nextId++);
    MatchStatus status {ride.matchId, QStringLiteral("accepted"), kDriverName, userId, ride.rideId};
    m_server->push(userId, MessageType::MatchStatus, status.toJson());
    m_server->push(userId, MessageType::UserOnline, UserOnline {kDriverName, now()}.toJson(),
                   false);
    notify(userId, QStringLiteral("match_found"), "match_found",
           text("driver_coming").arg(kDriverName, placeName(ride.pickup)));
    // The car starts ~900 m north-east of the pickup.
    ride.car = new RouteSimulator(this);
    ride.car->setPosition({ride.pickup.lat + 0.005, ride.pickup.lng + 0.006});
    later(ride, 2500, [this, userId] { chatLine(userId); });
    drive(userId, ride.pickup, [this, userId] {
        Ride &r = m_rides[userId];
        later(r, 2000, [this, userId] {
            Ride &r2 = m_rides[userId];
            RidePickup pickup {r2.rideId, kDriverName, userId, now()};
            m_server->push(userId, MessageType::RidePickup, pickup.toJson());
            notify(userId, QStringLiteral("ride_started"), "ride_started",
                   text("started_body").arg(placeName(r2.destination)));
            drive(userId, r2.destination, [this, userId] { requestPayment(userId); });
        });
    });
}

void DemoBot::drive(const QString &userId, const GeoPoint &to, std::function<void()> arrived)
{
    Ride &ride = m_rides[userId];
    RouteSimulator *car = ride.car;
    if (!car)
        return;
    car->disconnect(this);
    // One simulated second per tick; a faster pace shortens the tick, not the step.
    car->setSpeed(m_driveSpeed / m_pace);
    car->setInterval(std::max(50, int(1000 * m_pace)));
    const QString rideId = ride.rideId;
    connect(car, &RouteSimulator::positionChanged, this, [this, userId, car, rideId] {
        LocationUpdate update;
        update.location = car->position();
        update.heading = car->heading();
        update.speed = std::min(car->speed(), 100.0);
        update.rideId = rideId;
        update.driverId = kDriverName;
        update.timestamp = now();
        m_server->push(userId, MessageType::LocationUpdate, update.toJson(), false);
    });
    connect(
            car, &RouteSimulator::arrived, this, [arrived] { arrived(); }, Qt::QueuedConnection);
    car->driveTo(RouteSimulator::streetRoute(car->position(), to));
}

void DemoBot::requestPayment(const QString &userId)
{
    Ride &ride = m_rides[userId];
    const double meters = distanceMeters(ride.pickup, ride.destination) * 1.3;
    PaymentRequest request;
    request.rideId = ride.rideId;
    request.distanceMeters = std::round(meters);
    request.fare = fareFor(meters);
    m_server->push(userId, MessageType::PaymentRequest, request.toJson());
    notify(userId, QStringLiteral("payment_requested"), "payment_requested",
           text("pay_body").arg(QLocale(m_language).toString(request.fare), km(meters)));
}

void DemoBot::complete(const QString &userId)
{
    Ride &ride = m_rides[userId];
    if (ride.completed || ride.rideId.isEmpty())
        return;
    ride.completed = true;
    const double meters = distanceMeters(ride.pickup, ride.destination) * 1.3;
    RideCompleted done {ride.rideId, fareFor(meters), std::round(meters), now()};
    m_server->push(userId, MessageType::RideCompleted, done.toJson());
    notify(userId, QStringLiteral("ride_completed"), "ride_completed",
           text("done_body").arg(QLocale(m_language).toString(done.fare)));
}

void DemoBot::chatLine(const QString &userId)
{
    Ride &ride = m_rides[userId];
    if (ride.matchId.isEmpty() || ride.chatLine > 2)
        return;
    const QString partner = partnerOf(ride);
    const QString body = text(
            QStringLiteral("%1_line_%2")
                    .arg(ride.userIsDriver ? QStringLiteral("passenger") : QStringLiteral("driver"))
                    .arg(ride.chatLine++)
                    .toLatin1()
                    .constData());
    const QString matchId = ride.matchId;
    m_server->push(userId, MessageType::Typing, Typing {matchId, true, partner}.toJson(), false);
    later(ride, 1800, [this, userId, matchId, partner, body] {
        MessageNew message {QStringLiteral("bot-msg-%1").arg(m_nextId++), matchId, partner, body,
                            now()};
        m_server->push(userId, MessageType::MessageNew, message.toJson());
    });
}

void DemoBot::seedNotifications(const QString &userId)
{
    // Oldest first: the server numbers notifications in the order they happen.
    const qint64 t = now();
    const qint64 minute = 60 * 1000;
    m_server->pushNotification(userId, QStringLiteral("promo"), text("promo"), text("promo_body"),
                               t - 2 * 24 * 60 * minute, true);
    m_server->pushNotification(userId, QStringLiteral("payment_requested"),
                               text("payment_requested"),
                               text("pay_body").arg(QLocale(m_language).toString(18500), km(5400)),
                               t - 27 * 60 * minute, true);
    m_server->pushNotification(userId, QStringLiteral("ride_completed"), text("ride_completed"),
                               text("done_body").arg(QLocale(m_language).toString(18500)),
                               t - 26 * 60 * minute, true);
    m_server->pushNotification(userId, QStringLiteral("ride_started"), text("ride_started"),
                               text("started_body").arg(QStringLiteral("Kuningan City")),
                               t - 45 * minute, false);
    m_server->pushNotification(userId, QStringLiteral("match_found"), text("match_found"),
                               text("driver_coming").arg(kDriverName, QStringLiteral("Monas")),
                               t - 12 * minute, false);
    m_server->pushNotification(userId, QStringLiteral("chat_message"), text("chat_message"),
                               text("driver_line_2"), t - 2 * minute, false);
}

} // namespace NebengJek::Client::Demo
