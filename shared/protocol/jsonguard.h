// SPDX-License-Identifier: MIT
#pragma once

#include "protocolerror.h"

#include <QByteArrayView>

#include <optional>

namespace NebengJek::Protocol {

struct JsonLimits
{
    // Our deepest message is 3 levels (envelope, payload, point); 16 leaves room for extensions
    // while keeping a hostile "[[[[..." from costing stack or time.
    int maxDepth = 16;
    // Longer number tokens are not coordinates or counters; they are attacks on the parser.
    int maxNumberLength = 32;
    int maxKeysPerObject = 64;
};

// One linear pass over raw JSON text that rejects what QJsonDocument would accept silently:
// nesting deeper than the limit, duplicate keys (QJsonDocument keeps the last one, so a
// validator and a consumer could disagree), over-long numbers and objects with too many keys.
// Syntax errors are left to the real parser.
std::optional<ProtocolError> checkJsonStructure(QByteArrayView text, const JsonLimits &limits = {});

} // namespace NebengJek::Protocol
