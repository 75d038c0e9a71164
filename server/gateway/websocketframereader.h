// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace NebengJek::Server {

// RFC 6455 opcodes.
namespace WsOpcode {
inline constexpr quint8 Continuation = 0x0;
inline constexpr quint8 Text = 0x1;
inline constexpr quint8 Binary = 0x2;
inline constexpr quint8 Close = 0x8;
inline constexpr quint8 Ping = 0x9;
inline constexpr quint8 Pong = 0xA;
} // namespace WsOpcode

// Parses client-to-server WebSocket frames from the front of a byte buffer, one at a time.
// No extensions are negotiated, so RSV bits must be 0; client frames must be masked.
// A frame whose header announces more than maxFrameSize bytes is refused as soon as the header is
// complete, before any of its payload is buffered.
class WebSocketFrameReader
{
public:
    enum class Status { NeedMore, Frame, Malformed, TooBig };

    struct Frame
    {
        quint8 opcode = 0;
        bool fin = false;
        QByteArray payload; // unmasked
    };

    explicit WebSocketFrameReader(qint64 maxFrameSize)
        : m_maxFrameSize(maxFrameSize)
    { }

    // Looks at the start of `data`. Frame: *frame is filled and *consumed is its total size.
    // TooBig: *consumed is the header size and *payloadLength the announced payload, which the
    // caller skips to stay in step with the peer. Malformed: the stream cannot be followed.
    Status next(QByteArrayView data, Frame *frame, qsizetype *consumed,
                quint64 *payloadLength) const;

    // Server frames are not masked.
    static QByteArray header(quint8 opcode, quint64 payloadLength, bool fin = true);

    static bool isControl(quint8 opcode) { return opcode & 0x8; }

private:
    qint64 m_maxFrameSize;
};

} // namespace NebengJek::Server
