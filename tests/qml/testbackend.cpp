// SPDX-License-Identifier: MIT
#include "testbackend.h"

#include "connection/connectionmanager.h"
#include "demoserver.h"
#include "models/appsession.h"
#include "models/ridecontroller.h"
#include "models/routesimulator.h"

#include <QCoreApplication>
#include <QLocale>

using namespace NebengJek;

namespace {
// Names on the cards: a driver with a long name, car and plate (the layout's worst case).
QVariantMap profileFor(const QString &role)
{
    if (role == QLatin1String("driver"))
        return {{QStringLiteral("name"), QStringLiteral("Bambang Setiawan Wicaksono")},
                {QStringLiteral("vehicle"), QStringLiteral("Toyota Kijang Innova Zenix")},
                {QStringLiteral("plate"), QStringLiteral("B 1234 XYZ")}};
    return {{QStringLiteral("name"), QStringLiteral("Siti Nurhaliza Rahmawati")}};
}
} // namespace

TestBackend::TestBackend(Demo::DemoServer *hub, Client::AppSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_hub(hub)
    , m_partnerDir(std::make_unique<QTemporaryDir>())
{ }

TestBackend::~TestBackend() = default;

QString TestBackend::hubUrl() const
{
    return m_hub->url().toString();
}

void TestBackend::signInToHub(const QString &userId, const QString &role)
{
    m_session->signOut();
    m_session->setDevProfile(profileFor(role));
    m_session->devSignIn(hubUrl(), userId, role);
}

Client::AppSession *TestBackend::partner(const QString &userId, const QString &role)
{
    auto &slot = m_partners[userId];
    if (!slot) {
        slot = std::make_unique<Client::AppSession>(m_partnerDir->filePath(userId));
        QQmlEngine::setObjectOwnership(slot.get(), QQmlEngine::CppOwnership);
        fastCar(slot.get());
    }
    if (slot->stage() == Client::AppSession::SignedOut) {
        slot->setDevProfile(profileFor(role));
        slot->devSignIn(hubUrl(), userId, role);
    }
    return slot.get();
}

void TestBackend::dropPartners()
{
    for (auto &[id, session] : m_partners) {
        // Off duty first, so the hub does not propose the next test's rides to them.
        session->ride()->goOffline();
        session->signOut();
    }
}

void TestBackend::placeCar(Client::AppSession *session, double lat, double lng)
{
    if (!session)
        return;
    session->ride()->setOwnLocation(lat, lng);
    session->ride()->setSimulateLocation(true);
}

void TestBackend::fastCar(Client::AppSession *session)
{
    if (!session)
        return;
    Client::RouteSimulator *car = session->ride()->simulator();
    car->setSpeed(1000);
    car->setInterval(100);
}

void TestBackend::stopHub()
{
    m_hub->stop();
}

bool TestBackend::startHub()
{
    return m_hub->start();
}

void TestBackend::countDesktopNotification()
{
    ++m_desktopNotifications;
    Q_EMIT desktopNotificationsChanged();
}

bool TestBackend::ready() const
{
    return m_session->stage() == Client::AppSession::SignedIn
            && m_session->connection()->state() == Client::ConnectionManager::Connected;
}

bool TestBackend::setLanguage(const QString &code)
{
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }
    bool ok = true;
    if (code == QLatin1String("id")) {
        QLocale::setDefault(QLocale(QLocale::Indonesian, QLocale::Indonesia));
        m_translator = std::make_unique<QTranslator>();
        ok = m_translator->load(QStringLiteral(":/i18n/nebengjek_id.qm"));
        if (ok)
            QCoreApplication::installTranslator(m_translator.get());
    } else {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    if (m_engine)
        m_engine->retranslate();
    return ok;
}
