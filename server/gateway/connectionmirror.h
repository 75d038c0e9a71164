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
    // Bytes the hub thread has sent that the I/O thread has not yet written into the socket.
    std::atomic<qint64> inFlight {0};
    // Bytes in the socket's own write buffer (not yet taken by the kernel).
    std::atomic<qint64> socketQueued {0};
    std::atomic<qint64> incompleteSinceMs {-1};
    std::atomic<int> peerCloseCode {1006};
    std::atomic<bool> connected {true};
};

} // namespace NebengJek::Server
