// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace NebengJek::Server {

// The unpadded base64url of RFC 7515 (JWS). Decoding is strict: any character outside the
// alphabet, padding, or an impossible length fails, so one token has exactly one spelling.
QByteArray base64UrlEncode(QByteArrayView data);
std::optional<QByteArray> base64UrlDecode(QByteArrayView text);

} // namespace NebengJek::Server
