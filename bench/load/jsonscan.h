// SPDX-License-Identifier: MIT
#pragma once

#include <cstdlib>
#include <string_view>

namespace NebengJek::Bench {

// Reads the number after `"key":` in a JSON text without parsing the rest. The hot path of the
// load generator sees tens of thousands of messages a second; a full parse there would make the
// generator, not the server, the bottleneck. Setup traffic is parsed properly.
inline bool scanNumber(std::string_view text, std::string_view quotedKeyColon, double *out)
{
    const size_t at = text.find(quotedKeyColon);
    if (at == std::string_view::npos)
        return false;
    size_t i = at + quotedKeyColon.size();
    while (i < text.size() && text[i] == ' ')
        ++i;
    char buffer[40];
    size_t n = 0;
    while (i < text.size() && n < sizeof buffer - 1) {
        const char c = text[i];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')
            buffer[n++] = c;
        else
            break;
        ++i;
    }
    if (n == 0)
        return false;
    buffer[n] = 0;
    *out = std::strtod(buffer, nullptr);
    return true;
}

} // namespace NebengJek::Bench
