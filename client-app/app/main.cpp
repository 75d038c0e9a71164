// SPDX-License-Identifier: MIT
// nebengjek-app: sets up language, session and (optionally) demo mode, then loads the QML.
#include "appcontext.h"
#include "demodirector.h"

#include "models/appsession.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>

#ifdef NEBENGJEK_HAVE_POSITIONING
#    include "models/ridecontroller.h"

#    include <QGeoPositionInfoSource>
#endif

#include <memory>

using namespace NebengJek;

namespace {

// The language: --lang, else NEBENGJEK_LANG, else the system locale.
QLocale chooseLocale(const QString &option)
{
    QString lang = option;
    if (lang.isEmpty())
        lang = qEnvironmentVariable("NEBENGJEK_LANG");
    if (lang.isEmpty())
        return QLocale::system();
    if (lang == QLatin1String("id"))
        return QLocale(QLocale::Indonesian, QLocale::Indonesia);
    return QLocale(lang);
}

bool saveScreenshot(QQmlApplicationEngine &engine, const QString &path)
{
    const QList<QObject *> roots = engine.rootObjects();
    auto *window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
    if (!window)
        return false;
    const QImage image = window->grabWindow();
    return !image.isNull() && image.save(path);
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("nebengjek-app"));
    QGuiApplication::setOrganizationName(QStringLiteral("NebengJek"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("NebengJek"));
    QGuiApplication::setApplicationVersion(QStringLiteral(NEBENGJEK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("NebengJek: ride-hailing for drivers and passengers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(
            QStringLiteral("lang"),
            QStringLiteral(
                    "UI language (en, id). Default: NEBENGJEK_LANG, else the system locale."),
            QStringLiteral("code"));
    const QCommandLineOption dataOption(
            QStringLiteral("data-dir"),
            QStringLiteral("Where to keep the session, caches and the offline queue."),
            QStringLiteral("dir"));
    const QCommandLineOption demoOption(
            QStringLiteral("demo"),
            QStringLiteral("Run against a built-in demo server with a simulated partner, signed in "
                           "as a driver or passenger."),
            QStringLiteral("role"));
    QStringList sceneHelp = App::DemoDirector::scenes();
    const QCommandLineOption sceneOption(QStringLiteral("scene"),
                                         QStringLiteral("Demo mode, driven to a scene:\n  ")
                                                 + sceneHelp.join(QStringLiteral("\n  ")),
                                         QStringLiteral("name"));
    const QCommandLineOption screenshotOption(
            QStringLiteral("screenshot"),
            QStringLiteral("Save the window to this PNG once the scene is ready, then quit."),
            QStringLiteral("file"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Window size, WIDTHxHEIGHT."),
                                        QStringLiteral("size"));
    const QCommandLineOption simulateOption(
            QStringLiteral("simulated-gps"),
            QStringLiteral(
                    "Drive along a simulated route even where a positioning source exists."));
    const QCommandLineOption serverOption(
            QStringLiteral("server"),
            QStringLiteral("Server address for --dev-user (default ws://127.0.0.1:8080/ws)."),
            QStringLiteral("url"));
    const QCommandLineOption devUserOption(
            QStringLiteral("dev-user"),
            QStringLiteral(
                    "Sign in at start against a --dev server as this user (developer sign-in)."),
            QStringLiteral("id"));
    const QCommandLineOption roleOption(
            QStringLiteral("role"),
            QStringLiteral("Role for --dev-user: driver or passenger (default passenger)."),
            QStringLiteral("role"));
    parser.addOptions({langOption, dataOption, demoOption, sceneOption, screenshotOption,
                       sizeOption, simulateOption, serverOption, devUserOption, roleOption});
    parser.process(app);

    // Translations: ours, and Qt's own for the controls.
    const QLocale locale = chooseLocale(parser.value(langOption));
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QGuiApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    const bool translated = translator.load(locale, QStringLiteral("nebengjek"),
                                            QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (translated)
        QGuiApplication::installTranslator(&translator);
    const QString language = translated && locale.language() == QLocale::Indonesian
            ? QStringLiteral("id")
            : QStringLiteral("en");

    const QString scene = parser.value(sceneOption);
    const bool demo = parser.isSet(demoOption) || !scene.isEmpty();
    QString role = parser.value(demoOption);
    if (role.isEmpty())
        role = App::DemoDirector::roleForScene(scene);
    if (role.isEmpty())
        role = QStringLiteral("passenger");

    // Demo runs start from a clean slate each time unless told otherwise.
    std::unique_ptr<QTemporaryDir> demoData;
    QString dataDir = parser.value(dataOption);
    if (demo && dataDir.isEmpty()) {
        demoData = std::make_unique<QTemporaryDir>();
        dataDir = demoData->path();
    }

    Client::AppSession session(dataDir);
    App::AppContext context(&session);
    context.setLanguage(language);
    context.setDemo(demo);
    context.setInitialPanel(App::DemoDirector::panelForScene(scene));
    App::AppContext::setInstance(&context);

    std::unique_ptr<App::DemoDirector> director;
    if (demo) {
        App::DemoDirector::Options options;
        options.scene = scene.isEmpty() && parser.isSet(demoOption) ? QString() : scene;
        options.role = role;
        options.language = language;
        director = std::make_unique<App::DemoDirector>(&session, options);
    }

    // Backgrounded on mobile: close the connection until the app is back.
    QObject::connect(&app, &QGuiApplication::applicationStateChanged, &session,
                     [&session](Qt::ApplicationState state) {
                         if (state == Qt::ApplicationSuspended)
                             session.suspend();
                         else if (state == Qt::ApplicationActive)
                             session.resume();
                     });

    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QQmlApplicationEngine engine;
    // Where qt_add_qml_module puts our modules; a default import path only from Qt 6.5 on.
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QObject::connect(
            &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
            [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/NebengJek/App/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        if (auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
            window && wh.size() == 2)
            window->resize(wh.at(0).toInt(), wh.at(1).toInt());
    }

    if (director) {
        const QString shot = parser.value(screenshotOption);
        if (!shot.isEmpty()) {
            QObject::connect(director.get(), &App::DemoDirector::ready, &app, [&engine, shot] {
                // Let animations (map markers, list inserts) settle first.
                QTimer::singleShot(900, [&engine, shot] {
                    const bool ok = saveScreenshot(engine, shot);
                    qInfo("%s %s", ok ? "saved" : "FAILED to save", qPrintable(shot));
                    QCoreApplication::exit(ok ? 0 : 2);
                });
            });
        }
        if (!director->start())
            return 1;
    } else if (parser.isSet(devUserOption)) {
        session.devSignIn(parser.isSet(serverOption)
                                  ? parser.value(serverOption)
                                  : QString::fromLatin1(Client::AppSession::kDefaultServerUrl),
                          parser.value(devUserOption),
                          parser.isSet(roleOption) ? parser.value(roleOption)
                                                   : QStringLiteral("passenger"));
    } else {
        session.restoreSession();
    }

#ifdef NEBENGJEK_HAVE_POSITIONING
    // A real position where the platform has one; the simulated route otherwise (desktops).
    if (!demo && !parser.isSet(simulateOption)) {
        if (QGeoPositionInfoSource *source = QGeoPositionInfoSource::createDefaultSource(&app)) {
            QObject::connect(source, &QGeoPositionInfoSource::positionUpdated, &session,
                             [&session](const QGeoPositionInfo &info) {
                                 const QGeoCoordinate c = info.coordinate();
                                 if (c.isValid())
                                     session.ride()->setOwnLocation(c.latitude(), c.longitude());
                             });
            source->setUpdateInterval(2000);
            source->startUpdates();
        }
    }
#endif
    return QGuiApplication::exec();
}
