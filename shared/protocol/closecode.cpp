// SPDX-License-Identifier: MIT
#include "closecode.h"

namespace NebengJek::Protocol {

bool isRetryableClose(int code)
{
    if (code >= 4000 && code <= 4499)
        return true;
    if (code >= 4500 && code <= 4999)
        return false;
    switch (code) {
    case CloseCode::Normal:
    case CloseCode::PolicyViolation:
        return false;
    default:
        // 1001, 1006 (abnormal), 1009, 1011, 1012-1014 and unknown codes: try again.
        return true;
    }
}

QString closeCodeName(int code)
{
    switch (code) {
    case CloseCode::Normal: return QStringLiteral("normal");
    case CloseCode::GoingAway: return QStringLiteral("going_away");
    case CloseCode::ProtocolError: return QStringLiteral("protocol_error");
    case CloseCode::InvalidPayload: return QStringLiteral("invalid_payload");
    case CloseCode::PolicyViolation: return QStringLiteral("policy_violation");
    case CloseCode::MessageTooBig: return QStringLiteral("message_too_big");
    case CloseCode::InternalError: return QStringLiteral("internal_error");
    case CloseCode::ServerRestart: return QStringLiteral("server_restart");
    case CloseCode::Stale: return QStringLiteral("stale");
    case CloseCode::SlowConsumer: return QStringLiteral("slow_consumer");
    case CloseCode::RateLimited: return QStringLiteral("rate_limited");
    case CloseCode::TokenExpired: return QStringLiteral("token_expired");
    case CloseCode::AuthFailed: return QStringLiteral("auth_failed");
    case CloseCode::AuthTimeout: return QStringLiteral("auth_timeout");
    case CloseCode::Forbidden: return QStringLiteral("forbidden");
    case CloseCode::SessionReplaced: return QStringLiteral("session_replaced");
    default: return QStringLiteral("code_%1").arg(code);
    }
}

} // namespace NebengJek::Protocol
