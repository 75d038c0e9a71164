// SPDX-License-Identifier: MIT
#include "loadcommand.h"

#include "commonoptions.h"

#include "../load/loadreport.h"
#include "../load/loadrunner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <unistd.h>

namespace NebengJek::TestClient {

namespace {
// The load command only ever targets a server QA runs; these bounds keep a typo from turning
// it into something else.
constexpr int kMaxUsers = 20000;
constexpr double kMaxDurationSeconds = 3600;
} // namespace

int runLoadCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "nebengjek-testclient load: Simulate drivers and passengers doing rides: location "
            "streams, ride requests, chats, "
            "payments. Prints a progress line every second and a report at the end."));
    parser.addHelpOption();
    CommonOptions common;
    common.addTo(parser);
    const auto option = [&parser](const char *name, const char *help, const char *value,
                                  const char *def) {
        const QCommandLineOption o {QLatin1String(name), QLatin1String(help), QLatin1String(value),
                                    QLatin1String(def)};
        parser.addOption(o);
        return o;
    };
    const auto drivers = option("drivers", "Virtual drivers.", "n", "10");
    const auto passengers = option("passengers", "Virtual passengers.", "n", "10");
    const auto rampUp = option("ramp-up", "Seconds over which users start.", "s", "5");
    const auto duration =
            option("duration", "Seconds of steady state after the ramp-up.", "s", "30");
    const auto rate = option("location-rate", "Location updates per second per driver.", "hz", "1");
    const auto chat = option("chat-interval",
                             "Seconds between chat messages of each party on a ride.", "s", "10");
    const auto ride = option("ride-seconds", "Seconds from ride start to arrival.", "s", "20");
    const auto pause =
            option("pause", "Seconds between rides (and before a ride starts).", "s", "3");
    const auto prefix =
            option("user-prefix", "Prefix of user ids (default: load-<time>).", "prefix", "");
    const auto json = option("json", "Also write the report as JSON to this file.", "file", "");
    parser.process(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    QString error;
    if (!common.read(parser, &error)) {
        err << error << '\n';
        return 2;
    }
    if (common.secret.isEmpty()) {
        err << "no token secret: set NEBENGJEK_JWT_SECRET (or --secret-file, or --dev for a --dev server)\n";
        return 2;
    }
    LoadConfig config;
    config.url = common.url;
    config.secret = common.secret;
    config.issuer = common.issuer;
    config.audience = common.audience;
    config.transport = common.transport;
    config.drivers = parser.value(drivers).toInt();
    config.passengers = parser.value(passengers).toInt();
    config.rampUpSeconds = parser.value(rampUp).toDouble();
    config.durationSeconds = parser.value(duration).toDouble();
    config.locationsPerSecond = parser.value(rate).toDouble();
    config.chatIntervalSeconds = parser.value(chat).toDouble();
    config.rideSeconds = parser.value(ride).toDouble();
    config.pauseSeconds = parser.value(pause).toDouble();
    config.userPrefix = parser.value(prefix);
    if (config.userPrefix.isEmpty())
        config.userPrefix =
                QStringLiteral("load-%1").arg(QDateTime::currentSecsSinceEpoch() % 1000000);
    if (config.drivers < 0 || config.passengers < 0
        || config.drivers + config.passengers > kMaxUsers
        || config.drivers + config.passengers == 0) {
        err << "--drivers + --passengers must be 1.." << kMaxUsers << '\n';
        return 2;
    }
    if (config.durationSeconds <= 0 || config.rampUpSeconds < 0
        || config.rampUpSeconds + config.durationSeconds > kMaxDurationSeconds
        || config.locationsPerSecond <= 0 || config.chatIntervalSeconds <= 0) {
        err << "--duration, --location-rate and --chat-interval must be positive, --ramp-up >= 0, "
               "the run at most "
            << kMaxDurationSeconds << " s\n";
        return 2;
    }

    LoadRunner runner(config, err, isatty(STDERR_FILENO));
    QObject::connect(&runner, &LoadRunner::finished, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    runner.start();
    QCoreApplication::exec();

    const QJsonObject report = LoadReport::toJson(config, runner);
    out << LoadReport::toText(report);
    out.flush();
    if (!parser.value(json).isEmpty()) {
        QFile file(parser.value(json));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            err << "--json: " << file.errorString() << '\n';
            return 2;
        }
        file.write(QJsonDocument(report).toJson(QJsonDocument::Indented));
    }
    // Non-zero when the run could not do what it was asked: nobody connected.
    return runner.stats().peakOpenConnections > 0 ? 0 : 1;
}

} // namespace NebengJek::TestClient
