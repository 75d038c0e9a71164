// SPDX-License-Identifier: MIT
#pragma once

#include <eventloop/epolleventdispatcher.h>

#include <QCoreApplication>
#include <QTest>

// QTEST_GUILESS_MAIN with the epoll dispatcher installed first, as nebengjek-server's main()
// does: every QTimer, socket and queued call in the test runs on it.
#define NEBENGJEK_EPOLL_TEST_MAIN(TestObject) \
    int main(int argc, char **argv) \
    { \
        QCoreApplication::setEventDispatcher(new NebengJek::EventLoop::EpollEventDispatcher); \
        QCoreApplication app(argc, argv); \
        TestObject tc; \
        QTEST_SET_MAIN_SOURCE_PATH \
        return QTest::qExec(&tc, argc, argv); \
    }
