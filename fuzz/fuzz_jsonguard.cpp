// SPDX-License-Identifier: MIT
// The JSON structure guard runs on every frame before QJsonDocument: one linear pass over
// hostile bytes. Nothing may crash, and it must agree with its promise: with the limits raised
// out of reach, it only refuses what QJsonDocument would also refuse or silently merge
// (duplicate keys).
#include <protocol/jsonguard.h>

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace NebengJek::Protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto defaults = checkJsonStructure(text);
    if (defaults && defaults->message.isEmpty())
        abort(); // a refusal says why

    JsonLimits tight;
    tight.maxDepth = 2;
    tight.maxNumberLength = 3;
    tight.maxKeysPerObject = 2;
    const auto strict = checkJsonStructure(text, tight);
    if (defaults && !strict)
        abort(); // tighter limits never accept what the defaults refused
    return 0;
}
