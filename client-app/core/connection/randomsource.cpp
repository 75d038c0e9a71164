// SPDX-License-Identifier: MIT
#include "randomsource.h"

#include <QRandomGenerator>

namespace NebengJek::Client {

RandomSource systemRandom()
{
    return [] {
        return QRandomGenerator::global()->generateDouble();
    };
}

} // namespace NebengJek::Client
