// SPDX-License-Identifier: MIT
#include "configloader.h"

#include "configfile.h"
#include "configoptions.h"
#include "configvalue.h"

#include <protocol/messages/authmessages.h>

#include <QCommandLineParser>
#include <QHash>

namespace NebengJek::Server {

namespace {
bool isValidUserId(const QString &id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const QChar c : id) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && !QStringLiteral("_.:@-").contains(c))
            return false;
    }
    return true;
}

const char *kAppDescription =
        "NebengJek realtime gateway: a headless WebSocket server (JWT auth, limits, /health, "
        "/metrics, graceful shutdown) hosting the ride, chat, presence and notification hub.";

const char *kHelpEpilogue =
        "\nCommands:\n"
        "  (none)   run the server until SIGTERM/SIGINT.\n"
        "  token    print a signed token to stdout and exit, using the configured HS256 secret\n"
        "           (or the development secret with --dev):\n"
        "           nebengjek-server token --user-id U --role driver|passenger [--ttl 3600]\n"
        "\nEvery setting can be given as a flag, as the environment variable shown with it, or in\n"
        "the config file (--config / WS_CONFIG: a JSON object or an INI file keyed by the long\n"
        "option name). Precedence: flags > environment > config file > defaults.\n"
        "Durations: 250ms, 30s, 5m, 1h (a bare number is seconds). Sizes: 65536, 64KiB, 1MiB.\n"
        "Logging: QT_LOGGING_RULES='nebengjek.*.debug=true' enables debug output.\n";

} // namespace

QByteArray ConfigLoader::devJwtSecret()
{
    return QByteArray(Protocol::kDevelopmentJwtSecret);
}

ConfigLoadResult ConfigLoader::load(const QStringList &arguments, const QProcessEnvironment &env)
{
    ConfigLoadResult result;

    QCommandLineParser parser;
    parser.setApplicationDescription(QLatin1String(kAppDescription));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("Optional: 'token' mints a token (see below)."),
                                 QStringLiteral("[token]"));
    const QCommandLineOption configOption(
            QStringLiteral("config"),
            QStringLiteral("Config file (.json, or INI otherwise) [env WS_CONFIG]"),
            QStringLiteral("FILE"));
    parser.addOption(configOption);
    const auto &table = configOptions();
    for (const OptionSpec &spec : table) {
        QCommandLineOption option(spec.name, describeOption(spec), spec.valueName);
        parser.addOption(option);
    }
    const QCommandLineOption userIdOption(QStringLiteral("user-id"),
                                          QStringLiteral("token: the user_id claim."),
                                          QStringLiteral("ID"));
    const QCommandLineOption roleOption(QStringLiteral("role"),
                                        QStringLiteral("token: driver or passenger."),
                                        QStringLiteral("ROLE"));
    const QCommandLineOption ttlOption(QStringLiteral("ttl"),
                                       QStringLiteral("token: lifetime in seconds [default 3600]."),
                                       QStringLiteral("SECONDS"));
    const QCommandLineOption nameOption(QStringLiteral("name"),
                                        QStringLiteral("token: the display name claim."),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption vehicleOption(QStringLiteral("vehicle"),
                                           QStringLiteral("token: the driver's vehicle claim."),
                                           QStringLiteral("TEXT"));
    const QCommandLineOption plateOption(QStringLiteral("plate"),
                                         QStringLiteral("token: the driver's plate claim."),
                                         QStringLiteral("TEXT"));
    parser.addOption(userIdOption);
    parser.addOption(roleOption);
    parser.addOption(ttlOption);
    parser.addOption(nameOption);
    parser.addOption(vehicleOption);
    parser.addOption(plateOption);

    result.helpText = parser.helpText() + QLatin1String(kHelpEpilogue);
    if (!parser.parse(arguments)) {
        result.errors << parser.errorText();
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.action = ConfigLoadResult::Action::ShowHelp;
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = ConfigLoadResult::Action::ShowVersion;
        return result;
    }
    // The command may stand anywhere among the options: `--dev token --user-id u ...`.
    const QStringList positional = parser.positionalArguments();
    const bool tokenMode = positional == QStringList {QStringLiteral("token")};
    if (!positional.isEmpty() && !tokenMode) {
        result.errors << QStringLiteral("unknown command '%1' (see --help)")
                                 .arg(positional.join(QLatin1Char(' ')));
        return result;
    }
    if (!tokenMode
        && (parser.isSet(userIdOption) || parser.isSet(roleOption) || parser.isSet(ttlOption)
            || parser.isSet(nameOption) || parser.isSet(vehicleOption)
            || parser.isSet(plateOption))) {
        result.errors << QStringLiteral("--user-id, --role, --ttl, --name, --vehicle and --plate "
                                        "belong to the 'token' command");
        return result;
    }

    ServerConfig &c = result.config;
    QHash<QString, QString> sources;
    auto applyLayer = [&](const OptionSpec &spec, const QString &value, const QString &origin) {
        QString error;
        if (!spec.apply(c, value, &error)) {
            result.errors << QStringLiteral("invalid %1 for %2: %3")
                                     .arg(spec.secret ? QStringLiteral("value")
                                                      : QStringLiteral("value '%1'").arg(value),
                                          origin, error);
            return;
        }
        sources.insert(spec.name, origin);
    };

    // Layer 1: config file.
    QString configPath = parser.isSet(configOption) ? parser.value(configOption)
                                                    : env.value(QStringLiteral("WS_CONFIG"));
    if (!configPath.isEmpty()) {
        QHash<QString, QString> fileValues;
        QString error;
        if (!readConfigFile(configPath, &fileValues, &error)) {
            result.errors << error;
            return result;
        }
        c.configFile = configPath;
        for (const OptionSpec &spec : table) {
            const auto it = fileValues.constFind(spec.name);
            if (it != fileValues.constEnd()) {
                applyLayer(spec, *it, QStringLiteral("%1 in %2").arg(spec.name, configPath));
                fileValues.remove(spec.name);
            }
        }
        for (auto it = fileValues.constBegin(); it != fileValues.constEnd(); ++it)
            result.errors << QStringLiteral("unknown setting '%1' in %2").arg(it.key(), configPath);
    }
    // Layer 2: environment.
    for (const OptionSpec &spec : table) {
        if (!spec.env.isEmpty() && env.contains(spec.env))
            applyLayer(spec, env.value(spec.env), spec.env);
    }
    // Layer 3: flags.
    for (const OptionSpec &spec : table) {
        if (parser.isSet(spec.name)) {
            const QString value =
                    spec.valueName.isEmpty() ? QStringLiteral("true") : parser.value(spec.name);
            applyLayer(spec, value, QStringLiteral("--") + spec.name);
        }
    }
    if (!result.errors.isEmpty())
        return result;

    // Cross-checks.
    if (c.maxFrameSize > c.maxMessageSize)
        c.maxFrameSize = c.maxMessageSize;
    if (c.staleTimeoutMs <= c.pingIntervalMs) {
        result.errors << QStringLiteral("stale-timeout (%1) must be longer than ping-interval (%2)")
                                 .arg(formatDurationMs(c.staleTimeoutMs),
                                      formatDurationMs(c.pingIntervalMs));
    }
    if (c.jwtSecret.isEmpty() && c.jwtPublicKeyFile.isEmpty()) {
        if (c.devMode) {
            c.jwtSecret = devJwtSecret();
            result.warnings << QStringLiteral(
                    "dev mode: accepting tokens signed with the well-known development secret; "
                    "anyone can forge them. Never use --dev in production.");
        } else {
            result.errors << QStringLiteral(
                    "no JWT key configured: set WS_JWT_SECRET (or --jwt-secret-file, "
                    "--jwt-public-key), or pass --dev for local development");
        }
    } else if (!c.jwtSecret.isEmpty() && c.jwtSecret.size() < kMinimumJwtSecretBytes) {
        if (c.devMode) {
            result.warnings << QStringLiteral("dev mode: the JWT secret is shorter than %1 bytes")
                                       .arg(kMinimumJwtSecretBytes);
        } else {
            result.errors << QStringLiteral("the JWT secret must be at least %1 bytes")
                                     .arg(kMinimumJwtSecretBytes);
        }
    }
    if (!c.redisUrl.isEmpty()) {
        if (!c.redisUrl.startsWith(QLatin1String("redis://")))
            result.errors << QStringLiteral("--redis-url must be redis://host:port/db");
        if (!c.effectiveStorageUrl().startsWith(QLatin1String("postgres")))
            result.errors << QStringLiteral(
                    "cluster mode (--redis-url) needs a postgresql:// --storage-url that all "
                    "nodes share");
    }
    if (c.nodeId.contains(QLatin1Char('\n')) || c.nodeId.contains(QLatin1Char(' ')))
        result.errors << QStringLiteral("--node-id must not contain spaces or newlines");
    if (c.devMode && !c.listenAddress.isLoopback()) {
        result.warnings << QStringLiteral("dev mode on a non-loopback address (%1): development "
                                          "tokens are accepted from the network")
                                   .arg(c.listenAddress.toString());
    }

    for (const OptionSpec &spec : table) {
        if (spec.name == QLatin1String("jwt-secret-file"))
            continue;
        result.effectiveSettings << QStringLiteral("%1=%2 source=%3")
                                            .arg(spec.name, spec.show(c),
                                                 sources.value(spec.name,
                                                               QStringLiteral("default")));
    }

    if (tokenMode) {
        TokenCommand &t = result.token;
        t.userId = parser.value(userIdOption);
        if (!isValidUserId(t.userId))
            result.errors << QStringLiteral(
                    "token: --user-id is required (1-128 of A-Z a-z 0-9 _ . : @ -)");
        const auto role = Protocol::roleFromName(parser.value(roleOption));
        if (!role)
            result.errors << QStringLiteral("token: --role must be driver or passenger");
        t.role = role.value_or(Protocol::Role::Passenger);
        t.name = parser.value(nameOption);
        t.vehicle = parser.value(vehicleOption);
        t.plate = parser.value(plateOption);
        if (parser.isSet(ttlOption)) {
            bool ok = false;
            t.ttlSeconds = parser.value(ttlOption).toLongLong(&ok);
            if (!ok || t.ttlSeconds < 1 || t.ttlSeconds > 30 * 86400)
                result.errors << QStringLiteral("token: --ttl must be 1..2592000 seconds");
        }
        if (c.jwtSecret.isEmpty())
            result.errors << QStringLiteral(
                    "token: minting needs an HS256 secret (WS_JWT_SECRET or --dev)");
    }

    if (!result.errors.isEmpty())
        return result;
    result.action =
            tokenMode ? ConfigLoadResult::Action::MintToken : ConfigLoadResult::Action::Serve;
    return result;
}

} // namespace NebengJek::Server
