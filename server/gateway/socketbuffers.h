// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace NebengJek::Server {

// Qt keeps a socket's read or write buffer block (16 KB read, 32 KB write) once it has been used,
// even when it is empty; with thousands of idle connections that is most of their memory. These
// two move bytes past Qt's buffers where possible, so an idle socket holds no block.

// Sends `head` then `body` on a connected socket: straight to the kernel in one sendmsg when
// nothing is queued in Qt's write buffer (no copy, no write-notifier round trip); only what the
// kernel does not take now is queued in Qt's buffer, which writes it when the socket is writable.
void writeBypassingBuffer(QTcpSocket *socket, QByteArrayView head, QByteArrayView body = {});

// Drops the next `bytes` buffered bytes. When they are all that is buffered, Qt hands over its
// block and it is freed here; skip() would leave the emptied block in the socket.
void discardBuffered(QTcpSocket *socket, qint64 bytes);

} // namespace NebengJek::Server
