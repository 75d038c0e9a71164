// SPDX-License-Identifier: MIT
#include "utf8validator.h"

#include <cstring>

namespace NebengJek::Server {

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.data());
    const quint8 *const end = p + bytes.size();
    while (p < end) {
        // Most messages are JSON, mostly ASCII: skip it eight bytes at a time.
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, sizeof word);
            if (word & Q_UINT64_C(0x8080808080808080))
                break;
            p += 8;
        }
        if (p == end)
            break;
        const quint8 lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int length = 0;
        quint8 min = 0x80; // allowed range of the second byte (excludes overlongs, surrogates)
        quint8 max = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            if (lead == 0xe0)
                min = 0xa0;
            else if (lead == 0xed)
                max = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            if (lead == 0xf0)
                min = 0x90;
            else if (lead == 0xf4)
                max = 0x8f;
        } else {
            return false; // continuation byte, overlong lead (c0, c1) or above U+10FFFF
        }
        if (end - p < length)
            return false;
        if (p[1] < min || p[1] > max)
            return false;
        for (int i = 2; i < length; ++i) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
        }
        p += length;
    }
    return true;
}

} // namespace NebengJek::Server
