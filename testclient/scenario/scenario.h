// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace NebengJek::TestClient {

// One participant of a scenario: a user with a role and its own connection. Strings may use
// ${variables}; see docs/testclient.md for every field.
struct ScenarioActor
{
    QString name;
    QString role; // driver | passenger
    QString userId;
    bool connectAtStart = true;
    QString tokenTransport; // header | query | message | none; empty: the run's default
    QString token; // a literal token (error cases); otherwise one is minted
    QString secret; // a different signing secret (error cases: wrong signature)
    qint64 tokenTimeShiftSeconds = 0; // negative: an expired token
    qint64 tokenLifetimeSeconds = 3600;
    QJsonObject tokenClaims; // extra or overriding claims
    QString origin;
};

// One step. The kind is decided by which key the step has; `spec` keeps the step's JSON so the
// runner can substitute variables at the moment the step runs.
struct ScenarioStep
{
    enum class Kind { Send, SendRaw, Expect, ExpectNone, Connect, Disconnect, ExpectClose, Sleep };

    Kind kind = Kind::Sleep;
    int index = 0; // 1-based, as printed
    QString name; // given, or made up from the step
    QString actor;
    QJsonObject spec;
    int timeoutMs =
            0; // expect, expect_close, connect: how long to wait; expect_none: how long to watch
    bool optional = false; // a failure is reported but does not fail the scenario
};

struct Scenario
{
    QString file;
    QString name;
    QString description;
    int defaultTimeoutMs = 5000;
    QJsonObject variables;
    QList<ScenarioActor> actors; // in file order
    QList<ScenarioStep> steps;

    const ScenarioActor *actor(const QString &name) const;
};

// Reads and checks a scenario file. Unknown keys are errors: a typo in an expectation must not
// turn into an expectation that silently checks nothing.
class ScenarioLoader
{
public:
    static bool load(const QString &path, Scenario *scenario, QStringList *errors);
    static bool parse(const QByteArray &json, const QString &file, Scenario *scenario,
                      QStringList *errors);
    static QString kindName(ScenarioStep::Kind kind);
};

} // namespace NebengJek::TestClient
