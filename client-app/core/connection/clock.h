// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <functional>

namespace NebengJek::Client {

// Milliseconds on a monotonic clock. Injected wherever time decides behaviour (backoff reset,
// round-trip times) so tests can move time by hand instead of sleeping.
using Clock = std::function<qint64()>;

// The steady system clock; never jumps with wall-clock changes.
Clock systemClock();

} // namespace NebengJek::Client
