// SPDX-License-Identifier: MIT
#include "jsonguard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVarLengthArray>

namespace NebengJek::Protocol {

namespace {

struct Frame
{
    bool isObject = false;
    bool expectKey = false;
    QVarLengthArray<QByteArrayView, 8> keys;
};

// Keys with escapes ("\u0061" == "a") are compared decoded so an escape cannot hide a duplicate.
QByteArray decodedKey(QByteArrayView raw)
{
    if (!raw.contains('\\'))
        return raw.toByteArray();
    const QByteArray wrapped = "[\"" + raw.toByteArray() + "\"]";
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped);
    return doc.array().at(0).toString().toUtf8();
}

bool sameKey(QByteArrayView a, QByteArrayView b)
{
    if (!a.contains('\\') && !b.contains('\\'))
        return a == b;
    return decodedKey(a) == decodedKey(b);
}

} // namespace

std::optional<ProtocolError> checkJsonStructure(QByteArrayView text, const JsonLimits &limits)
{
    QVarLengthArray<Frame, 8> stack;
    const qsizetype n = text.size();
    const char *s = text.data();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = s[i];
        switch (c) {
        case '{':
        case '[':
            if (stack.size() >= limits.maxDepth) {
                return ProtocolError::invalidFormat(
                        QStringLiteral("JSON nested deeper than %1 levels").arg(limits.maxDepth));
            }
            stack.append(Frame{c == '{', c == '{', {}});
            break;
        case '}':
        case ']':
            if (!stack.isEmpty())
                stack.removeLast();
            break;
        case ',':
            if (!stack.isEmpty() && stack.last().isObject)
                stack.last().expectKey = true;
            break;
        case '"': {
            const qsizetype start = i + 1;
            ++i;
            while (i < n && s[i] != '"') {
                // RFC 8259 requires control characters in strings to be escaped; QJsonDocument
                // lets them through raw.
                if (static_cast<unsigned char>(s[i]) < 0x20) {
                    return ProtocolError::invalidFormat(
                            QStringLiteral("unescaped control character in a string"));
                }
                if (s[i] == '\\')
                    ++i;
                ++i;
            }
            if (i >= n)
                return std::nullopt; // unterminated: the parser reports it
            if (!stack.isEmpty() && stack.last().expectKey) {
                Frame &f = stack.last();
                f.expectKey = false;
                const QByteArrayView key(s + start, i - start);
                for (const QByteArrayView &seen : f.keys) {
                    if (sameKey(seen, key)) {
                        return ProtocolError::invalidFormat(
                                QStringLiteral("duplicate key \"%1\"")
                                        .arg(QString::fromUtf8(decodedKey(key)).left(64)));
                    }
                }
                if (f.keys.size() >= limits.maxKeysPerObject) {
                    return ProtocolError::invalidFormat(
                            QStringLiteral("object has more than %1 keys")
                                    .arg(limits.maxKeysPerObject));
                }
                f.keys.append(key);
            }
            break;
        }
        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9': {
            const qsizetype start = i;
            while (i + 1 < n) {
                const char d = s[i + 1];
                if ((d >= '0' && d <= '9') || d == '.' || d == 'e' || d == 'E' || d == '+'
                    || d == '-')
                    ++i;
                else
                    break;
            }
            if (i - start + 1 > limits.maxNumberLength) {
                return ProtocolError::invalidFormat(
                        QStringLiteral("number longer than %1 characters")
                                .arg(limits.maxNumberLength));
            }
            break;
        }
        default:
            break;
        }
    }
    return std::nullopt;
}

} // namespace NebengJek::Protocol
