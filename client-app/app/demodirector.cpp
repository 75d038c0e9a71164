// SPDX-License-Identifier: MIT
#include "demodirector.h"

#include "demo/demobot.h"
#include "demo/fakeserver.h"

#include "models/appsession.h"
#include "models/chatmodel.h"
#include "models/notificationmodel.h"
#include "models/ridecontroller.h"

#include <QLoggingCategory>

namespace NebengJek::App {

Q_LOGGING_CATEGORY(lcDemo, "nebengjek.app.demo")

using Client::AppSession;
using Client::RideController;

namespace {
// Polled every 50 ms; a scene that takes longer than 60 s (slow CI machine) is stuck.
constexpr int kPollMs = 50;
constexpr int kMaxPolls = 60000 / kPollMs;

QVariantMap point(double lat, double lng)
{
    return {{QStringLiteral("lat"), lat}, {QStringLiteral("lng"), lng}};
}
} // namespace

DemoDirector::DemoDirector(AppSession *session, const Options &options, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_options(options)
    , m_server(new Client::Demo::FakeServer(this))
    , m_bot(new Client::Demo::DemoBot(m_server, this))
{
    m_bot->setLanguage(options.language);
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
            QStringLiteral("notifications     the notification center"),
    };
}

QString DemoDirector::roleForScene(const QString &scene)
{
    if (scene == QLatin1String("driver-online") || scene == QLatin1String("proposal")
        || scene == QLatin1String("driver-ride"))
        return QStringLiteral("driver");
    if (scene == QLatin1String("passenger-request") || scene == QLatin1String("on-ride")
        || scene == QLatin1String("payment") || scene == QLatin1String("chat")
        || scene == QLatin1String("notifications"))
        return QStringLiteral("passenger");
    return {};
}

QString DemoDirector::panelForScene(const QString &scene)
{
    if (scene == QLatin1String("notifications") || scene == QLatin1String("chat"))
        return scene;
    return {};
}

QString DemoDirector::userId() const
{
    return m_options.role == QLatin1String("driver") ? QStringLiteral("andi")
                                                     : QStringLiteral("sari");
}

bool DemoDirector::start()
{
    if (!m_server->start()) {
        qCWarning(lcDemo) << "cannot start the demo server";
        return false;
    }
    qCInfo(lcDemo) << "demo server on" << m_server->url().toString();
    const QString &scene = m_options.scene;
    // Screenshots should not wait for a believable pace.
    if (scene == QLatin1String("on-ride"))
        m_bot->setPace(0.25);
    else if (scene == QLatin1String("payment"))
        m_bot->setPace(0.1);
    else if (!scene.isEmpty())
        m_bot->setPace(0.5);
    if (scene == QLatin1String("driver-online"))
        m_bot->setProposalDelayMs(-1);
    else if (!scene.isEmpty())
        m_bot->setProposalDelayMs(300);
    if (scene == QLatin1String("signin")) {
        QTimer::singleShot(0, this, &DemoDirector::ready);
        return true;
    }
    connect(m_session, &AppSession::stageChanged, this, [this] {
        if (m_session->stage() == AppSession::SignedIn)
            whenSignedIn();
    });
    m_session->devSignIn(m_server->url().toString(), userId(), m_options.role);
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

    if (scene.isEmpty()) {
        qCInfo(lcDemo) << "interactive demo: signed in as" << userId();
        if (m_options.role == QLatin1String("passenger"))
            m_bot->seedNotifications(userId());
        return;
    }
    if (scene == QLatin1String("driver-online")) {
        ride->goOnline();
        waitFor(is(RideController::Online), 1200, emitReady);
    } else if (scene == QLatin1String("proposal")) {
        ride->goOnline();
        waitFor(is(RideController::Proposal), 2200, emitReady);
    } else if (scene == QLatin1String("driver-ride")) {
        ride->goOnline();
        waitFor(is(RideController::Proposal), 500, [this, ride, is, emitReady] {
            ride->accept();
            waitFor(is(RideController::Matched), 800, [this, ride, is, emitReady] {
                ride->startRide();
                waitFor(is(RideController::OnRide), 4000, emitReady);
            });
        });
    } else if (scene == QLatin1String("passenger-request")) {
        waitFor([] { return true; }, 1200, emitReady);
    } else if (scene == QLatin1String("on-ride")) {
        ride->requestRide(point(-6.1754, 106.8272), point(-6.2244, 106.8296));
        waitFor(is(RideController::OnRide), 3500, emitReady);
    } else if (scene == QLatin1String("payment")) {
        ride->requestRide(point(-6.1950, 106.8230), point(-6.2443, 106.7984));
        waitFor(is(RideController::AwaitingPayment), 1200, emitReady);
    } else if (scene == QLatin1String("chat")) {
        ride->requestRide(point(-6.1767, 106.8306), point(-6.2183, 106.8016));
        waitFor(is(RideController::Matched), 600, [this, emitReady] {
            Client::ChatModel *chat = m_session->chat();
            chat->send(tr("Hi! I'm at the main gate, next to the taxi stand."));
            waitFor([chat] { return chat->rowCount() >= 3; }, 1500, emitReady);
        });
    } else if (scene == QLatin1String("notifications")) {
        m_bot->seedNotifications(userId());
        Client::NotificationModel *notifications = m_session->notifications();
        waitFor([notifications] { return notifications->rowCount() >= 6; }, 1200, emitReady);
    } else {
        qCWarning(lcDemo) << "unknown scene" << scene;
        Q_EMIT ready();
    }
}

} // namespace NebengJek::App
