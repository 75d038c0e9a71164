// SPDX-License-Identifier: MIT
#include "appcontext.h"

#include <QGuiApplication>
#include <QQmlEngine>
#include <QStringList>
#include <QWindow>

#include <algorithm>

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

void AppContext::setFontScale(double scale)
{
    // Beyond these the layout stops being usable at all; the system setting is clamped.
    scale = std::clamp(scale, 0.75, 2.0);
    if (qFuzzyCompare(scale, m_fontScale))
        return;
    m_fontScale = scale;
    Q_EMIT fontScaleChanged();
}

void AppContext::setSafeArea(const QMarginsF &margins)
{
    if (margins == m_safeArea)
        return;
    m_safeArea = margins;
    Q_EMIT safeAreaChanged();
}

bool AppContext::parseSafeArea(const QString &text, QMarginsF *margins)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 1 && parts.size() != 4)
        return false;
    QList<double> values;
    for (const QString &part : parts) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || v < 0 || v > 400)
            return false;
        values.append(v);
    }
    if (values.size() == 1)
        values = {values[0], values[0], values[0], values[0]};
    // CSS order (top, right, bottom, left); QMarginsF is (left, top, right, bottom).
    *margins = QMarginsF(values[3], values[0], values[1], values[2]);
    return true;
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
