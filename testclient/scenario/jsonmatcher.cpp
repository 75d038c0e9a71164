// SPDX-License-Identifier: MIT
#include "jsonmatcher.h"

#include "../core/messageprinter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace NebengJek::TestClient {

namespace {

QString childPath(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString show(const QJsonValue &value)
{
    return MessagePrinter::oneLine(value);
}

bool sameValue(const QJsonValue &a, const QJsonValue &b)
{
    // 3 and 3.0 are the same number on the wire whatever the sender's number type was.
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

} // namespace

bool JsonMatcher::isOperatorObject(const QJsonValue &value)
{
    if (!value.isObject())
        return false;
    const QJsonObject o = value.toObject();
    return !o.isEmpty() && o.constBegin().key().startsWith(QLatin1Char('$'));
}

bool JsonMatcher::compareKeyword(const QString &keyword, const QJsonValue &actual)
{
    if (keyword == QLatin1String("$any"))
        return !actual.isUndefined();
    if (keyword == QLatin1String("$absent"))
        return actual.isUndefined();
    if (keyword == QLatin1String("$string"))
        return actual.isString();
    if (keyword == QLatin1String("$number"))
        return actual.isDouble();
    if (keyword == QLatin1String("$bool"))
        return actual.isBool();
    if (keyword == QLatin1String("$object"))
        return actual.isObject();
    if (keyword == QLatin1String("$array"))
        return actual.isArray();
    if (keyword == QLatin1String("$null"))
        return actual.isNull();
    if (keyword == QLatin1String("$nonempty")) {
        return (actual.isString() && !actual.toString().isEmpty())
                || (actual.isArray() && !actual.toArray().isEmpty())
                || (actual.isObject() && !actual.toObject().isEmpty());
    }
    return false;
}

QList<JsonMismatch> JsonMatcher::compare(const QJsonValue &expected, const QJsonValue &actual,
                                         const QString &path)
{
    QList<JsonMismatch> out;
    compareInto(expected, actual, path, out);
    return out;
}

void JsonMatcher::compareOperators(const QJsonObject &ops, const QJsonValue &actual,
                                   const QString &path, QList<JsonMismatch> &out)
{
    for (auto it = ops.constBegin(); it != ops.constEnd(); ++it) {
        const QString &op = it.key();
        const QJsonValue arg = it.value();
        const QString wanted = op + QLatin1Char(' ') + show(arg);
        bool ok = false;
        if (op == QLatin1String("$regex")) {
            const QRegularExpression re(arg.toString());
            ok = actual.isString() && re.isValid() && re.match(actual.toString()).hasMatch();
        } else if (op == QLatin1String("$gt")) {
            ok = actual.isDouble() && actual.toDouble() > arg.toDouble();
        } else if (op == QLatin1String("$gte")) {
            ok = actual.isDouble() && actual.toDouble() >= arg.toDouble();
        } else if (op == QLatin1String("$lt")) {
            ok = actual.isDouble() && actual.toDouble() < arg.toDouble();
        } else if (op == QLatin1String("$lte")) {
            ok = actual.isDouble() && actual.toDouble() <= arg.toDouble();
        } else if (op == QLatin1String("$in")) {
            const QJsonArray options = arg.toArray();
            for (const QJsonValue &option : options)
                ok = ok || compare(option, actual).isEmpty();
        } else if (op == QLatin1String("$contains")) {
            if (actual.isString()) {
                ok = actual.toString().contains(arg.toString());
            } else if (actual.isArray()) {
                const QJsonArray items = actual.toArray();
                for (const QJsonValue &item : items)
                    ok = ok || compare(arg, item).isEmpty();
            }
        } else if (op == QLatin1String("$len")) {
            const int size = actual.isArray() ? int(actual.toArray().size())
                    : actual.isString()       ? int(actual.toString().size())
                    : actual.isObject()       ? int(actual.toObject().size())
                                              : -1;
            ok = size == arg.toInt(-2);
        } else if (op == QLatin1String("$not")) {
            ok = !compare(arg, actual).isEmpty();
        } else {
            out.append({path, QStringLiteral("a known matcher (%1 is not one)").arg(op),
                        show(actual)});
            continue;
        }
        if (!ok)
            out.append({path, wanted, show(actual)});
    }
}

void JsonMatcher::compareInto(const QJsonValue &expected, const QJsonValue &actual,
                              const QString &path, QList<JsonMismatch> &out)
{
    if (expected.isString() && expected.toString().startsWith(QLatin1Char('$'))) {
        const QString keyword = expected.toString();
        // "$$x" is the literal string "$x".
        if (keyword.startsWith(QLatin1String("$$"))) {
            if (actual != QJsonValue(keyword.mid(1)))
                out.append({path, show(QJsonValue(keyword.mid(1))), show(actual)});
        } else if (!compareKeyword(keyword, actual)) {
            out.append({path, keyword, show(actual)});
        }
        return;
    }
    if (isOperatorObject(expected)) {
        compareOperators(expected.toObject(), actual, path, out);
        return;
    }
    if (expected.isObject()) {
        if (!actual.isObject()) {
            out.append({path, QStringLiteral("an object"), show(actual)});
            return;
        }
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        for (auto it = e.constBegin(); it != e.constEnd(); ++it)
            compareInto(it.value(), a.value(it.key()), childPath(path, it.key()), out);
        return;
    }
    if (expected.isArray()) {
        if (!actual.isArray()) {
            out.append({path, QStringLiteral("an array"), show(actual)});
            return;
        }
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        if (e.size() != a.size()) {
            out.append({path, QStringLiteral("%1 element(s)").arg(e.size()),
                        QStringLiteral("%1 element(s): %2").arg(a.size()).arg(show(a))});
            return;
        }
        for (qsizetype i = 0; i < e.size(); ++i)
            compareInto(e.at(i), a.at(i), path + QStringLiteral("[%1]").arg(i), out);
        return;
    }
    if (!sameValue(expected, actual))
        out.append({path, show(expected), show(actual)});
}

} // namespace NebengJek::TestClient
