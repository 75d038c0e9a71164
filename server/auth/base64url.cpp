// SPDX-License-Identifier: MIT
#include "base64url.h"

namespace NebengJek::Server {

QByteArray base64UrlEncode(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding
                                       | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> base64UrlDecode(QByteArrayView text)
{
    // A length of 1 mod 4 cannot come from any byte sequence.
    if (text.size() % 4 == 1)
        return std::nullopt;
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    auto result = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                 QByteArray::Base64UrlEncoding
                                                         | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    // Reject non-canonical spellings (unused low bits set), so a tampered last character that
    // decodes to the same bytes is still a different, invalid token.
    if (base64UrlEncode(*result) != text)
        return std::nullopt;
    return std::move(result.decoded);
}

} // namespace NebengJek::Server
