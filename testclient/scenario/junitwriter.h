// SPDX-License-Identifier: MIT
#pragma once

#include "scenarioresult.h"

#include <QList>
#include <QString>

namespace NebengJek::TestClient {

// Writes scenario results as JUnit XML (one testsuite per scenario, one testcase per step), the
// format CI systems show as a test report.
class JUnitWriter
{
public:
    static bool write(const QString &path, const QList<ScenarioResult> &results, QString *error);
};

} // namespace NebengJek::TestClient
