// SPDX-License-Identifier: MIT
// Linked into the in-process gateway and hub tests: installs the epoll dispatcher before the test's
// QCoreApplication exists, so those tests exercise the dispatcher nebengjek-server runs on.
// NEBENGJEK_TEST_EVENT_DISPATCHER=qt keeps Qt's own, to tell a dispatcher problem from another.
#include <eventloop/epolleventdispatcher.h>

#include <QCoreApplication>

namespace {

const bool kInstalled = [] {
    if (qEnvironmentVariable("NEBENGJEK_TEST_EVENT_DISPATCHER") == QLatin1String("qt"))
        return false;
    QCoreApplication::setEventDispatcher(new NebengJek::EventLoop::EpollEventDispatcher);
    return true;
}();

} // namespace
