// SPDX-License-Identifier: MIT
// The envelope parser on untrusted frames, both directions, then the typed decoding of the
// payload: nothing may crash, a refusal must say why, and whatever is accepted must survive its
// own serialization (what we send, we can read back).
#include <protocol/messages.h>

#include <cstdint>
#include <cstdlib>

using namespace NebengJek::Protocol;

namespace {

template<typename T> void decodeIfType(const Envelope &envelope)
{
    if (envelope.type != T::kType)
        return;
    const Decoded<T> decoded = decode<T>(envelope.payload);
    if (!decoded.ok()) {
        if (decoded.error.message.isEmpty())
            abort();
        return;
    }
    if (!decode<T>(decoded->toJson()).ok())
        abort();
}

template<typename... T> void decodeAny(const Envelope &envelope)
{
    (decodeIfType<T>(envelope), ...);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const Direction sender : {Direction::FromClient, Direction::FromServer}) {
        const ParsedEnvelope parsed = parseEnvelope(text, sender);
        if (!parsed.ok()) {
            if (parsed.error.message.isEmpty())
                abort();
            continue;
        }
        const Envelope &envelope = *parsed.envelope;
        const ParsedEnvelope again = parseEnvelope(envelope.toJson(), sender);
        if (!again.ok() || again.envelope->type != envelope.type
            || again.envelope->id != envelope.id || again.envelope->payload != envelope.payload)
            abort();
        decodeAny<Auth, TokenRefresh, Ping, MessageSend, MessageRead, Typing, UserBlock,
                  UserUnblock, Resume, NotificationListRequest, NotificationMarkRead, BeaconUpdate,
                  FinderUpdate, MatchConfirm, LocationUpdate, RideStart, RideArrived,
                  PaymentProcess, RoomJoin, RoomLeave, RoomPublish>(envelope);
    }
    return 0;
}
