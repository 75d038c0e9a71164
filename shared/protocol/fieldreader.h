// SPDX-License-Identifier: MIT
#pragma once

#include "geo.h"
#include "protocolerror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace NebengJek::Protocol {

inline constexpr qint64 kMaxTimestampMs = Q_INT64_C(253402300799999); // 9999-12-31T23:59:59.999Z
inline constexpr qint64 kMaxSequence = Q_INT64_C(9007199254740991); // 2^53-1, exact in JSON

// Reads and validates payload fields. The first failing rule is kept and later reads become
// no-ops, so a decoder reads every field straight through and checks ok() once:
//
//     FieldReader r(payload);
//     msg.matchId = r.identifier("match_id");
//     msg.accepted = r.boolean("accepted");
//     if (!r.ok()) return r.error();
//
// Each key is also looked up in its camelCase spelling ("temp_id" -> "tempId"), which the
// TypeScript seeds use; explicit legacy aliases can be passed too.
class FieldReader
{
public:
    static constexpr int kMaxIdentifierLength = 128;

    explicit FieldReader(const QJsonObject &object);

    // An id-like string: 1..maxLength of [A-Za-z0-9_.:@-].
    QString identifier(const char *key, int maxLength = kMaxIdentifierLength,
                       const char *legacyAlias = nullptr);
    std::optional<QString> optionalIdentifier(const char *key,
                                              int maxLength = kMaxIdentifierLength);
    // Free text: no control characters except newline and tab; length in characters.
    QString text(const char *key, int maxLength, bool allowEmpty = false,
                 const char *legacyAlias = nullptr);
    std::optional<QString> optionalText(const char *key, int maxLength);
    // A string out of a fixed set of values.
    QString oneOf(const char *key, std::initializer_list<const char *> values);
    double number(const char *key, double min, double max, const char *legacyAlias = nullptr);
    std::optional<double> optionalNumber(const char *key, double min, double max);
    qint64 integer(const char *key, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const char *key, qint64 min, qint64 max);
    bool boolean(const char *key, const char *legacyAlias = nullptr);
    std::optional<bool> optionalBoolean(const char *key, const char *legacyAlias = nullptr);
    // {"lat": .., "lng": ..} (also "latitude"/"longitude", "lon").
    GeoPoint point(const char *key);
    // lat/lng (or latitude/longitude) as fields of this object itself.
    GeoPoint flatPoint();
    QStringList identifierList(const char *key, int maxItems);
    QJsonArray array(const char *key, int maxItems);
    // A nested object; when not required an absent key reads as {}.
    QJsonObject object(const char *key, bool required = true);

    bool ok() const { return !m_error.has_value(); }
    const ProtocolError &error() const { return *m_error; }
    void fail(const QString &field, const QString &message);

private:
    QJsonValue lookup(const char *key, const char *legacyAlias = nullptr) const;
    // The value as a string, failing on absent or non-string values.
    std::optional<QString> requiredString(const char *key, const char *legacyAlias);
    static bool isValidIdentifier(const QString &s, int maxLength);
    static bool hasForbiddenControl(const QString &s);

    QJsonObject m_object;
    std::optional<ProtocolError> m_error;
};

} // namespace NebengJek::Protocol
