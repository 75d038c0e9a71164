// SPDX-License-Identifier: MIT
// Runs the tst_*.qml Qt Quick tests in this directory. Every test sees the app's real modules
// (NebengJek.*), the App singleton with a real AppSession, and `backend`: the real gateway and
// hub in-process (DemoServer) with partner sessions as the other party.
#include "testbackend.h"

#include "appcontext.h"
#include "demoserver.h"
#include "models/appsession.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQuickTest>

#include <memory>

using namespace NebengJek;

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        // No keychain daemon: the session reports "no keychain" deterministically.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/nebengjek-no-bus");
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        m_dir = std::make_unique<QTemporaryDir>();
        m_hub = std::make_unique<Demo::DemoServer>();
        if (!m_hub->start())
            qFatal("cannot start the hub: %s", qPrintable(m_hub->errorString()));
        m_session = std::make_unique<Client::AppSession>(m_dir->path());
        m_context = std::make_unique<App::AppContext>(m_session.get());
        App::AppContext::setInstance(m_context.get());
        m_backend = std::make_unique<TestBackend>(m_hub.get(), m_session.get());
        connect(m_context.get(), &App::AppContext::desktopNotificationShown, m_backend.get(),
                &TestBackend::countDesktopNotification);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->rootContext()->setContextProperty(QStringLiteral("backend"), m_backend.get());
        m_backend->setEngine(engine);
    }

    void cleanupTestCase()
    {
        App::AppContext::setInstance(nullptr);
        m_backend.reset();
        m_context.reset();
        m_session.reset();
        m_hub.reset();
        m_dir.reset();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Demo::DemoServer> m_hub;
    std::unique_ptr<Client::AppSession> m_session;
    std::unique_ptr<App::AppContext> m_context;
    std::unique_ptr<TestBackend> m_backend;
};

QUICK_TEST_MAIN_WITH_SETUP(nebengjek_qml, Setup)

#include "tst_qml.moc"
