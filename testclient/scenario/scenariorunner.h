// SPDX-License-Identifier: MIT
#pragma once

#include "scenario.h"
#include "scenarioresult.h"
#include "variablestore.h"

#include "../core/connectionoptions.h"
#include "../core/messageprinter.h"
#include "../core/receivedmessage.h"

#include <QObject>

#include <functional>
#include <memory>

class QTextStream;

namespace NebengJek::TestClient {

class TestConnection;

struct RunSettings
{
    QUrl url;
    QByteArray secret; // signs minted tokens; never printed
    QString issuer;
    QString audience;
    TokenTransport defaultTransport = TokenTransport::Header;
    bool verbose = false; // print every message each actor sends and receives
};

// Runs one scenario: connects its actors, executes the steps in order and stops at the first
// failing step (later steps would only report the same cause again). Steps wait by running the
// event loop, so connections keep receiving while a step waits.
class ScenarioRunner : public QObject
{
    Q_OBJECT
public:
    ScenarioRunner(const RunSettings &settings, QTextStream &out, QObject *parent = nullptr);
    ~ScenarioRunner() override;

    ScenarioResult run(const Scenario &scenario);

signals:
    // Anything happened on any connection: wakes a waiting step.
    void activity();

private:
    struct Actor;

    StepResult connectActorsAtStart(const Scenario &scenario);
    StepResult runStep(const ScenarioStep &step);
    bool send(const ScenarioStep &step, Actor &actor, QString *failure);
    bool sendRaw(const ScenarioStep &step, Actor &actor, QString *failure);
    bool expect(const ScenarioStep &step, Actor &actor, QString *failure);
    bool expectNone(const ScenarioStep &step, Actor &actor, QString *failure);
    bool connectStep(const ScenarioStep &step, Actor &actor, QString *failure);
    bool disconnect(const ScenarioStep &step, Actor &actor, QString *failure);
    bool expectClose(const ScenarioStep &step, Actor &actor, QString *failure);

    void openConnection(Actor &actor);
    QByteArray tokenFor(const Actor &actor) const;
    // Runs the event loop until done() or the timeout; returns done().
    bool waitFor(const std::function<bool()> &done, int timeoutMs);
    QJsonValue substituted(const QJsonValue &value, QStringList *unresolved) const;
    QString describeInbox(const Actor &actor) const;
    QString describeConnection(const Actor &actor) const;
    void printStep(const StepResult &result);

    RunSettings m_settings;
    QTextStream &m_out;
    MessagePrinter m_printer {true};
    VariableStore m_variables;
    std::vector<std::unique_ptr<Actor>> m_actors;
    Actor *actorNamed(const QString &name);
};

} // namespace NebengJek::TestClient
