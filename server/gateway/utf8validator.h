// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

namespace NebengJek::Server {

// RFC 3629 UTF-8, as RFC 6455 requires of text frames and close reasons: no overlong forms, no
// surrogates, nothing above U+10FFFF. Checks the bytes in place (decoding to a QString to look
// for errors would allocate and convert every message twice).
bool isValidUtf8(QByteArrayView bytes);

} // namespace NebengJek::Server
