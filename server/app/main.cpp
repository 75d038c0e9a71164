// SPDX-License-Identifier: MIT
// nebengjek-server: everything lives in the app library (serverMain), so tests can run the
// same code in-process.
#include <app/servermain.h>
#include <eventloop/dispatcherchoice.h>

int main(int argc, char **argv)
{
    // The event dispatcher must be installed before the application object exists: our epoll
    // one by default (--event-dispatcher / WS_EVENT_DISPATCHER; docs/operations.md). Qt's GLib
    // and poll() dispatchers cost time per registered socket on every wake-up
    // (docs/performance.md).
    NebengJek::EventLoop::installMainThreadDispatcher(argc, argv);
    return NebengJek::Server::serverMain(argc, argv);
}
