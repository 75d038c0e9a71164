// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QList>

#include <functional>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
class QGuiApplication;
class QQmlApplicationEngine;
QT_END_NAMESPACE

namespace NebengJek::Client {
class AppSession;
}

namespace NebengJek::App {

class AppContext;

// What a variant of the app (the demo) adds to the standard start-up.
struct StartupHooks
{
    QString description = QStringLiteral("NebengJek: ride-hailing for drivers and passengers.");
    QList<QCommandLineOption> extraOptions;
    // Data in a fresh temporary directory unless --data-dir is given.
    bool temporaryDataDir = false;
    // Use the platform's positioning source where there is one (not in the demo).
    bool usePositioning = true;
    // After the session and the App singleton exist, before the QML loads. `language` is the
    // one loaded ("en", "id"). False: exit with status 2 (bad options).
    std::function<bool(const QCommandLineParser &, const QString &language, Client::AppSession &,
                       AppContext &)>
            configure;
    // After the window is shown, instead of the standard start (--dev-user, or the remembered
    // session). False: exit with status 1.
    std::function<bool(const QCommandLineParser &, QQmlApplicationEngine &, Client::AppSession &)>
            start;
};

// The app's start-up, shared by nebengjek-app and nebengjek-app-demo: options, language,
// session, the App singleton, the QML window, then the event loop. Returns the exit status.
int runApp(QGuiApplication &app, const StartupHooks &hooks = {});

// Saves the app's window as an image; false if there is none or it cannot be written.
bool saveWindowImage(QQmlApplicationEngine &engine, const QString &path);

} // namespace NebengJek::App
