// SPDX-License-Identifier: MIT
#include "runcommand.h"

#include "commonoptions.h"

#include "../scenario/junitwriter.h"
#include "../scenario/scenariorunner.h"
#include "../scenario/serverprocess.h"

#include <QCoreApplication>
#include <QTextStream>

namespace NebengJek::TestClient {

namespace {
// A server on a loaded CI machine (two cores, five builds) may take a while to open its storage.
constexpr int kServerReadyTimeoutMs = 20000;
} // namespace

int runRunCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("nebengjek-testclient run: Run scenario files (format: "
                           "docs/testclient.md). Exit code 0 only if all pass."));
    parser.addHelpOption();
    CommonOptions common;
    common.addTo(parser);
    const QCommandLineOption junit(QStringLiteral("junit"),
                                   QStringLiteral("Also write a JUnit XML report."),
                                   QStringLiteral("file"));
    const QCommandLineOption verbose(
            {QStringLiteral("v"), QStringLiteral("verbose")},
            QStringLiteral("Print every message each actor sends and receives."));
    const QCommandLineOption spawn(
            QStringLiteral("spawn-server"),
            QStringLiteral("Start this nebengjek-server on a free port with a fresh data "
                           "directory and secret, run against it, stop it."),
            QStringLiteral("path"));
    const QCommandLineOption serverArg(
            QStringLiteral("server-arg"),
            QStringLiteral(
                    "Argument for the spawned server (repeatable; replaces the defaults \"%1\"; "
                    "{port}, {host}, {data_dir} are filled in).")
                    .arg(ServerProcess::defaultArguments().join(QLatin1Char(' '))),
            QStringLiteral("arg"));
    parser.addOptions({junit, verbose, spawn, serverArg});
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("Scenario JSON files."),
                                 QStringLiteral("SCENARIO..."));
    parser.process(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    QString error;
    if (!common.read(parser, &error)) {
        err << error << '\n';
        return 2;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        err << "name at least one scenario file\n";
        return 2;
    }
    QList<Scenario> scenarios;
    QStringList loadErrors;
    for (const QString &file : files) {
        Scenario s;
        if (ScenarioLoader::load(file, &s, &loadErrors))
            scenarios.append(s);
    }
    if (!loadErrors.isEmpty()) {
        err << "invalid scenario file(s):\n  " << loadErrors.join(QStringLiteral("\n  ")) << '\n';
        return 2;
    }

    RunSettings settings;
    settings.url = common.url;
    settings.secret = common.secret;
    settings.issuer = common.issuer;
    settings.audience = common.audience;
    settings.defaultTransport = common.transport;
    settings.verbose = parser.isSet(verbose);

    ServerProcess server;
    if (parser.isSet(spawn)) {
        const QStringList args = parser.isSet(serverArg) ? parser.values(serverArg)
                                                         : ServerProcess::defaultArguments();
        if (!server.start(parser.value(spawn), args, kServerReadyTimeoutMs, &error)) {
            err << error << '\n';
            return 3;
        }
        settings.secret = server.secret();
        QUrl url = settings.url;
        url.setHost(QStringLiteral("127.0.0.1"));
        url.setPort(server.port());
        settings.url = url;
        out << "spawned server on port " << server.port() << " (log: " << server.logPath() << ")\n";
    } else if (settings.secret.isEmpty()) {
        err << "no token secret: set NEBENGJEK_JWT_SECRET (or --secret-file, or --dev for a --dev server), or use "
               "--spawn-server\n";
        return 2;
    }

    QList<ScenarioResult> results;
    ScenarioRunner runner(settings, out);
    for (const Scenario &s : std::as_const(scenarios))
        results.append(runner.run(s));

    int passed = 0;
    for (const ScenarioResult &r : std::as_const(results))
        passed += r.passed() ? 1 : 0;
    out << "scenarios: " << passed << " passed, " << (results.size() - passed) << " failed\n";
    out.flush();
    if (parser.isSet(spawn) && passed != results.size())
        out << "server log (last lines):\n" << server.logTail(20) << '\n';
    if (parser.isSet(junit) && !JUnitWriter::write(parser.value(junit), results, &error)) {
        err << "--junit: " << error << '\n';
        return 2;
    }
    return passed == results.size() ? 0 : 1;
}

} // namespace NebengJek::TestClient
