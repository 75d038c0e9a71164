// SPDX-License-Identifier: MIT
#pragma once

#include "jwtverifier.h"

#include <optional>

namespace NebengJek::Server {

struct ServerConfig;

// The verifier for a configuration: the HS256 secret and/or the RS256 public key file, each
// pinned to its kid, with the configured issuer, audience and leeway.
std::optional<JwtVerifier> makeJwtVerifier(const ServerConfig &config, QString *error);

} // namespace NebengJek::Server
