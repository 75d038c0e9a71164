// SPDX-License-Identifier: MIT
#pragma once

namespace NebengJek::Server {

// The whole of nebengjek-server: parse the configuration, then print help/version, mint a token,
// or run the gateway until SIGTERM/SIGINT. Returns the process exit code (0 ok, 1 runtime
// failure, 2 bad configuration).
int serverMain(int argc, char **argv);

} // namespace NebengJek::Server
