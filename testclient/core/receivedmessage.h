// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace NebengJek::TestClient {

// One frame as it arrived, kept whole: scenarios match on the JSON, the printer shows the JSON,
// and a frame that is not a valid envelope is still shown and matchable by its raw text.
struct ReceivedMessage
{
    QByteArray raw;
    QJsonObject json; // empty when the frame is not a JSON object
    bool isJsonObject = false;
    bool isValidEnvelope = false; // accepted by Protocol::parseEnvelope(FromServer)
    QString envelopeError; // why not, when it is not
    qint64 receivedAtMs = 0; // ms since epoch, for printing and latency

    QString type() const { return json.value(QStringLiteral("type")).toString(); }
    QJsonObject payload() const { return json.value(QStringLiteral("payload")).toObject(); }

    static ReceivedMessage fromFrame(const QByteArray &frame, qint64 receivedAtMs,
                                     bool validateEnvelope = true);
};

} // namespace NebengJek::TestClient
