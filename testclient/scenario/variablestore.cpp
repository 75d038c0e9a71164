// SPDX-License-Identifier: MIT
#include "variablestore.h"

#include "../core/messageprinter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace NebengJek::TestClient {

namespace {
const QRegularExpression &placeholder()
{
    static const QRegularExpression re(QStringLiteral("\\$\\{([A-Za-z0-9_.\\-]+)\\}"));
    return re;
}

QString asText(const QJsonValue &v)
{
    return v.isString() ? v.toString() : MessagePrinter::oneLine(v);
}
} // namespace

QString VariableStore::substitute(const QString &text, QStringList *unresolved) const
{
    QString result;
    qsizetype last = 0;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        result += text.mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        if (m_values.contains(name)) {
            result += asText(m_values.value(name));
        } else {
            result += match.captured(0);
            if (unresolved)
                unresolved->append(name);
        }
        last = match.capturedEnd();
    }
    result += text.mid(last);
    return result;
}

QJsonValue VariableStore::substitute(const QJsonValue &value, QStringList *unresolved) const
{
    if (value.isString()) {
        const QString text = value.toString();
        const auto whole = placeholder().match(text);
        if (whole.hasMatch() && whole.capturedStart() == 0
            && whole.capturedLength() == text.size()) {
            const QString name = whole.captured(1);
            if (m_values.contains(name))
                return m_values.value(name);
        }
        return substitute(text, unresolved);
    }
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = substitute(it.value(), unresolved);
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = substitute(QJsonValue(*it), unresolved);
        return a;
    }
    return value;
}

QJsonValue VariableStore::lookup(const QJsonValue &root, const QString &path)
{
    QString normalized = path;
    normalized.replace(QLatin1Char('['), QLatin1Char('.')).remove(QLatin1Char(']'));
    QJsonValue current = root;
    const QStringList parts = normalized.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (current.isObject()) {
            const QJsonObject o = current.toObject();
            if (!o.contains(part))
                return QJsonValue(QJsonValue::Undefined);
            current = o.value(part);
        } else if (current.isArray()) {
            bool isIndex = false;
            const int index = part.toInt(&isIndex);
            const QJsonArray a = current.toArray();
            if (!isIndex || index < 0 || index >= a.size())
                return QJsonValue(QJsonValue::Undefined);
            current = a.at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}

} // namespace NebengJek::TestClient
