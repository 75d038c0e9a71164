// SPDX-License-Identifier: MIT
#include "clock.h"

#include <chrono>

namespace NebengJek::Client {

Clock systemClock()
{
    return [] {
        using namespace std::chrono;
        return qint64(duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
    };
}

} // namespace NebengJek::Client
