// SPDX-License-Identifier: MIT
// nebengjek-server: everything lives in the app library (serverMain), so tests can run the
// same code in-process.
#include <app/servermain.h>

#include <QByteArray>

int main(int argc, char **argv)
{
    // Qt's plain UNIX event dispatcher instead of the GLib one: profiling the relay benchmark
    // showed ~40% of server CPU in GLib main-loop bookkeeping and its linear socket-notifier
    // search (docs/performance.md). A headless server has no use for GLib integration.
    // An operator can still opt back in with QT_NO_GLIB=0.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", QByteArrayLiteral("1"));
    return NebengJek::Server::serverMain(argc, argv);
}
