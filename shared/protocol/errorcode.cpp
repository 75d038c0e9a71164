// SPDX-License-Identifier: MIT
#include "errorcode.h"

#include <array>

namespace NebengJek::Protocol {

namespace {
struct ErrorInfo
{
    ErrorCode code;
    const char *name;
    bool retryable;
};

constexpr std::array<ErrorInfo, 12> kErrors = {{
        {ErrorCode::InvalidFormat, "INVALID_FORMAT", false},
        {ErrorCode::UnknownType, "UNKNOWN_TYPE", false},
        {ErrorCode::ValidationFailed, "VALIDATION_FAILED", false},
        {ErrorCode::Unauthorized, "UNAUTHORIZED", false},
        {ErrorCode::Forbidden, "FORBIDDEN", false},
        {ErrorCode::NotFound, "NOT_FOUND", false},
        {ErrorCode::Conflict, "CONFLICT", false},
        {ErrorCode::RateLimit, "RATE_LIMIT", true},
        {ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE", false},
        {ErrorCode::Unavailable, "UNAVAILABLE", true},
        {ErrorCode::InternalError, "INTERNAL_ERROR", true},
        // Not by itself: only after the driver moved, so clients must not retry automatically.
        {ErrorCode::TooFar, "TOO_FAR", false},
}};
} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &e : kErrors) {
        if (e.code == code)
            return QString::fromLatin1(e.name);
    }
    return QStringLiteral("INTERNAL_ERROR");
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    for (const auto &e : kErrors) {
        if (name == QLatin1String(e.name))
            return e.code;
    }
    // The chat seed's spelling of UNKNOWN_TYPE.
    if (name == QLatin1String("UNKNOWN_EVENT"))
        return ErrorCode::UnknownType;
    return std::nullopt;
}

bool isRetryable(ErrorCode code)
{
    for (const auto &e : kErrors) {
        if (e.code == code)
            return e.retryable;
    }
    return false;
}

} // namespace NebengJek::Protocol
