// SPDX-License-Identifier: MIT
#include "appcontext.h"

#include <QGuiApplication>
#include <QQmlEngine>
#include <QWindow>

#ifdef NEBENGJEK_HAVE_DBUS
#    include <QDBusConnection>
#    include <QDBusConnectionInterface>
#    include <QDBusMessage>
#endif

namespace NebengJek::App {

namespace {
QPointer<AppContext> s_instance;

#ifdef NEBENGJEK_HAVE_DBUS
const QString kNotifyService = QStringLiteral("org.freedesktop.Notifications");

bool hasNotificationService()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface()
            && bus.interface()->isServiceRegistered(kNotifyService).value();
}
#endif
} // namespace

AppContext::AppContext(Client::AppSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{ }

AppContext::~AppContext() = default;

void AppContext::setInstance(AppContext *context)
{
    s_instance = context;
}

AppContext *AppContext::instance()
{
    return s_instance;
}

AppContext *AppContext::create(QQmlEngine *engine, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "AppContext::create", "main() sets the instance before loading QML");
    // Owned by main() (or the test), not by the engine.
    QQmlEngine::setObjectOwnership(s_instance, QQmlEngine::CppOwnership);
    Q_UNUSED(engine)
    return s_instance;
}

QString AppContext::desktopNotificationChannel() const
{
#ifdef NEBENGJEK_HAVE_DBUS
    if (hasNotificationService())
        return QStringLiteral("dbus");
#endif
    return QStringLiteral("alert");
}

void AppContext::showDesktopNotification(const QString &title, const QString &body)
{
    QString channel = QStringLiteral("alert");
#ifdef NEBENGJEK_HAVE_DBUS
    if (hasNotificationService()) {
        QDBusMessage call = QDBusMessage::createMethodCall(
                kNotifyService, QStringLiteral("/org/freedesktop/Notifications"), kNotifyService,
                QStringLiteral("Notify"));
        call << QStringLiteral("NebengJek") << uint(0) << QString() << title << body
             << QStringList() << QVariantMap() << int(-1);
        QDBusConnection::sessionBus().asyncCall(call);
        channel = QStringLiteral("dbus");
    }
#endif
    // Without a notification service (or in addition to it) the taskbar entry asks for
    // attention; a no-op where the platform has no such thing.
    const QWindowList windows = QGuiApplication::topLevelWindows();
    for (QWindow *window : windows) {
        if (window->isVisible())
            window->alert(0);
    }
    Q_EMIT desktopNotificationShown(title, body, channel);
}

} // namespace NebengJek::App
