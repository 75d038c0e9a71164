// SPDX-License-Identifier: MIT
#include "protocolerror.h"

namespace NebengJek::Protocol {

QJsonObject ProtocolError::toPayload() const
{
    QJsonObject payload{
            {QStringLiteral("code"), errorCodeName(code)},
            {QStringLiteral("message"), message},
            {QStringLiteral("retryable"), isRetryable(code)},
    };
    if (!field.isEmpty())
        payload.insert(QStringLiteral("field"), field);
    if (retryAfterMs > 0)
        payload.insert(QStringLiteral("retry_after_ms"), retryAfterMs);
    text.writeTo(payload);
    return payload;
}

ProtocolError ProtocolError::fromPayload(const QJsonObject &payload)
{
    ProtocolError e;
    e.code = errorCodeFromName(payload.value(QStringLiteral("code")).toString())
                     .value_or(ErrorCode::InternalError);
    e.message = payload.value(QStringLiteral("message")).toString();
    e.field = payload.value(QStringLiteral("field")).toString();
    e.retryAfterMs = payload.value(QStringLiteral("retry_after_ms")).toInt();
    e.text.key = payload.value(QStringLiteral("text_key")).toString();
    e.text.args = payload.value(QStringLiteral("text_args")).toObject();
    return e;
}

ProtocolError ProtocolError::invalidFormat(const QString &message)
{
    return make(ErrorCode::InvalidFormat, message);
}

ProtocolError ProtocolError::validation(const QString &field, const QString &message)
{
    ProtocolError e = make(ErrorCode::ValidationFailed, message);
    e.field = field;
    return e;
}

ProtocolError ProtocolError::make(ErrorCode code, const QString &message)
{
    ProtocolError e;
    e.code = code;
    e.message = message;
    return e;
}

ProtocolError ProtocolError::make(ErrorCode code, const QString &message, const LocalizedText &text)
{
    ProtocolError e = make(code, message);
    e.text = text;
    return e;
}

} // namespace NebengJek::Protocol
