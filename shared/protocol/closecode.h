// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace NebengJek::Protocol {

// WebSocket close codes used by server and client. Application codes follow one rule, so a
// client that meets a code it does not know still does the right thing:
//   4000-4499 retryable: reconnect with backoff;
//   4500-4999 terminal: do not reconnect (sign in again, or give up).
// Standard codes below 4000 follow RFC 6455 (1000 normal, 1001 going away, 1008 policy,
// 1009 too big, 1011 server error); of those only 1000 and 1008 are terminal.
namespace CloseCode {
inline constexpr int Normal = 1000;
inline constexpr int GoingAway = 1001; // server shutdown; reconnect (another node or later)
inline constexpr int ProtocolError = 1002;
inline constexpr int InvalidPayload = 1007; // a text message that is not UTF-8
inline constexpr int PolicyViolation = 1008;
inline constexpr int MessageTooBig = 1009;
inline constexpr int InternalError = 1011;

inline constexpr int ServerRestart = 4000; // graceful shutdown/restart: reconnect soon
inline constexpr int Stale = 4001; // no pong in time
inline constexpr int SlowConsumer = 4002; // outbound queue over its cap
inline constexpr int RateLimited = 4008; // repeated rate-limit abuse; reconnect after backoff
inline constexpr int TokenExpired = 4010; // the token expired: refresh it, then reconnect

inline constexpr int AuthFailed = 4500; // bad or missing token
inline constexpr int AuthTimeout = 4501; // no auth message within the deadline
inline constexpr int Forbidden = 4503; // not allowed (role, origin)
inline constexpr int SessionReplaced = 4509; // a newer device signed in (newest-wins policy)
} // namespace CloseCode

// True if a client should reconnect after this close code.
bool isRetryableClose(int code);
// A short, stable name for logs and metrics ("going_away", "slow_consumer").
QString closeCodeName(int code);

} // namespace NebengJek::Protocol
