// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace NebengJek::TestClient {

// `nebengjek-testclient run SCENARIO...`: runs scenario files against a server (or one it starts
// itself with --spawn-server); exit code 0 only if every scenario passed.
int runRunCommand(const QStringList &arguments);

} // namespace NebengJek::TestClient
