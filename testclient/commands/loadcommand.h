// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace NebengJek::TestClient {

// `nebengjek-testclient load`: virtual drivers and passengers doing rides, with a live progress
// line and a final report (text, and JSON with --json).
int runLoadCommand(const QStringList &arguments);

} // namespace NebengJek::TestClient
