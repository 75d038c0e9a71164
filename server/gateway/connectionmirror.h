// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>

namespace NebengJek::Server {

// What the hub thread may ask about a connection an I/O thread carries, answered without a
// round trip: the I/O thread keeps these up to date, the hub thread reads them (and counts the
// bytes it has sent on their way).
struct ConnectionMirror
{
    explicit ConnectionMirror(qintptr descriptor)
        : fd(descriptor)
    { }

    const qintptr fd; // for peeking at a FIN only; the I/O thread owns the socket
    // Bytes sent on this connection that the kernel has not taken yet: added by the hub thread
    // when it sends a frame, taken off by the I/O thread once the kernel has them (one counter,
    // so a reader never sees a frame in neither place).
    std::atomic<qint64> unsent {0};
    std::atomic<qint64> incompleteSinceMs {-1};
    std::atomic<int> peerCloseCode {1006};
    std::atomic<bool> connected {true};
};

} // namespace NebengJek::Server
