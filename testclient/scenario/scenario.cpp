// SPDX-License-Identifier: MIT
#include "scenario.h"

#include "../core/messageprinter.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace NebengJek::TestClient {

namespace {

// Watching for something that must not happen has to stop some time; half a second is long
// enough for a server on the same machine to have sent it.
constexpr int kDefaultExpectNoneMs = 500;

struct StepKey
{
    const char *key;
    ScenarioStep::Kind kind;
};

constexpr StepKey kStepKinds[] = {
        {"send", ScenarioStep::Kind::Send},
        {"send_raw", ScenarioStep::Kind::SendRaw},
        {"expect", ScenarioStep::Kind::Expect},
        {"expect_none", ScenarioStep::Kind::ExpectNone},
        {"connect", ScenarioStep::Kind::Connect},
        {"disconnect", ScenarioStep::Kind::Disconnect},
        {"expect_close", ScenarioStep::Kind::ExpectClose},
        {"sleep_ms", ScenarioStep::Kind::Sleep},
};

const QSet<QString> &stepModifiers()
{
    static const QSet<QString> keys {QStringLiteral("name"),      QStringLiteral("actor"),
                                     QStringLiteral("within_ms"), QStringLiteral("for_ms"),
                                     QStringLiteral("capture"),   QStringLiteral("optional"),
                                     QStringLiteral("comment")};
    return keys;
}

bool checkKeys(const QJsonObject &o, const QSet<QString> &allowed, const QString &where,
               QStringList *errors)
{
    bool ok = true;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!allowed.contains(it.key())) {
            errors->append(QStringLiteral("%1: unknown key \"%2\"").arg(where, it.key()));
            ok = false;
        }
    }
    return ok;
}

QString describe(const ScenarioStep &step)
{
    const QJsonValue body = step.spec.value(ScenarioLoader::kindName(step.kind));
    const QString type = body.toObject().value(QStringLiteral("type")).toString();
    switch (step.kind) {
    case ScenarioStep::Kind::Send:
        return QStringLiteral("%1 sends %2").arg(step.actor, type);
    case ScenarioStep::Kind::SendRaw:
        return QStringLiteral("%1 sends raw text").arg(step.actor);
    case ScenarioStep::Kind::Expect:
        return QStringLiteral("%1 receives %2")
                .arg(step.actor, type.isEmpty() ? QStringLiteral("a message") : type);
    case ScenarioStep::Kind::ExpectNone:
        return QStringLiteral("%1 receives no %2 for %3 ms")
                .arg(step.actor, type.isEmpty() ? QStringLiteral("matching message") : type)
                .arg(step.timeoutMs);
    case ScenarioStep::Kind::Connect:
        return QStringLiteral("%1 connects").arg(step.actor);
    case ScenarioStep::Kind::Disconnect:
        return QStringLiteral("%1 disconnects").arg(step.actor);
    case ScenarioStep::Kind::ExpectClose:
        return QStringLiteral("%1 is disconnected by the server").arg(step.actor);
    case ScenarioStep::Kind::Sleep:
        return QStringLiteral("wait %1 ms")
                .arg(step.spec.value(QStringLiteral("sleep_ms")).toInt());
    }
    return {};
}

bool parseActor(const QString &name, const QJsonObject &o, ScenarioActor *actor,
                QStringList *errors)
{
    static const QSet<QString> allowed {QStringLiteral("role"),
                                        QStringLiteral("user_id"),
                                        QStringLiteral("connect"),
                                        QStringLiteral("token_transport"),
                                        QStringLiteral("token"),
                                        QStringLiteral("secret"),
                                        QStringLiteral("token_time_shift_s"),
                                        QStringLiteral("token_lifetime_s"),
                                        QStringLiteral("token_claims"),
                                        QStringLiteral("origin"),
                                        QStringLiteral("comment")};
    const QString where = QStringLiteral("actor \"%1\"").arg(name);
    bool ok = checkKeys(o, allowed, where, errors);
    actor->name = name;
    actor->role = o.value(QStringLiteral("role")).toString();
    if (actor->role != QLatin1String("driver") && actor->role != QLatin1String("passenger")) {
        errors->append(where + QStringLiteral(": role must be \"driver\" or \"passenger\""));
        ok = false;
    }
    actor->userId = o.value(QStringLiteral("user_id")).toString(name + QStringLiteral("-${run}"));
    actor->connectAtStart = o.value(QStringLiteral("connect")).toBool(true);
    actor->tokenTransport = o.value(QStringLiteral("token_transport")).toString();
    actor->token = o.value(QStringLiteral("token")).toString();
    actor->secret = o.value(QStringLiteral("secret")).toString();
    actor->tokenTimeShiftSeconds = o.value(QStringLiteral("token_time_shift_s")).toInteger();
    actor->tokenLifetimeSeconds = o.value(QStringLiteral("token_lifetime_s")).toInteger(3600);
    actor->tokenClaims = o.value(QStringLiteral("token_claims")).toObject();
    actor->origin = o.value(QStringLiteral("origin")).toString();
    return ok;
}

} // namespace

const ScenarioActor *Scenario::actor(const QString &name) const
{
    for (const ScenarioActor &a : actors) {
        if (a.name == name)
            return &a;
    }
    return nullptr;
}

QString ScenarioLoader::kindName(ScenarioStep::Kind kind)
{
    for (const StepKey &k : kStepKinds) {
        if (k.kind == kind)
            return QLatin1String(k.key);
    }
    return {};
}

bool ScenarioLoader::load(const QString &path, Scenario *scenario, QStringList *errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(QStringLiteral("%1: %2").arg(path, file.errorString()));
        return false;
    }
    return parse(file.readAll(), path, scenario, errors);
}

bool ScenarioLoader::parse(const QByteArray &json, const QString &file, Scenario *scenario,
                           QStringList *errors)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        errors->append(QStringLiteral("%1: not a JSON object (%2 at offset %3)")
                               .arg(file, parseError.errorString())
                               .arg(parseError.offset));
        return false;
    }
    const QJsonObject root = doc.object();
    static const QSet<QString> allowed {QStringLiteral("name"),       QStringLiteral("description"),
                                        QStringLiteral("timeout_ms"), QStringLiteral("variables"),
                                        QStringLiteral("actors"),     QStringLiteral("steps"),
                                        QStringLiteral("comment")};
    bool ok = checkKeys(root, allowed, file, errors);

    scenario->file = file;
    scenario->name =
            root.value(QStringLiteral("name")).toString(QFileInfo(file).completeBaseName());
    scenario->description = root.value(QStringLiteral("description")).toString();
    scenario->defaultTimeoutMs = root.value(QStringLiteral("timeout_ms")).toInt(5000);
    scenario->variables = root.value(QStringLiteral("variables")).toObject();

    const QJsonObject actors = root.value(QStringLiteral("actors")).toObject();
    if (actors.isEmpty()) {
        errors->append(file + QStringLiteral(": \"actors\" must name at least one actor"));
        ok = false;
    }
    // QJsonObject sorts keys; connection order does not matter, printing order is by name.
    for (auto it = actors.constBegin(); it != actors.constEnd(); ++it) {
        ScenarioActor actor;
        ok = parseActor(it.key(), it.value().toObject(), &actor, errors) && ok;
        scenario->actors.append(actor);
    }

    const QJsonArray steps = root.value(QStringLiteral("steps")).toArray();
    if (steps.isEmpty()) {
        errors->append(file + QStringLiteral(": \"steps\" must be a non-empty array"));
        ok = false;
    }
    int index = 0;
    for (const QJsonValue &value : steps) {
        ++index;
        const QString where = QStringLiteral("%1: step %2").arg(file).arg(index);
        const QJsonObject o = value.toObject();
        ScenarioStep step;
        step.index = index;
        step.spec = o;
        int kinds = 0;
        QSet<QString> allowedKeys = stepModifiers();
        for (const StepKey &k : kStepKinds) {
            const QString key = QLatin1String(k.key);
            allowedKeys.insert(key);
            if (o.contains(key)) {
                step.kind = k.kind;
                ++kinds;
            }
        }
        if (kinds != 1) {
            errors->append(
                    where
                    + QStringLiteral(": needs exactly one of send, send_raw, expect, expect_none, "
                                     "connect, disconnect, expect_close, sleep_ms"));
            ok = false;
            continue;
        }
        ok = checkKeys(o, allowedKeys, where, errors) && ok;
        step.actor = o.value(QStringLiteral("actor")).toString();
        if (step.kind != ScenarioStep::Kind::Sleep && !scenario->actor(step.actor)) {
            errors->append(where + QStringLiteral(": unknown actor \"%1\"").arg(step.actor));
            ok = false;
        }
        const bool isExpectNone = step.kind == ScenarioStep::Kind::ExpectNone;
        step.timeoutMs = isExpectNone
                ? o.value(QStringLiteral("for_ms")).toInt(kDefaultExpectNoneMs)
                : o.value(QStringLiteral("within_ms")).toInt(scenario->defaultTimeoutMs);
        step.optional = o.value(QStringLiteral("optional")).toBool(false);
        if ((step.kind == ScenarioStep::Kind::Expect || isExpectNone)
            && !o.value(ScenarioLoader::kindName(step.kind)).isObject()) {
            errors->append(where + QStringLiteral(": the pattern must be a JSON object"));
            ok = false;
        }
        if (o.contains(QStringLiteral("capture")) && step.kind != ScenarioStep::Kind::Expect) {
            errors->append(where + QStringLiteral(": capture only works on expect steps"));
            ok = false;
        }
        step.name = o.value(QStringLiteral("name")).toString(describe(step));
        scenario->steps.append(step);
    }
    return ok;
}

} // namespace NebengJek::TestClient
