// SPDX-License-Identifier: MIT
#pragma once

#include "loadconfig.h"
#include "loadstats.h"

#include <QJsonObject>
#include <QString>

namespace NebengJek::TestClient {

class LoadRunner;

// The final report of a load run, as text for people and JSON for tools (bench/, CI trends).
class LoadReport
{
public:
    static QJsonObject toJson(const LoadConfig &config, LoadRunner &runner);
    static QString toText(const QJsonObject &report);
};

} // namespace NebengJek::TestClient
