// SPDX-License-Identifier: MIT
#pragma once

#include "models/appsession.h"

#include <QMarginsF>
#include <QObject>
#include <QPointer>
#include <QtQml/qqml.h>

QT_BEGIN_NAMESPACE
class QJSEngine;
class QQmlEngine;
QT_END_NAMESPACE

namespace NebengJek::App {

// The `App` singleton: the session the window shows, how the app was started (language, demo
// scene) and the desktop integration QML cannot do itself.
class AppContext : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(NebengJek::Client::AppSession *session READ session CONSTANT)
    // "" or the panel a demo scene opens at start: "notifications", "chat".
    Q_PROPERTY(QString initialPanel READ initialPanel CONSTANT)
    // The UI language actually loaded ("en", "id").
    Q_PROPERTY(QString language READ language CONSTANT)
    Q_PROPERTY(bool demo READ demo CONSTANT)
    // How desktop notifications are shown here: "dbus" (freedesktop notifications) or
    // "alert" (the taskbar entry flashes).
    Q_PROPERTY(QString desktopNotificationChannel READ desktopNotificationChannel CONSTANT)
    // The user's text size relative to ours (1.0 = as designed): every font in Theme scales.
    Q_PROPERTY(double fontScale READ fontScale WRITE setFontScale NOTIFY fontScaleChanged)
    // Insets the window content keeps clear of (notches, rounded corners, system bars), in
    // logical pixels. Qt 6.4 has no public safe-area API, so they are set at start
    // (--safe-area) by whoever knows them for the device.
    Q_PROPERTY(double safeAreaTop READ safeAreaTop NOTIFY safeAreaChanged)
    Q_PROPERTY(double safeAreaRight READ safeAreaRight NOTIFY safeAreaChanged)
    Q_PROPERTY(double safeAreaBottom READ safeAreaBottom NOTIFY safeAreaChanged)
    Q_PROPERTY(double safeAreaLeft READ safeAreaLeft NOTIFY safeAreaChanged)
public:
    AppContext(Client::AppSession *session, QObject *parent = nullptr);
    ~AppContext() override;

    // The instance QML gets (set once in main(), or by a test).
    static void setInstance(AppContext *context);
    static AppContext *instance();
    static AppContext *create(QQmlEngine *engine, QJSEngine *);

    Client::AppSession *session() const { return m_session; }
    QString initialPanel() const { return m_initialPanel; }
    void setInitialPanel(const QString &panel) { m_initialPanel = panel; }
    QString language() const { return m_language; }
    void setLanguage(const QString &language) { m_language = language; }
    bool demo() const { return m_demo; }
    void setDemo(bool demo) { m_demo = demo; }
    QString desktopNotificationChannel() const;
    double fontScale() const { return m_fontScale; }
    Q_INVOKABLE void setFontScale(double scale);
    QMarginsF safeArea() const { return m_safeArea; }
    double safeAreaTop() const { return m_safeArea.top(); }
    double safeAreaRight() const { return m_safeArea.right(); }
    double safeAreaBottom() const { return m_safeArea.bottom(); }
    double safeAreaLeft() const { return m_safeArea.left(); }
    void setSafeArea(const QMarginsF &margins);
    // For tests and QML: the same in CSS order.
    Q_INVOKABLE void setSafeAreaInsets(double top, double right, double bottom, double left)
    {
        setSafeArea(QMarginsF(left, top, right, bottom));
    }
    // "top,right,bottom,left" (CSS order) or one value for all four; false if malformed.
    static bool parseSafeArea(const QString &text, QMarginsF *margins);

    // Shows a desktop notification (the app window is not active).
    Q_INVOKABLE void showDesktopNotification(const QString &title, const QString &body);

Q_SIGNALS:
    void desktopNotificationShown(const QString &title, const QString &body,
                                  const QString &channel);
    void fontScaleChanged();
    void safeAreaChanged();

private:
    QPointer<Client::AppSession> m_session;
    QString m_initialPanel;
    QString m_language = QStringLiteral("en");
    bool m_demo = false;
    double m_fontScale = 1.0;
    QMarginsF m_safeArea;
};

} // namespace NebengJek::App
