// SPDX-License-Identifier: MIT
// nebengjek-app-demo: the app against the real hub in-process (or a running --dev server) with a
// scripted partner, optionally driven to a scene and saved as a screenshot. Not shipped: the
// production app (nebengjek-app) contains no demo code.
#include "demodirector.h"

#include "appcontext.h"
#include "appstartup.h"

#include "models/appsession.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QTimer>

#include <memory>

using namespace NebengJek;

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("nebengjek-app-demo"));
    QGuiApplication::setOrganizationName(QStringLiteral("NebengJek"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("NebengJek"));
    QGuiApplication::setApplicationVersion(QStringLiteral(NEBENGJEK_VERSION));

    const QCommandLineOption roleOption(
            QStringLiteral("as"),
            QStringLiteral("Play this role (driver or passenger); the partner plays the other."),
            QStringLiteral("role"));
    const QCommandLineOption sceneOption(
            QStringLiteral("scene"),
            QStringLiteral("Drive the demo to a scene:\n  ")
                    + Demo::DemoDirector::scenes().join(QStringLiteral("\n  ")),
            QStringLiteral("name"));
    const QCommandLineOption screenshotOption(
            QStringLiteral("screenshot"),
            QStringLiteral("Save the window to this PNG once the scene is ready, then quit."),
            QStringLiteral("file"));
    const QCommandLineOption hubOption(
            QStringLiteral("hub"),
            QStringLiteral("Use this running `nebengjek-server --dev` (ws://host:port/ws) instead "
                           "of the hub in-process."),
            QStringLiteral("url"));

    std::unique_ptr<Demo::DemoDirector> director;
    App::StartupHooks hooks;
    hooks.description =
            QStringLiteral("NebengJek demo: the app against the real hub with a scripted partner.");
    hooks.extraOptions = {roleOption, sceneOption, screenshotOption, hubOption};
    hooks.temporaryDataDir = true;
    hooks.usePositioning = false;
    hooks.configure = [&](const QCommandLineParser &parser, const QString &language,
                          Client::AppSession &session, App::AppContext &context) {
        Demo::DemoDirector::Options options;
        options.scene = parser.value(sceneOption);
        options.role = parser.value(roleOption);
        if (options.role.isEmpty())
            options.role = Demo::DemoDirector::roleForScene(options.scene);
        if (options.role.isEmpty())
            options.role = QStringLiteral("passenger");
        if (options.role != QLatin1String("driver") && options.role != QLatin1String("passenger")) {
            qCritical("--as: driver or passenger");
            return false;
        }
        options.language = language;
        options.serverUrl = QUrl(parser.value(hubOption));
        context.setDemo(true);
        context.setInitialPanel(Demo::DemoDirector::panelForScene(options.scene));
        director = std::make_unique<Demo::DemoDirector>(&session, options);
        return true;
    };
    hooks.start = [&](const QCommandLineParser &parser, QQmlApplicationEngine &engine,
                      Client::AppSession &) {
        const QString shot = parser.value(screenshotOption);
        if (!shot.isEmpty()) {
            QObject::connect(director.get(), &Demo::DemoDirector::ready, &app, [&engine, shot] {
                // Let animations (map markers, list inserts) settle first.
                QTimer::singleShot(900, [&engine, shot] {
                    const bool ok = App::saveWindowImage(engine, shot);
                    qInfo("%s %s", ok ? "saved" : "FAILED to save", qPrintable(shot));
                    QCoreApplication::exit(ok ? 0 : 2);
                });
            });
        }
        return director->start();
    };
    const int status = App::runApp(app, hooks);
    director.reset();
    return status;
}
