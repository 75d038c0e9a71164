// SPDX-License-Identifier: MIT
#include "demodirector.h"

#include "models/triphistorymodel.h"

#include "demopartner.h"
#include "demoserver.h"
#include "logging.h"

#include "models/appsession.h"
#include "models/chatmodel.h"
#include "models/notificationmodel.h"
#include "models/ridecontroller.h"

namespace NebengJek::Demo {

using Client::AppSession;
using Client::RideController;
using Protocol::GeoPoint;
using Protocol::Role;

namespace {
// Polled every 50 ms; a scene that takes longer than 90 s (slow CI machine) is stuck.
constexpr int kPollMs = 50;
constexpr int kMaxPolls = 90000 / kPollMs;

// Places of the demo (the app's Places presets).
constexpr GeoPoint kMonas {-6.1754, 106.8272};
constexpr GeoPoint kGambir {-6.1767, 106.8306};
constexpr GeoPoint kBundaranHi {-6.1950, 106.8230};
constexpr GeoPoint kSenayan {-6.2183, 106.8016};
constexpr GeoPoint kKuningan {-6.2244, 106.8296};
// Where the partner's car waits: a few streets from Monas.
constexpr GeoPoint kPartnerCar {-6.1690, 106.8210};

QVariantMap point(const GeoPoint &p)
{
    return {{QStringLiteral("lat"), p.lat}, {QStringLiteral("lng"), p.lng}};
}
} // namespace

QVariantMap DemoDirector::profileOf(const QString &userId)
{
    auto map = [](const char *name, const char *vehicle = "", const char *plate = "") {
        return QVariantMap {{QStringLiteral("name"), QString::fromUtf8(name)},
                            {QStringLiteral("vehicle"), QString::fromUtf8(vehicle)},
                            {QStringLiteral("plate"), QString::fromUtf8(plate)}};
    };
    if (userId == QLatin1String("budi"))
        return map("Budi Santoso", "Honda Vario 125", "B 3721 KZT");
    if (userId == QLatin1String("andi"))
        return map("Andi Wijaya", "Yamaha NMAX", "B 4812 PQR");
    if (userId == QLatin1String("ayu"))
        return map("Ayu Rahmawati");
    return map("Sari Lestari");
}

DemoDirector::DemoDirector(AppSession *session, const Options &options, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_options(options)
{
    const bool userIsDriver = options.role == QLatin1String("driver");
    if (options.serverUrl.isEmpty())
        m_server = new DemoServer(this);
    m_partner = new DemoPartner(userIsDriver ? QStringLiteral("ayu") : QStringLiteral("budi"),
                                userIsDriver ? Role::Passenger : Role::Driver, this);
    m_partner->setLanguage(options.language);
    m_partner->setStartPosition(kPartnerCar);
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        const bool done = m_condition && m_condition();
        if (!done && --m_pollsLeft > 0)
            return;
        if (!done)
            qCWarning(lcDemo) << "scene" << m_options.scene << "did not reach its state in time";
        m_poll.stop();
        auto next = std::move(m_next);
        m_condition = nullptr;
        QTimer::singleShot(m_settleMs, this, [next] {
            if (next)
                next();
        });
    });
}

DemoDirector::~DemoDirector() = default;

QStringList DemoDirector::scenes()
{
    return {
            QStringLiteral("signin            the sign-in screen"),
            QStringLiteral("driver-online     driver, online and waiting"),
            QStringLiteral("proposal          driver, an incoming ride request with its countdown"),
            QStringLiteral("driver-ride       driver, on a ride (simulated GPS along the route)"),
            QStringLiteral("passenger-request passenger, the ride request form"),
            QStringLiteral("on-ride           passenger, on a ride, the driver's live location"),
            QStringLiteral("payment           passenger, arrived: the payment request"),
            QStringLiteral("chat              passenger, chatting with the matched driver"),
            QStringLiteral("notifications     the notification center after a ride"),
            QStringLiteral("driver-card       passenger, matched: the driver's card (name, car, "
                           "plate, rating)"),
            QStringLiteral(
                    "cancel            passenger, matched: the cancel dialog with its reasons"),
            QStringLiteral(
                    "driver-pickup     driver, at the pickup: passenger card, I'm here, cancel"),
            QStringLiteral("rating            passenger, the ride completed: rate the driver"),
            QStringLiteral("history           passenger, the trip history after a ride"),
    };
}

QString DemoDirector::roleForScene(const QString &scene)
{
    if (scene == QLatin1String("driver-online") || scene == QLatin1String("proposal")
        || scene == QLatin1String("driver-ride") || scene == QLatin1String("driver-pickup"))
        return QStringLiteral("driver");
    if (scene == QLatin1String("passenger-request") || scene == QLatin1String("on-ride")
        || scene == QLatin1String("payment") || scene == QLatin1String("chat")
        || scene == QLatin1String("notifications") || scene == QLatin1String("driver-card")
        || scene == QLatin1String("cancel") || scene == QLatin1String("rating")
        || scene == QLatin1String("history"))
        return QStringLiteral("passenger");
    return {};
}

QString DemoDirector::panelForScene(const QString &scene)
{
    if (scene == QLatin1String("notifications") || scene == QLatin1String("chat")
        || scene == QLatin1String("cancel") || scene == QLatin1String("history"))
        return scene;
    return {};
}

QUrl DemoDirector::serverUrl() const
{
    return m_server ? m_server->url() : m_options.serverUrl;
}

QString DemoDirector::userId() const
{
    return m_options.role == QLatin1String("driver") ? QStringLiteral("andi")
                                                     : QStringLiteral("sari");
}

bool DemoDirector::start()
{
    if (m_server && !m_server->start()) {
        qCWarning(lcDemo) << "cannot start the demo server:" << m_server->errorString();
        return false;
    }
    qCInfo(lcDemo) << "demo against" << serverUrl().toString()
                   << (m_server ? "(the hub in-process, in-memory database)" : "");
    const QString &scene = m_options.scene;
    // Screenshots should not wait for a believable pace.
    if (!scene.isEmpty())
        m_partner->setPace(scene == QLatin1String("payment")
                                           || scene == QLatin1String("notifications")
                                           || scene == QLatin1String("rating")
                                           || scene == QLatin1String("history")
                                   ? 0.1
                                   : 0.25);
    if (scene == QLatin1String("driver-online"))
        m_partner->setAutoRequest(false);
    if (scene == QLatin1String("payment"))
        m_partner->setTrip(kBundaranHi, kSenayan);
    if (scene == QLatin1String("signin")) {
        QTimer::singleShot(0, this, &DemoDirector::ready);
        return true;
    }
    m_partner->start(serverUrl());
    connect(m_session, &AppSession::stageChanged, this, [this] {
        if (m_session->stage() == AppSession::SignedIn)
            whenSignedIn();
    });
    m_session->setDevProfile(profileOf(userId()));
    m_session->devSignIn(serverUrl().toString(), userId(), m_options.role);
    return true;
}

void DemoDirector::waitFor(std::function<bool()> condition, int settleMs,
                           std::function<void()> next)
{
    m_condition = std::move(condition);
    m_next = std::move(next);
    m_settleMs = settleMs;
    m_pollsLeft = kMaxPolls;
    m_poll.start();
}

void DemoDirector::whenSignedIn()
{
    disconnect(m_session, &AppSession::stageChanged, this, nullptr);
    RideController *ride = m_session->ride();
    const QString &scene = m_options.scene;
    auto is = [ride](RideController::State s) {
        return [ride, s] {
            return ride->state() == s;
        };
    };
    auto emitReady = [this] {
        Q_EMIT ready();
    };
    // Both signed in and connected before anything is asked of the hub.
    auto partnerReady = [this] {
        return m_partner->session()->signedIn();
    };

    if (scene.isEmpty()) {
        qCInfo(lcDemo) << "interactive demo: signed in as" << userId() << "with"
                       << m_partner->userId();
        return;
    }
    if (scene == QLatin1String("driver-online")) {
        ride->goOnline();
        waitFor(is(RideController::Online), 1200, emitReady);
    } else if (scene == QLatin1String("proposal")) {
        ride->goOnline();
        waitFor(is(RideController::Proposal), 2200, emitReady);
    } else if (scene == QLatin1String("driver-ride") || scene == QLatin1String("driver-pickup")) {
        // The server starts a ride only near the pickup: the car gets there fast, then keeps
        // the city pace.
        ride->simulator()->setSpeed(300);
        ride->goOnline();
        waitFor(is(RideController::Proposal), 500, [this, ride, is, emitReady, scene] {
            ride->accept();
            auto atPickup = [ride] {
                return ride->state() == RideController::Matched && ride->remainingMeters() < 1;
            };
            waitFor(atPickup, 300, [this, ride, is, emitReady, scene] {
                ride->simulator()->setSpeed(Client::RouteSimulator::kDefaultSpeedMps);
                if (scene == QLatin1String("driver-pickup")) {
                    ride->atPickup();
                    waitFor([ride] { return ride->driverAtPickup(); }, 800, emitReady);
                    return;
                }
                ride->startRide();
                waitFor(is(RideController::OnRide), 4000, emitReady);
            });
        });
    } else if (scene == QLatin1String("passenger-request")) {
        // The estimate for the form's preset trip (Monas -> Kuningan City) once the partner's
        // car is on duty, so it names the time until a driver could be there.
        auto partnerOnDuty = [this] {
            return m_partner->session()->ride()->state() == RideController::Online;
        };
        waitFor(partnerOnDuty, 600, [this, ride, emitReady] {
            ride->estimator()->estimate(point(kMonas), point(kKuningan));
            waitFor([ride] { return ride->estimator()->available(); }, 600, emitReady);
        });
    } else if (scene == QLatin1String("driver-card") || scene == QLatin1String("cancel")) {
        waitFor(partnerReady, 300, [this, ride, is, emitReady] {
            ride->requestRide(point(kMonas), point(kKuningan));
            waitFor(is(RideController::Matched), 2000, emitReady);
        });
    } else if (scene == QLatin1String("rating") || scene == QLatin1String("history")) {
        waitFor(partnerReady, 300, [this, ride, is, emitReady, scene] {
            ride->requestRide(point(kBundaranHi), point(kSenayan));
            waitFor(is(RideController::AwaitingPayment), 300, [this, ride, is, emitReady, scene] {
                ride->pay(QStringLiteral("cash"));
                waitFor(is(RideController::Completed), 800, [this, ride, emitReady, scene] {
                    if (scene == QLatin1String("rating")) {
                        Q_EMIT ready();
                        return;
                    }
                    ride->rate(5, QStringLiteral("Ramah dan tepat waktu"));
                    ride->finish();
                    Client::TripHistoryModel *history = m_session->history();
                    history->refresh();
                    waitFor([history] { return history->rowCount() >= 1 && !history->loading(); },
                            1200, emitReady);
                });
            });
        });
    } else if (scene == QLatin1String("on-ride")) {
        waitFor(partnerReady, 300, [this, ride, is, emitReady] {
            ride->requestRide(point(kMonas), point(kKuningan));
            waitFor(is(RideController::OnRide), 3500, emitReady);
        });
    } else if (scene == QLatin1String("payment")) {
        waitFor(partnerReady, 300, [this, ride, is, emitReady] {
            ride->requestRide(point(kBundaranHi), point(kSenayan));
            waitFor(is(RideController::AwaitingPayment), 1200, emitReady);
        });
    } else if (scene == QLatin1String("chat")) {
        waitFor(partnerReady, 300, [this, ride, is, emitReady] {
            ride->requestRide(point(kGambir), point(kSenayan));
            waitFor(is(RideController::Matched), 600, [this, emitReady] {
                Client::ChatModel *chat = m_session->chat();
                chat->send(m_options.language == QLatin1String("id")
                                   ? QStringLiteral(
                                           "Halo! Saya di gerbang utama, dekat pangkalan taksi.")
                                   : QStringLiteral(
                                           "Hi! I'm at the main gate, next to the taxi stand."));
                waitFor([chat] { return chat->rowCount() >= 3; }, 1500, emitReady);
            });
        });
    } else if (scene == QLatin1String("notifications")) {
        waitFor(partnerReady, 300, [this, ride, is, emitReady] {
            ride->requestRide(point(kBundaranHi), point(kSenayan));
            waitFor(is(RideController::AwaitingPayment), 300, [this, ride, is, emitReady] {
                ride->pay(QStringLiteral("wallet"));
                Client::NotificationModel *notifications = m_session->notifications();
                waitFor([notifications] { return notifications->rowCount() >= 4; }, 1200,
                        emitReady);
            });
        });
    } else {
        qCWarning(lcDemo) << "unknown scene" << scene;
        Q_EMIT ready();
    }
}

} // namespace NebengJek::Demo
