// SPDX-License-Identifier: MIT
#pragma once

#include "serverconfig.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace NebengJek::Server {

// `nebengjek-server token --user-id U --role driver [--ttl 3600]`
struct TokenCommand
{
    QString userId;
    Protocol::Role role = Protocol::Role::Passenger;
    qint64 ttlSeconds = 3600;
    // Optional display claims (the other party's card): name; drivers vehicle and plate.
    QString name;
    QString vehicle;
    QString plate;
};

struct ConfigLoadResult
{
    enum class Action { Serve, MintToken, ShowHelp, ShowVersion, Fail };
    Action action = Action::Fail;
    ServerConfig config;
    TokenCommand token;
    QStringList errors; // Action::Fail
    QStringList warnings; // e.g. dev mode; to be logged, never containing secrets
    QString helpText;
    // "key=value source=flag|env|file|default" for every setting, secrets shown as "(set)".
    QStringList effectiveSettings;
};

// Builds a ServerConfig from, in order of precedence: command-line flags, WS_* environment
// variables, a config file (--config / WS_CONFIG; JSON object or INI whose keys are the long
// flag names), and the defaults in ServerConfig. Every option is one row of one table, so --help,
// the environment and the config file cannot drift apart.
class ConfigLoader
{
public:
    static ConfigLoadResult load(const QStringList &arguments, const QProcessEnvironment &env);

    // The secret used by --dev when none is configured. Well known on purpose, so development
    // tools can mint tokens offline; a server using it logs a warning at startup.
    static QByteArray devJwtSecret();
};

} // namespace NebengJek::Server
