// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

namespace NebengJek::TestClient {

struct StepResult
{
    enum class Outcome { Passed, Failed, Skipped };
    int index = 0; // 0 is the setup (connecting the actors)
    QString name;
    Outcome outcome = Outcome::Skipped;
    bool optional = false;
    qint64 durationMs = 0;
    QString failure; // readable: what was expected, what arrived
};

struct ScenarioResult
{
    QString name;
    QString file;
    QList<StepResult> steps;
    qint64 durationMs = 0;

    bool passed() const
    {
        for (const StepResult &s : steps) {
            if (s.outcome == StepResult::Outcome::Failed && !s.optional)
                return false;
        }
        return !steps.isEmpty();
    }
    int count(StepResult::Outcome outcome) const
    {
        int n = 0;
        for (const StepResult &s : steps)
            n += s.outcome == outcome ? 1 : 0;
        return n;
    }
};

} // namespace NebengJek::TestClient
