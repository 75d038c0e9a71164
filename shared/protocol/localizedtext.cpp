// SPDX-License-Identifier: MIT
#include "localizedtext.h"

#include "fieldreader.h"

namespace NebengJek::Protocol {

void LocalizedText::writeTo(QJsonObject &object) const
{
    if (key.isEmpty())
        return;
    object.insert(QStringLiteral("text_key"), key);
    object.insert(QStringLiteral("text_args"), args);
}

LocalizedText LocalizedText::read(FieldReader &r)
{
    LocalizedText t;
    t.key = r.optionalIdentifier("text_key", kMaxKeyLength).value_or(QString());
    t.args = r.object("text_args", false);
    if (!r.ok())
        return t;
    if (t.args.size() > kMaxArgs) {
        r.fail(QStringLiteral("text_args"),
               QStringLiteral("text_args must have at most %1 entries").arg(kMaxArgs));
        return t;
    }
    for (auto it = t.args.constBegin(); it != t.args.constEnd(); ++it) {
        const bool fits =
                it->isDouble() || (it->isString() && it->toString().size() <= kMaxArgLength);
        if (!fits) {
            r.fail(QStringLiteral("text_args.") + it.key(),
                   QStringLiteral("text_args values must be numbers or strings of at most %1 "
                                  "characters")
                           .arg(kMaxArgLength));
            return t;
        }
    }
    return t;
}

} // namespace NebengJek::Protocol
