// SPDX-License-Identifier: MIT
#pragma once

#include "models/appsession.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QTranslator>
#include <QVariantMap>

#include <map>
#include <memory>

namespace NebengJek::Demo {
class DemoServer;
} // namespace NebengJek::Demo

// The QML tests' handle on the real server (`backend` in every test): the gateway and hub
// in-process on an in-memory SQLite database. Signs the shared AppSession in as someone, makes
// the other party (a second real AppSession), stops and restarts the hub.
class TestBackend : public QObject
{
    Q_OBJECT
    // ws://127.0.0.1:<port>/ws of the hub.
    Q_PROPERTY(QString hubUrl READ hubUrl CONSTANT)
    Q_PROPERTY(
            int desktopNotifications READ desktopNotifications NOTIFY desktopNotificationsChanged)
public:
    TestBackend(NebengJek::Demo::DemoServer *hub, NebengJek::Client::AppSession *session,
                QObject *parent = nullptr);
    ~TestBackend() override;

    QString hubUrl() const;
    int desktopNotifications() const { return m_desktopNotifications; }
    void countDesktopNotification();

    // Signed in and connected.
    Q_INVOKABLE bool ready() const;
    // The UI language: loads :/i18n/nebengjek_<code>.qm ("en": none), sets the default locale
    // (number formats) and retranslates every binding. False if the translation is missing.
    Q_INVOKABLE bool setLanguage(const QString &code);
    void setEngine(QQmlEngine *engine) { m_engine = engine; }

    // --- the real hub ---
    // Signs the shared AppSession out and in to the real hub as `userId` in `role`.
    Q_INVOKABLE void signInToHub(const QString &userId, const QString &role);
    // The other party: a second AppSession (the real client core) signed in to the hub, made
    // on first use. Its car is fast (tests should not wait for traffic).
    Q_INVOKABLE NebengJek::Client::AppSession *partner(const QString &userId, const QString &role);
    // Signs every partner out (between tests).
    Q_INVOKABLE void dropPartners();
    // Moves a partner's (simulated) car.
    Q_INVOKABLE void placeCar(NebengJek::Client::AppSession *session, double lat, double lng);
    // A simulated car at 1 km/s (tests should not wait for traffic).
    Q_INVOKABLE void fastCar(NebengJek::Client::AppSession *session);
    // Crashes and restarts the hub on the same port; the database stays.
    Q_INVOKABLE void stopHub();
    Q_INVOKABLE bool startHub();

Q_SIGNALS:
    void desktopNotificationsChanged();

private:
    QPointer<NebengJek::Client::AppSession> m_session;
    int m_desktopNotifications = 0;
    QPointer<QQmlEngine> m_engine;
    QPointer<NebengJek::Demo::DemoServer> m_hub;
    std::map<QString, std::unique_ptr<NebengJek::Client::AppSession>> m_partners;
    std::unique_ptr<QTemporaryDir> m_partnerDir;
    std::unique_ptr<QTranslator> m_translator;
};
