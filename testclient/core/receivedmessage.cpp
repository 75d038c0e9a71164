// SPDX-License-Identifier: MIT
#include "receivedmessage.h"

#include <protocol/envelope.h>

#include <QJsonDocument>

namespace NebengJek::TestClient {

ReceivedMessage ReceivedMessage::fromFrame(const QByteArray &frame, qint64 receivedAtMs,
                                           bool validateEnvelope)
{
    ReceivedMessage m;
    m.raw = frame;
    m.receivedAtMs = receivedAtMs;
    const QJsonDocument doc = QJsonDocument::fromJson(frame);
    m.isJsonObject = doc.isObject();
    if (m.isJsonObject)
        m.json = doc.object();
    if (!validateEnvelope) {
        m.isValidEnvelope = m.isJsonObject;
        return m;
    }
    // Validating with the shared parser catches a server that sends what the protocol library
    // (and so the app) would reject; QA sees the reason next to the message.
    const Protocol::ParsedEnvelope parsed =
            Protocol::parseEnvelope(frame, Protocol::Direction::FromServer);
    m.isValidEnvelope = parsed.ok();
    if (!parsed.ok())
        m.envelopeError = parsed.error.message;
    return m;
}

} // namespace NebengJek::TestClient
