// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>

namespace NebengJek::Server {

// Reads a config file into key -> value (keys normalized to the long flag name: '_' -> '-').
// A ".json" file must hold one object (arrays become comma lists); anything else is read as INI.
bool readConfigFile(const QString &path, QHash<QString, QString> *values, QString *error);

} // namespace NebengJek::Server
