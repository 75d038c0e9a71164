// SPDX-License-Identifier: MIT
#include "websocketframereader.h"

namespace NebengJek::Server {

namespace {
constexpr int kMaxControlPayload = 125;

bool isKnownOpcode(quint8 opcode)
{
    switch (opcode) {
    case WsOpcode::Continuation:
    case WsOpcode::Text:
    case WsOpcode::Binary:
    case WsOpcode::Close:
    case WsOpcode::Ping:
    case WsOpcode::Pong:
        return true;
    default:
        return false;
    }
}
} // namespace

WebSocketFrameReader::Status WebSocketFrameReader::next(QByteArrayView data, Frame *frame,
                                                        qsizetype *consumed,
                                                        quint64 *payloadLength) const
{
    if (data.size() < 2)
        return Status::NeedMore;
    const auto b0 = quint8(data[0]);
    const auto b1 = quint8(data[1]);
    const bool fin = b0 & 0x80;
    const quint8 opcode = b0 & 0x0f;
    if ((b0 & 0x70) != 0 || !isKnownOpcode(opcode) || !(b1 & 0x80))
        return Status::Malformed; // RSV bits, unknown opcode, unmasked client frame
    quint64 length = b1 & 0x7f;
    qsizetype pos = 2;
    if (length == 126) {
        if (data.size() < 4)
            return Status::NeedMore;
        length = (quint64(quint8(data[2])) << 8) | quint8(data[3]);
        if (length < 126)
            return Status::Malformed; // not the minimal encoding
        pos = 4;
    } else if (length == 127) {
        if (data.size() < 10)
            return Status::NeedMore;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | quint8(data[2 + i]);
        if (length >> 63 || length <= 0xffff)
            return Status::Malformed;
        pos = 10;
    }
    if (isControl(opcode) && (!fin || length > kMaxControlPayload))
        return Status::Malformed;
    if (data.size() < pos + 4)
        return Status::NeedMore;
    const char *mask = data.data() + pos;
    pos += 4;
    if (length > quint64(m_maxFrameSize)) {
        *consumed = pos;
        *payloadLength = length;
        return Status::TooBig;
    }
    if (quint64(data.size() - pos) < length)
        return Status::NeedMore;
    frame->opcode = opcode;
    frame->fin = fin;
    frame->payload = data.sliced(pos, qsizetype(length)).toByteArray();
    char *p = frame->payload.data();
    for (qsizetype i = 0; i < qsizetype(length); ++i)
        p[i] ^= mask[i & 3];
    *consumed = pos + qsizetype(length);
    *payloadLength = length;
    return Status::Frame;
}

QByteArray WebSocketFrameReader::header(quint8 opcode, quint64 payloadLength, bool fin)
{
    QByteArray h;
    h.reserve(10);
    h.append(char((fin ? 0x80 : 0x00) | opcode));
    if (payloadLength < 126) {
        h.append(char(payloadLength));
    } else if (payloadLength <= 0xffff) {
        h.append(char(126));
        h.append(char(payloadLength >> 8)).append(char(payloadLength & 0xff));
    } else {
        h.append(char(127));
        for (int i = 7; i >= 0; --i)
            h.append(char((payloadLength >> (8 * i)) & 0xff));
    }
    return h;
}

} // namespace NebengJek::Server
