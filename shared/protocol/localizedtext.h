// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

namespace NebengJek::Protocol {

// Not included: fieldreader.h includes protocolerror.h, which includes this.
class FieldReader;

// A server text a client can show in its own language: a stable key ("notification.match_found")
// and its arguments ({"fare":12500}). The English text travels beside it as the fallback, so a
// client that does not know the key still has something to show. Keys: docs/protocol.md § Texts.
struct LocalizedText
{
    static constexpr int kMaxKeyLength = 64;
    static constexpr int kMaxArgs = 16;
    static constexpr int kMaxArgLength = 200;

    QString key; // empty: no localizable form
    QJsonObject args; // string or number values only

    bool isEmpty() const { return key.isEmpty(); }
    // Adds "text_key" and "text_args" to `object` (nothing when empty).
    void writeTo(QJsonObject &object) const;
    // Reads the optional "text_key" / "text_args" fields of the reader's object.
    static LocalizedText read(FieldReader &r);
};

} // namespace NebengJek::Protocol
