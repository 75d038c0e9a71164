// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

namespace NebengJek::Client {

// Uniform numbers in [0, 1). Injected into the reconnect policy so jittered delays are
// reproducible in tests.
using RandomSource = std::function<double()>;

// QRandomGenerator::global(): securely seeded, so clients do not share a jitter sequence.
RandomSource systemRandom();

} // namespace NebengJek::Client
