// SPDX-License-Identifier: MIT
#include "fieldreader.h"

#include <QJsonArray>

#include <cmath>

namespace NebengJek::Protocol {

namespace {

QString camelCase(const char *key)
{
    QString out;
    bool upper = false;
    for (const char *p = key; *p; ++p) {
        if (*p == '_') {
            upper = true;
            continue;
        }
        out.append(upper ? QChar::fromLatin1(*p).toUpper() : QChar::fromLatin1(*p));
        upper = false;
    }
    return out;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("missing");
}

} // namespace

FieldReader::FieldReader(const QJsonObject &object) : m_object(object) { }

void FieldReader::fail(const QString &field, const QString &message)
{
    if (!m_error)
        m_error = ProtocolError::validation(field, message);
}

QJsonValue FieldReader::lookup(const char *key, const char *legacyAlias) const
{
    const QString k = QString::fromLatin1(key);
    auto it = m_object.constFind(k);
    if (it != m_object.constEnd())
        return it.value();
    const QString camel = camelCase(key);
    if (camel != k) {
        it = m_object.constFind(camel);
        if (it != m_object.constEnd())
            return it.value();
    }
    if (legacyAlias) {
        // Aliases come in both spellings too: the chat seed sends "conversationId".
        const QString alias = QString::fromLatin1(legacyAlias);
        it = m_object.constFind(alias);
        if (it != m_object.constEnd())
            return it.value();
        const QString camelAlias = camelCase(legacyAlias);
        if (camelAlias != alias) {
            it = m_object.constFind(camelAlias);
            if (it != m_object.constEnd())
                return it.value();
        }
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool FieldReader::isValidIdentifier(const QString &s, int maxLength)
{
    if (s.isEmpty() || s.size() > maxLength)
        return false;
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                || u == '_' || u == '-' || u == '.' || u == ':' || u == '@';
        if (!ok)
            return false;
    }
    return true;
}

bool FieldReader::hasForbiddenControl(const QString &s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7f || (u >= 0x80 && u < 0xa0)
            || u == 0x2028 || u == 0x2029)
            return true;
    }
    return false;
}

std::optional<QString> FieldReader::requiredString(const char *key, const char *legacyAlias)
{
    if (!ok())
        return std::nullopt;
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key, legacyAlias);
    if (v.isUndefined()) {
        fail(field, QStringLiteral("%1 is required").arg(field));
        return std::nullopt;
    }
    if (!v.isString()) {
        fail(field, QStringLiteral("%1 must be a string, not %2").arg(field, typeName(v)));
        return std::nullopt;
    }
    return v.toString();
}

QString FieldReader::identifier(const char *key, int maxLength, const char *legacyAlias)
{
    const QString field = QString::fromLatin1(key);
    const std::optional<QString> value = requiredString(key, legacyAlias);
    if (!value)
        return {};
    const QString &s = *value;
    if (!isValidIdentifier(s, maxLength)) {
        fail(field,
             QStringLiteral("%1 must be 1 to %2 characters of A-Z a-z 0-9 _ - . : @")
                     .arg(field)
                     .arg(maxLength));
        return {};
    }
    return s;
}

std::optional<QString> FieldReader::optionalIdentifier(const char *key, int maxLength)
{
    if (!ok() || lookup(key).isUndefined() || lookup(key).isNull())
        return std::nullopt;
    QString s = identifier(key, maxLength);
    return ok() ? std::optional<QString>(s) : std::nullopt;
}

QString FieldReader::text(const char *key, int maxLength, bool allowEmpty,
                          const char *legacyAlias)
{
    const QString field = QString::fromLatin1(key);
    const std::optional<QString> value = requiredString(key, legacyAlias);
    if (!value)
        return {};
    const QString &s = *value;
    if (!allowEmpty && s.trimmed().isEmpty()) {
        fail(field, QStringLiteral("%1 must not be empty").arg(field));
        return {};
    }
    if (s.size() > maxLength) {
        fail(field, QStringLiteral("%1 is longer than %2 characters").arg(field).arg(maxLength));
        return {};
    }
    if (hasForbiddenControl(s)) {
        fail(field, QStringLiteral("%1 contains control characters").arg(field));
        return {};
    }
    // JSON lets "\ud800" through as a lone surrogate; it has no UTF-8 form, so storage and the
    // other party would see something other than what the sender saw.
    if (!QStringView(s).isValidUtf16()) {
        fail(field, QStringLiteral("%1 is not valid Unicode text").arg(field));
        return {};
    }
    return s;
}

std::optional<QString> FieldReader::optionalText(const char *key, int maxLength)
{
    if (!ok() || lookup(key).isUndefined() || lookup(key).isNull())
        return std::nullopt;
    QString s = text(key, maxLength, true);
    return ok() ? std::optional<QString>(s) : std::nullopt;
}

QString FieldReader::oneOf(const char *key, std::initializer_list<const char *> values)
{
    if (!ok())
        return {};
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key);
    if (!v.isString()) {
        fail(field,
             v.isUndefined() ? QStringLiteral("%1 is required").arg(field)
                             : QStringLiteral("%1 must be a string, not %2").arg(field, typeName(v)));
        return {};
    }
    const QString s = v.toString();
    QStringList allowed;
    for (const char *value : values) {
        if (s == QLatin1String(value))
            return s;
        allowed.append(QString::fromLatin1(value));
    }
    fail(field, QStringLiteral("%1 must be one of: %2").arg(field, allowed.join(QStringLiteral(", "))));
    return {};
}

double FieldReader::number(const char *key, double min, double max, const char *legacyAlias)
{
    if (!ok())
        return 0;
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key, legacyAlias);
    if (v.isUndefined()) {
        fail(field, QStringLiteral("%1 is required").arg(field));
        return 0;
    }
    if (!v.isDouble()) {
        fail(field, QStringLiteral("%1 must be a number, not %2").arg(field, typeName(v)));
        return 0;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < min || d > max) {
        fail(field, QStringLiteral("%1 must be between %2 and %3").arg(field).arg(min).arg(max));
        return 0;
    }
    return d;
}

std::optional<double> FieldReader::optionalNumber(const char *key, double min, double max)
{
    if (!ok() || lookup(key).isUndefined() || lookup(key).isNull())
        return std::nullopt;
    const double d = number(key, min, max);
    return ok() ? std::optional<double>(d) : std::nullopt;
}

qint64 FieldReader::integer(const char *key, qint64 min, qint64 max)
{
    if (!ok())
        return 0;
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key);
    if (v.isUndefined()) {
        fail(field, QStringLiteral("%1 is required").arg(field));
        return 0;
    }
    const double d = v.toDouble(std::nan(""));
    // 2^53: beyond it a JSON number no longer holds every integer exactly.
    constexpr double kExactLimit = 9007199254740992.0;
    if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kExactLimit) {
        fail(field, QStringLiteral("%1 must be an integer").arg(field));
        return 0;
    }
    const auto i = static_cast<qint64>(d);
    if (i < min || i > max) {
        fail(field, QStringLiteral("%1 must be between %2 and %3").arg(field).arg(min).arg(max));
        return 0;
    }
    return i;
}

std::optional<qint64> FieldReader::optionalInteger(const char *key, qint64 min, qint64 max)
{
    if (!ok() || lookup(key).isUndefined() || lookup(key).isNull())
        return std::nullopt;
    const qint64 i = integer(key, min, max);
    return ok() ? std::optional<qint64>(i) : std::nullopt;
}

bool FieldReader::boolean(const char *key, const char *legacyAlias)
{
    if (!ok())
        return false;
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key, legacyAlias);
    if (!v.isBool()) {
        fail(field,
             v.isUndefined() ? QStringLiteral("%1 is required").arg(field)
                             : QStringLiteral("%1 must be true or false, not %2")
                                       .arg(field, typeName(v)));
        return false;
    }
    return v.toBool();
}

std::optional<bool> FieldReader::optionalBoolean(const char *key, const char *legacyAlias)
{
    if (!ok() || lookup(key, legacyAlias).isUndefined() || lookup(key, legacyAlias).isNull())
        return std::nullopt;
    const bool b = boolean(key, legacyAlias);
    return ok() ? std::optional<bool>(b) : std::nullopt;
}

GeoPoint FieldReader::flatPoint()
{
    GeoPoint p;
    p.lat = number("lat", -90, 90, "latitude");
    if (ok() && !lookup("lng").isUndefined())
        p.lng = number("lng", -180, 180);
    else if (ok() && !lookup("lon").isUndefined())
        p.lng = number("lon", -180, 180);
    else
        p.lng = number("lng", -180, 180, "longitude");
    return p;
}

GeoPoint FieldReader::point(const char *key)
{
    if (!ok())
        return {};
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key);
    if (!v.isObject()) {
        fail(field,
             v.isUndefined() ? QStringLiteral("%1 is required").arg(field)
                             : QStringLiteral("%1 must be an object with lat and lng").arg(field));
        return {};
    }
    FieldReader inner(v.toObject());
    const GeoPoint p = inner.flatPoint();
    if (!inner.ok()) {
        ProtocolError e = inner.error();
        fail(field + QLatin1Char('.') + e.field, field + QLatin1Char('.') + e.message);
        return {};
    }
    return p;
}

QStringList FieldReader::identifierList(const char *key, int maxItems)
{
    if (!ok())
        return {};
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key);
    if (!v.isArray()) {
        fail(field,
             v.isUndefined() ? QStringLiteral("%1 is required").arg(field)
                             : QStringLiteral("%1 must be an array").arg(field));
        return {};
    }
    const QJsonArray array = v.toArray();
    if (array.size() > maxItems) {
        fail(field, QStringLiteral("%1 has more than %2 items").arg(field).arg(maxItems));
        return {};
    }
    QStringList out;
    for (const QJsonValue &item : array) {
        if (!item.isString() || !isValidIdentifier(item.toString(), kMaxIdentifierLength)) {
            fail(field, QStringLiteral("%1 must hold identifiers").arg(field));
            return {};
        }
        out.append(item.toString());
    }
    return out;
}

QJsonArray FieldReader::array(const char *key, int maxItems)
{
    if (!ok())
        return {};
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key);
    if (!v.isArray()) {
        fail(field,
             v.isUndefined() ? QStringLiteral("%1 is required").arg(field)
                             : QStringLiteral("%1 must be an array, not %2").arg(field, typeName(v)));
        return {};
    }
    const QJsonArray a = v.toArray();
    if (a.size() > maxItems) {
        fail(field, QStringLiteral("%1 has more than %2 items").arg(field).arg(maxItems));
        return {};
    }
    return a;
}

QJsonObject FieldReader::object(const char *key, bool required)
{
    if (!ok())
        return {};
    const QString field = QString::fromLatin1(key);
    const QJsonValue v = lookup(key);
    if (!required && (v.isUndefined() || v.isNull()))
        return {};
    if (!v.isObject()) {
        fail(field,
             v.isUndefined() ? QStringLiteral("%1 is required").arg(field)
                             : QStringLiteral("%1 must be an object, not %2").arg(field, typeName(v)));
        return {};
    }
    return v.toObject();
}

} // namespace NebengJek::Protocol
