// SPDX-License-Identifier: MIT
#include "demopartner.h"

#include "demodirector.h"

#include "logging.h"

#include "models/appsession.h"
#include "models/chatmodel.h"
#include "models/ridecontroller.h"
#include "models/routesimulator.h"

#include <QAbstractItemModel>
#include <QTemporaryDir>
#include <QVariantMap>

namespace NebengJek::Demo {

using Client::AppSession;
using Client::RideController;
using Protocol::GeoPoint;

namespace {
struct Line
{
    const char *en;
    const char *id;
};
constexpr Line kDriverLines[] = {
        {"On my way! About 5 minutes.", "Saya segera ke sana! Sekitar 5 menit."},
        {"Silver Avanza, plate B 1234 NJK.", "Avanza silver, plat B 1234 NJK."},
        {"I'm at the pickup point.", "Saya sudah di titik jemput."},
};
constexpr Line kPassengerLines[] = {
        {"Hi! I'm waiting at the lobby.", "Halo! Saya tunggu di lobi."},
        {"I'm wearing a blue jacket.", "Saya pakai jaket biru."},
        {"Thank you!", "Terima kasih!"},
};
// A demo car at pace 1: quicker than Jakarta traffic, slow enough to watch.
constexpr double kCarSpeedMps = 25;
} // namespace

DemoPartner::DemoPartner(const QString &userId, Protocol::Role role, QObject *parent)
    : QObject(parent)
    , m_userId(userId)
    , m_role(role)
    , m_dataDir(std::make_unique<QTemporaryDir>())
    , m_session(std::make_unique<AppSession>(m_dataDir->path()))
{
    m_requestTimer.setSingleShot(true);
    connect(&m_requestTimer, &QTimer::timeout, this, [this] {
        RideController *ride = m_session->ride();
        if (!m_autoRequest || !m_session->signedIn() || ride->state() != RideController::Idle)
            return;
        ride->requestRide(
                {{QStringLiteral("lat"), m_tripFrom.lat}, {QStringLiteral("lng"), m_tripFrom.lng}},
                {{QStringLiteral("lat"), m_tripTo.lat}, {QStringLiteral("lng"), m_tripTo.lng}});
    });
    connect(m_session.get(), &AppSession::stageChanged, this, [this] {
        if (m_session->signedIn())
            onSignedIn();
    });
    RideController *ride = m_session->ride();
    connect(ride, &RideController::stateChanged, this, &DemoPartner::onRideStateChanged);
    connect(ride->simulator(), &Client::RouteSimulator::arrived, this, &DemoPartner::onCarArrived);
    // A new row from the other side (messageArrived is only for chats not on screen, and the
    // partner always has its chat open).
    connect(m_session->chat(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                Client::ChatModel *chat = m_session->chat();
                for (int row = first; row <= last; ++row) {
                    if (!chat->index(row).data(Client::ChatModel::MineRole).toBool())
                        onMessageArrived();
                }
            });
    setPace(1.0);
}

DemoPartner::~DemoPartner() = default;

void DemoPartner::setPace(double pace)
{
    m_pace = qBound(0.05, pace, 10.0);
    Client::RouteSimulator *car = m_session->ride()->simulator();
    car->setSpeed(kCarSpeedMps / m_pace);
    car->setInterval(qMax(100, int(1000 * m_pace)));
}

void DemoPartner::setAutoRequest(bool enabled)
{
    m_autoRequest = enabled;
    if (enabled && m_session->signedIn())
        onRideStateChanged();
}

void DemoPartner::setTrip(const GeoPoint &from, const GeoPoint &to)
{
    m_tripFrom = from;
    m_tripTo = to;
}

void DemoPartner::setStartPosition(const GeoPoint &position)
{
    m_start = position;
    m_hasStart = true;
}

void DemoPartner::start(const QUrl &serverUrl)
{
    m_repliesLeft = 2;
    qCInfo(lcDemo) << "partner" << m_userId << "signing in to" << serverUrl.toString();
    m_session->setDevProfile(DemoDirector::profileOf(m_userId));
    m_session->devSignIn(serverUrl.toString(), m_userId, Protocol::roleName(m_role));
}

int DemoPartner::scaled(int ms) const
{
    return int(ms * m_pace);
}

void DemoPartner::later(int ms, std::function<void()> action)
{
    QTimer::singleShot(scaled(ms), this, std::move(action));
}

QString DemoPartner::line(int index) const
{
    const Line &l =
            m_role == Protocol::Role::Driver ? kDriverLines[index % 3] : kPassengerLines[index % 3];
    return QString::fromUtf8(m_language == QLatin1String("id") ? l.id : l.en);
}

void DemoPartner::onSignedIn()
{
    // The partner reads what it is sent, as someone looking at the chat would.
    m_session->chat()->setActive(true);
    RideController *ride = m_session->ride();
    if (m_role == Protocol::Role::Driver) {
        if (m_hasStart) {
            ride->simulator()->setPosition(m_start);
            ride->setOwnLocation(m_start.lat, m_start.lng);
            ride->setSimulateLocation(true);
        }
        if (ride->state() == RideController::Idle)
            ride->goOnline();
    }
    onRideStateChanged();
}

void DemoPartner::onRideStateChanged()
{
    RideController *ride = m_session->ride();
    switch (ride->state()) {
    case RideController::Idle:
        if (m_role == Protocol::Role::Passenger && m_autoRequest)
            m_requestTimer.start(scaled(2500));
        break;
    case RideController::Proposal:
        if (m_autoAccept)
            later(1500, [ride] { ride->accept(); });
        break;
    case RideController::Matched:
        m_chatLine = 0;
        if (m_chatty)
            later(3000, [this] {
                if (m_session->chat()->available())
                    m_session->chat()->send(line(m_chatLine++));
            });
        break;
    case RideController::AwaitingPayment:
        if (m_role == Protocol::Role::Passenger)
            later(2500, [ride] { ride->pay(QStringLiteral("cash")); });
        break;
    case RideController::Completed:
        m_repliesLeft = 2; // for the next ride's chat
        later(3000, [ride] { ride->finish(); });
        break;
    default:
        break;
    }
}

void DemoPartner::onCarArrived()
{
    RideController *ride = m_session->ride();
    if (m_role != Protocol::Role::Driver)
        return;
    if (ride->state() == RideController::Matched)
        later(1500, [ride] { ride->startRide(); });
    else if (ride->state() == RideController::OnRide)
        later(1000, [ride] { ride->arrive(); });
}

void DemoPartner::onMessageArrived()
{
    if (!m_chatty || m_repliesLeft <= 0)
        return;
    --m_repliesLeft;
    later(2000, [this] {
        if (m_session->chat()->available())
            m_session->chat()->send(line(m_chatLine++));
    });
}

} // namespace NebengJek::Demo
