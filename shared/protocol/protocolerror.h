// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"
#include "localizedtext.h"

#include <QJsonObject>
#include <QString>

namespace NebengJek::Protocol {

// What goes back to a client in an "error" reply. The message is written for the client: it
// names the field and the rule, never server internals (those stay in the server log).
struct ProtocolError
{
    ErrorCode code = ErrorCode::InternalError;
    QString message;
    QString field; // the offending payload field, if any
    int retryAfterMs = 0; // with RATE_LIMIT / UNAVAILABLE: when a retry may succeed
    LocalizedText text; // optional: the message as a key + arguments for the client's language

    QJsonObject toPayload() const;
    static ProtocolError fromPayload(const QJsonObject &payload);

    static ProtocolError invalidFormat(const QString &message);
    static ProtocolError validation(const QString &field, const QString &message);
    static ProtocolError make(ErrorCode code, const QString &message);
    static ProtocolError make(ErrorCode code, const QString &message, const LocalizedText &text);
};

} // namespace NebengJek::Protocol
