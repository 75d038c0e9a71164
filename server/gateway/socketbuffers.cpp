// SPDX-License-Identifier: MIT
#include "socketbuffers.h"

#include <QTcpSocket>

#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

namespace NebengJek::Server {

void writeBypassingBuffer(QTcpSocket *socket, QByteArrayView head, QByteArrayView body)
{
    qsizetype sent = 0;
    if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState) {
        iovec parts[2] = {{const_cast<char *>(head.data()), size_t(head.size())},
                          {const_cast<char *>(body.data()), size_t(body.size())}};
        msghdr message {};
        message.msg_iov = parts;
        message.msg_iovlen = body.isEmpty() ? 1 : 2;
        ssize_t n = -1;
        do {
            n = ::sendmsg(int(socket->socketDescriptor()), &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (n < 0 && errno == EINTR);
        // An error (a reset) is left to Qt: it notices it on the socket and reports it.
        sent = n > 0 ? qsizetype(n) : 0;
    }
    if (sent < head.size()) {
        socket->write(head.data() + sent, head.size() - sent);
        sent = 0;
    } else {
        sent -= head.size();
    }
    if (sent < body.size())
        socket->write(body.data() + sent, body.size() - sent);
}

void discardBuffered(QTcpSocket *socket, qint64 bytes)
{
    if (bytes == socket->bytesAvailable())
        (void)socket->read(bytes); // one block: handed over, not copied, and freed here
    else
        socket->skip(bytes);
}

} // namespace NebengJek::Server
