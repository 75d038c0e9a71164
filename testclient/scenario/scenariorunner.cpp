// SPDX-License-Identifier: MIT
#include "scenariorunner.h"

#include "jsonmatcher.h"

#include "../core/devtoken.h"
#include "../core/logging.h"
#include "../core/testconnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>

namespace NebengJek::TestClient {

namespace {
// How often a waiting step re-checks even without activity (timeouts are checked at this grain).
constexpr int kWaitSliceMs = 20;
// Unconsumed messages listed in a failure; more would bury the one that matters.
constexpr int kMaxListedMessages = 12;
// Time the final graceful closes get before the connections are dropped.
constexpr int kCloseGraceMs = 300;

QString indentLines(const QString &text, int spaces)
{
    const QString pad(spaces, QLatin1Char(' '));
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &l : lines)
        l.prepend(pad);
    return lines.join(QLatin1Char('\n'));
}

QString unresolvedText(const QStringList &names)
{
    return QStringLiteral("unknown variable(s): ${%1} (captured by an earlier step?)")
            .arg(names.join(QStringLiteral("}, ${")));
}
} // namespace

struct ScenarioRunner::Actor
{
    ScenarioActor spec;
    QString userId;
    std::unique_ptr<TestConnection> connection;
    QList<ReceivedMessage> inbox; // received and not yet matched by an expect step
    int sentCount = 0;
};

ScenarioRunner::ScenarioRunner(const RunSettings &settings, QTextStream &out, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_out(out)
{ }

ScenarioRunner::~ScenarioRunner() = default;

ScenarioRunner::Actor *ScenarioRunner::actorNamed(const QString &name)
{
    for (auto &a : m_actors) {
        if (a->spec.name == name)
            return a.get();
    }
    return nullptr;
}

QJsonValue ScenarioRunner::substituted(const QJsonValue &value, QStringList *unresolved) const
{
    return m_variables.substitute(value, unresolved);
}

ScenarioResult ScenarioRunner::run(const Scenario &scenario)
{
    QElapsedTimer clock;
    clock.start();
    ScenarioResult result;
    result.name = scenario.name;
    result.file = scenario.file;
    m_out << "scenario " << scenario.name << " (" << scenario.file << ")\n";
    m_out.flush();

    m_variables = VariableStore();
    // A fresh run id keeps users, rides and chats of one run apart from every earlier run
    // against the same server and data directory.
    const QString runId = QString::number(QDateTime::currentMSecsSinceEpoch() % 100000000, 36)
            + QString::number(QRandomGenerator::global()->bounded(1296), 36);
    m_variables.set(QStringLiteral("run"), runId);
    for (auto it = scenario.variables.constBegin(); it != scenario.variables.constEnd(); ++it)
        m_variables.set(it.key(), substituted(it.value(), nullptr));

    m_actors.clear();
    for (const ScenarioActor &spec : scenario.actors) {
        auto actor = std::make_unique<Actor>();
        actor->spec = spec;
        actor->userId = m_variables.substitute(spec.userId, nullptr);
        m_variables.set(spec.name + QStringLiteral(".user_id"), actor->userId);
        m_variables.set(spec.name + QStringLiteral(".role"), spec.role);
        m_actors.push_back(std::move(actor));
    }

    const StepResult setup = connectActorsAtStart(scenario);
    result.steps.append(setup);
    printStep(setup);
    bool stopped = setup.outcome == StepResult::Outcome::Failed;
    for (const ScenarioStep &step : scenario.steps) {
        StepResult r;
        if (stopped) {
            r.index = step.index;
            r.name = step.name;
            r.outcome = StepResult::Outcome::Skipped;
        } else {
            r = runStep(step);
            stopped = r.outcome == StepResult::Outcome::Failed && !r.optional;
        }
        result.steps.append(r);
        printStep(r);
    }

    for (auto &a : m_actors) {
        if (a->connection && a->connection->state() == TestConnection::State::Open)
            a->connection->close();
    }
    waitFor(
            [this] {
                for (auto &a : m_actors) {
                    if (a->connection && a->connection->state() == TestConnection::State::Open)
                        return false;
                }
                return true;
            },
            kCloseGraceMs);
    m_actors.clear();

    result.durationMs = clock.elapsed();
    m_out << (result.passed() ? "PASSED " : "FAILED ") << scenario.name << ": "
          << result.count(StepResult::Outcome::Passed) << " passed, "
          << result.count(StepResult::Outcome::Failed) << " failed, "
          << result.count(StepResult::Outcome::Skipped) << " skipped in " << result.durationMs
          << " ms\n\n";
    m_out.flush();
    return result;
}

void ScenarioRunner::printStep(const StepResult &r)
{
    const char *label = r.outcome == StepResult::Outcome::Passed ? "ok  "
            : r.outcome == StepResult::Outcome::Skipped          ? "skip"
            : r.optional                                         ? "warn"
                                                                 : "FAIL";
    m_out << "  " << label << QStringLiteral(" %1  ").arg(r.index, 3) << r.name;
    if (r.outcome != StepResult::Outcome::Skipped)
        m_out << "  (" << r.durationMs << " ms)";
    m_out << "\n";
    if (!r.failure.isEmpty())
        m_out << indentLines(r.failure, 8) << "\n";
    m_out.flush();
}

QByteArray ScenarioRunner::tokenFor(const Actor &actor) const
{
    if (!actor.spec.token.isEmpty())
        return m_variables.substitute(actor.spec.token, nullptr).toUtf8();
    DevTokenClaims claims;
    claims.userId = actor.userId;
    claims.role = Protocol::roleFromName(actor.spec.role).value_or(Protocol::Role::Passenger);
    claims.lifetimeSeconds = actor.spec.tokenLifetimeSeconds;
    claims.timeShiftSeconds = actor.spec.tokenTimeShiftSeconds;
    claims.issuer = m_settings.issuer;
    claims.audience = m_settings.audience;
    claims.extra = substituted(actor.spec.tokenClaims, nullptr).toObject();
    const QByteArray secret =
            actor.spec.secret.isEmpty() ? m_settings.secret : actor.spec.secret.toUtf8();
    return DevToken::mint(claims, secret);
}

void ScenarioRunner::openConnection(Actor &actor)
{
    actor.inbox.clear();
    actor.connection = std::make_unique<TestConnection>();
    TestConnection *connection = actor.connection.get();
    const QString name = actor.spec.name;
    connect(connection, &TestConnection::messageReceived, this,
            [this, &actor, name](const ReceivedMessage &message) {
                actor.inbox.append(message);
                if (m_settings.verbose)
                    m_out << "        " << m_printer.formatReceived(name, message) << "\n";
                emit activity();
            });
    connect(connection, &TestConnection::messageSent, this, [this, name](const QByteArray &text) {
        if (m_settings.verbose) {
            m_out << "        "
                  << m_printer.format(MessagePrinter::Direction::Outgoing, name, text,
                                      QDateTime::currentMSecsSinceEpoch())
                  << "\n";
        }
    });
    connect(connection, &TestConnection::opened, this, &ScenarioRunner::activity);
    connect(connection, &TestConnection::closed, this, &ScenarioRunner::activity);

    ConnectionOptions options;
    options.url = m_settings.url;
    options.token = tokenFor(actor);
    m_printer.addSecret(options.token);
    bool known = true;
    options.transport = actor.spec.tokenTransport.isEmpty()
            ? m_settings.defaultTransport
            : tokenTransportFromName(actor.spec.tokenTransport, &known);
    options.origin = actor.spec.origin;
    qCDebug(lcTestClient) << "connecting" << name << "as" << actor.userId;
    connection->open(options);
}

bool ScenarioRunner::waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0)
            return false;
        QEventLoop loop;
        QTimer::singleShot(int(qMin<qint64>(left, kWaitSliceMs)), &loop, &QEventLoop::quit);
        connect(this, &ScenarioRunner::activity, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

StepResult ScenarioRunner::connectActorsAtStart(const Scenario &scenario)
{
    QElapsedTimer clock;
    clock.start();
    StepResult r;
    r.index = 0;
    QStringList names;
    for (auto &a : m_actors) {
        if (a->spec.connectAtStart) {
            openConnection(*a);
            names.append(a->spec.name);
        }
    }
    r.name = names.isEmpty() ? QStringLiteral("no actor connects at start")
                             : QStringLiteral("connect %1").arg(names.join(QStringLiteral(", ")));
    waitFor(
            [this] {
                for (auto &a : m_actors) {
                    if (a->connection
                        && a->connection->state() == TestConnection::State::Connecting)
                        return false;
                }
                return true;
            },
            scenario.defaultTimeoutMs);
    QStringList problems;
    for (auto &a : m_actors) {
        if (a->connection && a->connection->state() != TestConnection::State::Open)
            problems.append(QStringLiteral("%1: %2").arg(a->spec.name, describeConnection(*a)));
    }
    r.durationMs = clock.elapsed();
    r.outcome = problems.isEmpty() ? StepResult::Outcome::Passed : StepResult::Outcome::Failed;
    if (!problems.isEmpty())
        r.failure = QStringLiteral("could not connect:\n")
                + indentLines(problems.join(QLatin1Char('\n')), 2);
    return r;
}

QString ScenarioRunner::describeConnection(const Actor &actor) const
{
    const TestConnection *c = actor.connection.get();
    if (!c)
        return QStringLiteral("never connected");
    switch (c->state()) {
    case TestConnection::State::Idle:
        return QStringLiteral("not connected");
    case TestConnection::State::Connecting:
        return QStringLiteral("still connecting (no upgrade response in time)");
    case TestConnection::State::Open:
        return QStringLiteral("connected");
    case TestConnection::State::Closed:
        if (c->rejectedStatus() > 0)
            return QStringLiteral("upgrade refused with HTTP %1").arg(c->rejectedStatus());
        if (c->closeCode() > 0 && c->errorString().isEmpty())
            return QStringLiteral("closed with code %1 \"%2\"")
                    .arg(c->closeCode())
                    .arg(c->closeReason());
        return QStringLiteral("closed (%1, code %2)").arg(c->errorString()).arg(c->closeCode());
    }
    return {};
}

StepResult ScenarioRunner::runStep(const ScenarioStep &step)
{
    QElapsedTimer clock;
    clock.start();
    StepResult r;
    r.index = step.index;
    r.name = m_variables.substitute(step.name, nullptr);
    r.optional = step.optional;

    bool ok = true;
    QString failure;
    Actor *actor = actorNamed(step.actor);
    switch (step.kind) {
    case ScenarioStep::Kind::Send:
        ok = send(step, *actor, &failure);
        break;
    case ScenarioStep::Kind::SendRaw:
        ok = sendRaw(step, *actor, &failure);
        break;
    case ScenarioStep::Kind::Expect:
        ok = expect(step, *actor, &failure);
        break;
    case ScenarioStep::Kind::ExpectNone:
        ok = expectNone(step, *actor, &failure);
        break;
    case ScenarioStep::Kind::Connect:
        ok = connectStep(step, *actor, &failure);
        break;
    case ScenarioStep::Kind::Disconnect:
        ok = disconnect(step, *actor, &failure);
        break;
    case ScenarioStep::Kind::ExpectClose:
        ok = expectClose(step, *actor, &failure);
        break;
    case ScenarioStep::Kind::Sleep:
        waitFor([] { return false; }, step.spec.value(QStringLiteral("sleep_ms")).toInt());
        break;
    }
    r.outcome = ok ? StepResult::Outcome::Passed : StepResult::Outcome::Failed;
    r.failure = failure;
    r.durationMs = clock.elapsed();
    return r;
}

bool ScenarioRunner::send(const ScenarioStep &step, Actor &actor, QString *failure)
{
    QStringList unresolved;
    QJsonObject envelope =
            substituted(step.spec.value(QStringLiteral("send")), &unresolved).toObject();
    if (!unresolved.isEmpty()) {
        *failure = unresolvedText(unresolved);
        return false;
    }
    if (!actor.connection || actor.connection->state() != TestConnection::State::Open) {
        *failure = QStringLiteral("%1 cannot send: %2")
                           .arg(actor.spec.name, describeConnection(actor));
        return false;
    }
    // Every request gets an id unless the scenario says "id": null, so replies can be matched
    // with "${actor.last_id}".
    const QString idKey = QStringLiteral("id");
    if (!envelope.contains(idKey))
        envelope.insert(idKey, QStringLiteral("%1-%2").arg(actor.spec.name).arg(++actor.sentCount));
    else if (envelope.value(idKey).isNull())
        envelope.remove(idKey);
    m_variables.set(actor.spec.name + QStringLiteral(".last_id"), envelope.value(idKey));
    actor.connection->sendText(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
    return true;
}

bool ScenarioRunner::sendRaw(const ScenarioStep &step, Actor &actor, QString *failure)
{
    QStringList unresolved;
    const QString text = m_variables.substitute(
            step.spec.value(QStringLiteral("send_raw")).toString(), &unresolved);
    if (!unresolved.isEmpty()) {
        *failure = unresolvedText(unresolved);
        return false;
    }
    if (!actor.connection || actor.connection->state() != TestConnection::State::Open) {
        *failure = QStringLiteral("%1 cannot send: %2")
                           .arg(actor.spec.name, describeConnection(actor));
        return false;
    }
    actor.connection->sendText(text.toUtf8());
    return true;
}

QString ScenarioRunner::describeInbox(const Actor &actor) const
{
    if (actor.inbox.isEmpty())
        return QStringLiteral("nothing unmatched arrived for %1 (connection: %2)")
                .arg(actor.spec.name, describeConnection(actor));
    QStringList lines;
    lines.append(QStringLiteral("unmatched messages of %1 (connection: %2):")
                         .arg(actor.spec.name, describeConnection(actor)));
    const qsizetype first = qMax<qsizetype>(0, actor.inbox.size() - kMaxListedMessages);
    if (first > 0)
        lines.append(QStringLiteral("  ... %1 older message(s)").arg(first));
    for (qsizetype i = first; i < actor.inbox.size(); ++i) {
        const ReceivedMessage &m = actor.inbox.at(i);
        lines.append(QStringLiteral("  ")
                     + m_printer.format(MessagePrinter::Direction::Incoming, actor.spec.name, m.raw,
                                        m.receivedAtMs));
    }
    return lines.join(QLatin1Char('\n'));
}

bool ScenarioRunner::expect(const ScenarioStep &step, Actor &actor, QString *failure)
{
    QStringList unresolved;
    const QJsonValue pattern = substituted(step.spec.value(QStringLiteral("expect")), &unresolved);
    if (!unresolved.isEmpty()) {
        *failure = unresolvedText(unresolved);
        return false;
    }
    qsizetype found = -1;
    waitFor(
            [&] {
                for (qsizetype i = 0; i < actor.inbox.size(); ++i) {
                    if (JsonMatcher::matches(pattern, actor.inbox.at(i).json)) {
                        found = i;
                        return true;
                    }
                }
                return false;
            },
            step.timeoutMs);

    if (found >= 0) {
        const ReceivedMessage message = actor.inbox.takeAt(found);
        const QJsonObject captures = step.spec.value(QStringLiteral("capture")).toObject();
        QStringList missing;
        for (auto it = captures.constBegin(); it != captures.constEnd(); ++it) {
            const QJsonValue v = VariableStore::lookup(message.json, it.value().toString());
            if (v.isUndefined())
                missing.append(QStringLiteral("%1 <- %2").arg(it.key(), it.value().toString()));
            else
                m_variables.set(it.key(), v);
        }
        if (!missing.isEmpty()) {
            *failure =
                    QStringLiteral("matched, but could not capture (path not in the message): %1\n"
                                   "the message: %2")
                            .arg(missing.join(QStringLiteral(", ")),
                                 MessagePrinter::oneLine(MessagePrinter::redacted(message.json)));
            return false;
        }
        return true;
    }

    // The readable diff: the expectation, the nearest candidate field by field, then the rest.
    QStringList lines;
    lines.append(QStringLiteral("expected %1 to receive within %2 ms:")
                         .arg(actor.spec.name)
                         .arg(step.timeoutMs));
    lines.append(QStringLiteral("  ") + MessagePrinter::oneLine(pattern));
    const QString wantedType = pattern.toObject().value(QStringLiteral("type")).toString();
    qsizetype best = -1;
    QList<JsonMismatch> bestDiff;
    for (qsizetype i = 0; i < actor.inbox.size(); ++i) {
        const QList<JsonMismatch> diff = JsonMatcher::compare(pattern, actor.inbox.at(i).json);
        // Same type first (a wrong field is the likely story), then the fewest differences.
        const bool sameType = actor.inbox.at(i).type() == wantedType;
        const bool bestSameType = best >= 0 && actor.inbox.at(best).type() == wantedType;
        if (best < 0 || (sameType && !bestSameType)
            || (sameType == bestSameType && diff.size() < bestDiff.size())) {
            best = i;
            bestDiff = diff;
        }
    }
    if (best >= 0) {
        const ReceivedMessage &m = actor.inbox.at(best);
        lines.append(QStringLiteral("closest message received: %1 at %2, differences:")
                             .arg(m.type().isEmpty() ? QStringLiteral("(no type)") : m.type(),
                                  MessagePrinter::timestamp(m.receivedAtMs)));
        for (const JsonMismatch &d : bestDiff) {
            lines.append(QStringLiteral("  %1: expected %2, got %3")
                                 .arg(d.path.isEmpty() ? QStringLiteral("(message)") : d.path,
                                      d.expected, d.actual));
        }
    }
    lines.append(describeInbox(actor));
    *failure = lines.join(QLatin1Char('\n'));
    return false;
}

bool ScenarioRunner::expectNone(const ScenarioStep &step, Actor &actor, QString *failure)
{
    QStringList unresolved;
    const QJsonValue pattern =
            substituted(step.spec.value(QStringLiteral("expect_none")), &unresolved);
    if (!unresolved.isEmpty()) {
        *failure = unresolvedText(unresolved);
        return false;
    }
    const ReceivedMessage *offending = nullptr;
    waitFor(
            [&] {
                for (const ReceivedMessage &m : std::as_const(actor.inbox)) {
                    if (JsonMatcher::matches(pattern, m.json)) {
                        offending = &m;
                        return true;
                    }
                }
                return false;
            },
            step.timeoutMs);
    if (!offending)
        return true;
    *failure =
            QStringLiteral("expected %1 to receive nothing matching %2 for %3 ms, but got:\n  %4")
                    .arg(actor.spec.name, MessagePrinter::oneLine(pattern))
                    .arg(step.timeoutMs)
                    .arg(m_printer.format(MessagePrinter::Direction::Incoming, actor.spec.name,
                                          offending->raw, offending->receivedAtMs));
    return false;
}

bool ScenarioRunner::connectStep(const ScenarioStep &step, Actor &actor, QString *failure)
{
    const QJsonObject spec =
            substituted(step.spec.value(QStringLiteral("connect")), nullptr).toObject();
    const QString outcome = spec.value(QStringLiteral("expect")).toString(QStringLiteral("open"));
    if (actor.connection && actor.connection->state() == TestConnection::State::Open) {
        *failure = QStringLiteral("%1 is already connected; disconnect first").arg(actor.spec.name);
        return false;
    }
    openConnection(actor);
    waitFor([&] { return actor.connection->state() != TestConnection::State::Connecting; },
            step.timeoutMs);
    const TestConnection::State state = actor.connection->state();
    if (outcome == QLatin1String("open")) {
        if (state == TestConnection::State::Open)
            return true;
        *failure = QStringLiteral("expected the connection to open; it is %1")
                           .arg(describeConnection(actor));
        return false;
    }
    // "rejected": refused before the upgrade, with the given HTTP status when one is named.
    if (state != TestConnection::State::Closed || actor.connection->closeCode() > 1000) {
        *failure = QStringLiteral("expected the upgrade to be refused; the connection is %1")
                           .arg(describeConnection(actor));
        return false;
    }
    const QJsonValue status = spec.value(QStringLiteral("status"));
    if (!status.isUndefined()) {
        const auto diff = JsonMatcher::compare(status, actor.connection->rejectedStatus());
        if (!diff.isEmpty()) {
            *failure = QStringLiteral("expected HTTP status %1; the connection is %2")
                               .arg(MessagePrinter::oneLine(status), describeConnection(actor));
            return false;
        }
    }
    return true;
}

bool ScenarioRunner::disconnect(const ScenarioStep &step, Actor &actor, QString *failure)
{
    if (!actor.connection || actor.connection->state() != TestConnection::State::Open) {
        *failure = QStringLiteral("%1 is not connected: %2")
                           .arg(actor.spec.name, describeConnection(actor));
        return false;
    }
    const QJsonObject spec = step.spec.value(QStringLiteral("disconnect")).toObject();
    if (spec.value(QStringLiteral("abort")).toBool())
        actor.connection->abort();
    else
        actor.connection->close(spec.value(QStringLiteral("code")).toInt(1000));
    waitFor([&] { return actor.connection->state() == TestConnection::State::Closed; },
            step.timeoutMs);
    return true;
}

bool ScenarioRunner::expectClose(const ScenarioStep &step, Actor &actor, QString *failure)
{
    const QJsonValue pattern =
            substituted(step.spec.value(QStringLiteral("expect_close")), nullptr);
    const bool closed = actor.connection
            && waitFor([&] { return actor.connection->state() == TestConnection::State::Closed; },
                       step.timeoutMs);
    if (!closed) {
        *failure =
                QStringLiteral(
                        "expected the server to close %1's connection within %2 ms; it is %3\n%4")
                        .arg(actor.spec.name)
                        .arg(step.timeoutMs)
                        .arg(describeConnection(actor), describeInbox(actor));
        return false;
    }
    const QJsonObject actual {{QStringLiteral("code"), actor.connection->closeCode()},
                              {QStringLiteral("reason"), actor.connection->closeReason()}};
    const auto diff = JsonMatcher::compare(pattern, actual);
    if (diff.isEmpty())
        return true;
    QStringList lines {QStringLiteral("the connection closed, but not as expected:")};
    for (const JsonMismatch &d : diff)
        lines.append(QStringLiteral("  %1: expected %2, got %3").arg(d.path, d.expected, d.actual));
    *failure = lines.join(QLatin1Char('\n'));
    return false;
}

} // namespace NebengJek::TestClient
