// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace NebengJek::TestClient {

// `nebengjek-testclient connect`: one connection as a user and role; reads commands from stdin
// and prints every incoming message, timestamped and pretty-printed.
int runConnectCommand(const QStringList &arguments);

} // namespace NebengJek::TestClient
