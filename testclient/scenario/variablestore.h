// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QJsonValue>
#include <QStringList>

namespace NebengJek::TestClient {

// Values a scenario captured from earlier messages ("match" -> "m-123") and the built-ins the
// runner sets ("run", "driver.user_id", "driver.last_id"). "${name}" in any string of a step is
// replaced before the step runs; a string that is exactly "${name}" takes the captured value
// with its JSON type, so a captured number stays a number.
class VariableStore
{
public:
    void set(const QString &name, const QJsonValue &value) { m_values.insert(name, value); }
    bool contains(const QString &name) const { return m_values.contains(name); }
    QJsonValue value(const QString &name) const { return m_values.value(name); }

    // Substitutes recursively; names that are not set are reported in `unresolved` and left as
    // they were, so the failure message shows which one was missing.
    QJsonValue substitute(const QJsonValue &value, QStringList *unresolved) const;
    QString substitute(const QString &text, QStringList *unresolved) const;

    // Reads "payload.match_id", "payload.items[0].id" (or "payload.items.0.id") out of a value;
    // undefined when the path does not exist.
    static QJsonValue lookup(const QJsonValue &root, const QString &path);

private:
    QHash<QString, QJsonValue> m_values;
};

} // namespace NebengJek::TestClient
