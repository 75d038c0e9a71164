// SPDX-License-Identifier: MIT
#pragma once

#include <QStringView>

#include <optional>

class QAbstractEventDispatcher;

namespace NebengJek::EventLoop {

// Which event dispatcher the server's threads run: our epoll one (the default) or Qt's own
// (its UNIX dispatcher; GLib's only if the operator sets QT_NO_GLIB=0).
enum class DispatcherKind { Epoll, Qt };

// "epoll" or "qt" (case-insensitive); nullopt for anything else.
std::optional<DispatcherKind> parseDispatcherKind(QStringView name);

// The choice has to be known before QCoreApplication exists, so before the config loader runs:
// `--event-dispatcher NAME` (or `=NAME`) on the command line, else WS_EVENT_DISPATCHER, else
// epoll. An unknown name gives nullopt; the config loader then rejects it with a clear error.
std::optional<DispatcherKind> dispatcherFromCommandLine(int argc, char **argv);

// A new dispatcher for a thread (QThread::setEventDispatcher), or nullptr for Qt's default.
QAbstractEventDispatcher *createEventDispatcher(DispatcherKind kind);

// For main(), before QCoreApplication is constructed: installs the chosen dispatcher for the main
// thread. Unless QT_NO_GLIB is set, selects Qt's UNIX dispatcher over GLib (QT_NO_GLIB=1) for
// `qt` and for threads Qt creates itself: GLib's costs ~40% of the server's CPU
// (docs/performance.md).
void installMainThreadDispatcher(int argc, char **argv);

} // namespace NebengJek::EventLoop
