// SPDX-License-Identifier: MIT
#pragma once

#include "connectionmirror.h"

#include <hub/hub.h>
#include <protocol/envelope.h>

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace NebengJek::Server {

// From the hub thread to the I/O thread that carries the connection.
struct IoCommand
{
    enum class Kind : quint8 { Adopt, Text, Pong, Ping, Close, Abort, Release };
    Kind kind = Kind::Text;
    ConnectionId id = 0;
    QByteArray bytes; // Text, Pong: implicitly shared with the sender's copy
    int code = 0; // Close
    QString reason; // Close
    QTcpSocket *socket = nullptr; // Adopt: already moved to the I/O thread
    std::shared_ptr<ConnectionMirror> mirror; // Adopt
};

// From an I/O thread to the hub thread.
struct IoEvent
{
    enum class Kind : quint8 { Message, Ping, Pong, Violation, Disconnected };
    Kind kind = Kind::Message;
    ConnectionId id = 0;
    std::optional<Protocol::ParsedEnvelope> parsed; // Message: parsed on the I/O thread
    qint64 size = 0; // Message: bytes received
    QByteArray bytes; // Ping: its payload
    int code = 0; // Violation
    QString reason; // Violation
};

} // namespace NebengJek::Server
