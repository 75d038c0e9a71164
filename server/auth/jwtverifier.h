// SPDX-License-Identifier: MIT
#pragma once

#include "jwtkeyset.h"

#include <protocol/role.h>

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace NebengJek::Server {

// What a verified token says about its holder.
struct JwtClaims
{
    QString userId;
    Protocol::Role role = Protocol::Role::Passenger;
    qint64 expiresAtMs = 0; // "exp", ms since epoch
    qint64 issuedAtMs = 0; // "iat" if present
    QString keyId;
    // Optional display claims for the other party's card ("name"; drivers "vehicle", "plate"),
    // cleaned of control characters and cut to the Profile limits; never used for identity.
    QString name;
    QString vehicle;
    QString plate;
};

enum class JwtError {
    None,
    TooLarge, // over Protocol::kMaxTokenLength: refused before any decoding
    Malformed, // not three base64url parts of JSON objects
    UnsupportedAlgorithm, // "none", or anything but HS256/RS256, or "crit" headers
    UnknownKey, // no key for this "kid"
    AlgorithmMismatch, // the key for this kid is pinned to another algorithm (HS/RS confusion)
    BadSignature,
    Expired,
    NotYetValid, // "nbf" (or "iat") in the future beyond the leeway
    WrongIssuer,
    WrongAudience,
    BadClaims, // user_id / role / exp missing or invalid
};

// A short, stable name for logs and metrics ("bad_signature").
QString jwtErrorName(JwtError error);

struct JwtVerifyOptions
{
    QString issuer; // required "iss" value; empty: not checked
    QString audience; // must be "aud" or one of its entries; empty: not checked
    int leewaySeconds = 30; // clock skew allowed for exp/nbf/iat
};

struct JwtResult
{
    std::optional<JwtClaims> claims;
    JwtError error = JwtError::None;
    bool ok() const { return claims.has_value(); }
};

// Verifies compact-serialized JWS tokens (HS256 and RS256). Cheap to copy; thread-compatible.
class JwtVerifier
{
public:
    JwtVerifier() = default;
    JwtVerifier(JwtKeySet keys, JwtVerifyOptions options);

    JwtResult verify(QByteArrayView token, qint64 nowMs) const;
    const JwtVerifyOptions &options() const { return m_options; }
    bool hasKeys() const { return !m_keys.isEmpty(); }

private:
    JwtKeySet m_keys;
    JwtVerifyOptions m_options;
};

} // namespace NebengJek::Server
