// SPDX-License-Identifier: MIT
#pragma once

#include "serverconfig.h"

#include <QString>

#include <functional>
#include <vector>

namespace NebengJek::Server {

using ConfigApply = std::function<bool(ServerConfig &, const QString &, QString *)>;
using ConfigShow = std::function<QString(const ServerConfig &)>;

// One setting: its flag (also the config-file key), environment variable and parser.
struct OptionSpec
{
    QString name;
    QString env; // empty: no environment variable
    QString valueName; // empty: a switch on the command line, a boolean elsewhere
    QString help;
    ConfigApply apply;
    ConfigShow show;
    bool secret = false;
};

// Every setting of nebengjek-server, in --help order.
const std::vector<OptionSpec> &configOptions();
// The --help text of one option: its description, environment variable and default.
QString describeOption(const OptionSpec &spec);

} // namespace NebengJek::Server
