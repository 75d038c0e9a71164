// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace NebengJek::Protocol {

// Error codes carried in an "error" reply (payload.code). The wire spelling is the upper-case
// name; docs/protocol.md lists each with when it is sent and whether a retry can succeed.
enum class ErrorCode {
    InvalidFormat, // not JSON, not an object, too deep, duplicate keys, bad envelope
    UnknownType, // "type" is not a message the server accepts from clients
    ValidationFailed, // payload field missing, wrong type, out of range, too long
    Unauthorized, // not authenticated, or the token is invalid/expired
    Forbidden, // authenticated, but not allowed (wrong role, not a party)
    NotFound, // the ride, match, message or notification does not exist
    Conflict, // not valid in the current state (ride state machine, already confirmed)
    RateLimit, // too many messages; retry_after_ms says when
    PayloadTooLarge, // message over the size limit
    Unavailable, // the server is shutting down or storage is degraded
    InternalError, // anything else; details are only in the server log
    TooFar, // a ride step refused by a safety check: the driver is not near enough (not retryable)
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(QStringView name);
// A client may retry the same request later and expect a different outcome.
bool isRetryable(ErrorCode code);

} // namespace NebengJek::Protocol
