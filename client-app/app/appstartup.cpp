// SPDX-License-Identifier: MIT
#include "appstartup.h"

#include "appcontext.h"

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
#include <QTranslator>

#ifdef NEBENGJEK_HAVE_POSITIONING
#    include "models/ridecontroller.h"

#    include <QGeoPositionInfoSource>
#endif

#include <memory>

namespace NebengJek::App {

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

} // namespace

bool saveWindowImage(QQmlApplicationEngine &engine, const QString &path)
{
    const QList<QObject *> roots = engine.rootObjects();
    auto *window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
    if (!window)
        return false;
    const QImage image = window->grabWindow();
    return !image.isNull() && image.save(path);
}

int runApp(QGuiApplication &app, const StartupHooks &hooks)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(hooks.description);
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
    const QCommandLineOption fontScaleOption(
            QStringLiteral("font-scale"),
            QStringLiteral("Text size relative to the design, 0.75-2 (default: "
                           "NEBENGJEK_FONT_SCALE, else 1)."),
            QStringLiteral("factor"));
    const QCommandLineOption safeAreaOption(
            QStringLiteral("safe-area"),
            QStringLiteral("Insets to keep clear of (notch, system bars): top,right,bottom,left "
                           "in logical pixels, or one value for all."),
            QStringLiteral("margins"));
    parser.addOptions({langOption, dataOption, sizeOption, simulateOption, serverOption,
                       devUserOption, roleOption, fontScaleOption, safeAreaOption});
    parser.addOptions(hooks.extraOptions);
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

    // Demo runs start from a clean slate each time unless told otherwise.
    std::unique_ptr<QTemporaryDir> temporaryData;
    QString dataDir = parser.value(dataOption);
    if (hooks.temporaryDataDir && dataDir.isEmpty()) {
        temporaryData = std::make_unique<QTemporaryDir>();
        dataDir = temporaryData->path();
    }

    Client::AppSession session(dataDir);
    AppContext context(&session);
    context.setLanguage(language);
    const QString fontScale = parser.isSet(fontScaleOption)
            ? parser.value(fontScaleOption)
            : qEnvironmentVariable("NEBENGJEK_FONT_SCALE");
    if (!fontScale.isEmpty()) {
        bool ok = false;
        const double scale = fontScale.toDouble(&ok);
        if (!ok || scale <= 0) {
            qCritical("--font-scale: a number such as 1.3 expected, got %s", qPrintable(fontScale));
            return 2;
        }
        context.setFontScale(scale);
    }
    if (parser.isSet(safeAreaOption)) {
        QMarginsF margins;
        if (!AppContext::parseSafeArea(parser.value(safeAreaOption), &margins)) {
            qCritical("--safe-area: top,right,bottom,left in pixels (0-400) expected");
            return 2;
        }
        context.setSafeArea(margins);
    }

    // Backgrounded on mobile: close the connection until the app is back.
    QObject::connect(&app, &QGuiApplication::applicationStateChanged, &session,
                     [&session](Qt::ApplicationState state) {
                         if (state == Qt::ApplicationSuspended)
                             session.suspend();
                         else if (state == Qt::ApplicationActive)
                             session.resume();
                     });

    AppContext::setInstance(&context);
    if (hooks.configure && !hooks.configure(parser, language, session, context))
        return 2;

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

    if (hooks.start) {
        if (!hooks.start(parser, engine, session))
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
    if (hooks.usePositioning && !parser.isSet(simulateOption)) {
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

} // namespace NebengJek::App
