// SPDX-License-Identifier: MIT
// The epoll dispatcher against Qt's dispatcher contract: socket notifiers (enabled, disabled and
// deleted from handlers, descriptors reused, hang-ups nobody listens to), posted events and
// deleteLater, wakeUp and interrupt from other threads, nested event loops, real TCP and
// WebSocket traffic, and running a QThread.
#include "epolltestmain.h"

#include <eventloop/dispatcherchoice.h>
#include <eventloop/epolleventdispatcher.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QPointer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtTest>

#include <atomic>
#include <memory>
#include <numeric>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using NebengJek::EventLoop::DispatcherKind;
using NebengJek::EventLoop::EpollEventDispatcher;

namespace {

// A connected AF_UNIX stream pair, closed on destruction.
struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds); }
    ~SocketPair()
    {
        closeEnd(0);
        closeEnd(1);
    }
    bool ok() const { return fds[0] >= 0 && fds[1] >= 0; }
    void closeEnd(int i)
    {
        if (fds[i] >= 0)
            ::close(fds[i]);
        fds[i] = -1;
    }
    void send(int end, const char *bytes = "x") { QVERIFY(::write(fds[end], bytes, 1) == 1); }
    void drain(int end)
    {
        char buffer[4096];
        while (::read(fds[end], buffer, sizeof buffer) > 0) { }
    }
};

class CustomEvent : public QEvent
{
public:
    static QEvent::Type kind() { return static_cast<QEvent::Type>(QEvent::User + 17); }
    CustomEvent()
        : QEvent(kind())
    { }
};

class EventSink : public QObject
{
public:
    int received = 0;
    bool event(QEvent *e) override
    {
        if (e->type() == CustomEvent::kind()) {
            ++received;
            return true;
        }
        return QObject::event(e);
    }
};

} // namespace

class TestEventLoopDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void choiceFromCommandLineAndEnvironment();
    void readNotifierFiresWhileDataIsPending();
    void notifierDisabledInItsHandlerStaysQuiet();
    void notifierReenabledFiresAgain();
    void writeNotifierTogglesFromHandlers();
    void notifierDeletedInItsOwnHandler();
    void notifierDeletedByAnotherHandlerOfThePass();
    void notifierReplacedByAnotherHandlerWaitsForTheNextPass();
    void descriptorReusedAfterClose();
    void hangUpWithoutListenerDoesNotSpin();
    void manyRegisteredOnlyReadyOnesFire();
    void postedEventsAndDeleteLater();
    void awakeAndAboutToBlockAreEmitted();
    void wakeUpFromAnotherThread();
    void interruptFromAnotherThread();
    void excludeSocketNotifiersStillWakesUp();
    void nestedEventLoopInsideANotifierHandler();
    void tcpEchoOfAMegabyte();
    void webSocketEcho();
    void runsAQThread();
};

void TestEventLoopDispatcher::choiceFromCommandLineAndEnvironment()
{
    using NebengJek::EventLoop::dispatcherFromCommandLine;
    using NebengJek::EventLoop::parseDispatcherKind;
    QCOMPARE(parseDispatcherKind(u"epoll"), DispatcherKind::Epoll);
    QCOMPARE(parseDispatcherKind(u" Qt "), DispatcherKind::Qt);
    QVERIFY(!parseDispatcherKind(u"glib"));

    qunsetenv("WS_EVENT_DISPATCHER");
    char prog[] = "nebengjek-server";
    char flag[] = "--event-dispatcher";
    char qt[] = "qt";
    char joined[] = "--event-dispatcher=epoll";
    char bad[] = "--event-dispatcher=poll";
    char port[] = "--port";
    char zero[] = "0";
    char *none[] = {prog, port, zero};
    QCOMPARE(dispatcherFromCommandLine(3, none), DispatcherKind::Epoll); // the default
    char *separate[] = {prog, flag, qt};
    QCOMPARE(dispatcherFromCommandLine(3, separate), DispatcherKind::Qt);
    char *equals[] = {prog, joined};
    QCOMPARE(dispatcherFromCommandLine(2, equals), DispatcherKind::Epoll);
    char *invalid[] = {prog, bad};
    QVERIFY(!dispatcherFromCommandLine(2, invalid));
    qputenv("WS_EVENT_DISPATCHER", "qt");
    QCOMPARE(dispatcherFromCommandLine(3, none), DispatcherKind::Qt);
    QCOMPARE(dispatcherFromCommandLine(2, equals), DispatcherKind::Epoll); // the flag wins
    qunsetenv("WS_EVENT_DISPATCHER");

    std::unique_ptr<QAbstractEventDispatcher> created(
            NebengJek::EventLoop::createEventDispatcher(DispatcherKind::Epoll));
    QVERIFY(qobject_cast<EpollEventDispatcher *>(created.get()));
    QVERIFY(!NebengJek::EventLoop::createEventDispatcher(DispatcherKind::Qt));
}

void TestEventLoopDispatcher::readNotifierFiresWhileDataIsPending()
{
    SocketPair pair;
    QVERIFY(pair.ok());
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] { ++activations; });
    pair.send(1);
    // Level-triggered, as Qt's: unread data keeps activating the notifier.
    QTRY_VERIFY_WITH_TIMEOUT(activations >= 3, 5000);
    notifier.setEnabled(false);
}

void TestEventLoopDispatcher::notifierDisabledInItsHandlerStaysQuiet()
{
    SocketPair quiet;
    SocketPair marker;
    QSocketNotifier notifier(quiet.fds[0], QSocketNotifier::Read);
    QSocketNotifier markerNotifier(marker.fds[0], QSocketNotifier::Read);
    markerNotifier.setEnabled(false);
    int activations = 0;
    bool markerSeen = false;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        notifier.setEnabled(false); // the data stays unread
        markerNotifier.setEnabled(true);
        marker.send(1);
    });
    connect(&markerNotifier, &QSocketNotifier::activated, this, [&] {
        markerNotifier.setEnabled(false);
        markerSeen = true;
    });
    quiet.send(1);
    QTRY_VERIFY_WITH_TIMEOUT(markerSeen, 5000);
    // A few more passes with the data still pending: the disabled notifier must stay quiet.
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCOMPARE(activations, 1);
}

void TestEventLoopDispatcher::notifierReenabledFiresAgain()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        notifier.setEnabled(false);
        if (activations < 3)
            QTimer::singleShot(0, &notifier, [&] { notifier.setEnabled(true); });
    });
    pair.send(1);
    QTRY_COMPARE_WITH_TIMEOUT(activations, 3, 5000);
}

void TestEventLoopDispatcher::writeNotifierTogglesFromHandlers()
{
    SocketPair pair;
    QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
    QSocketNotifier writer(pair.fds[0], QSocketNotifier::Write);
    int writes = 0;
    int reads = 0;
    // Read and write notifiers on one descriptor, each switching the other on and off, the way
    // QAbstractSocket drives them.
    connect(&writer, &QSocketNotifier::activated, this, [&] {
        ++writes;
        QVERIFY(::write(pair.fds[0], "p", 1) == 1);
        writer.setEnabled(false);
    });
    connect(&reader, &QSocketNotifier::activated, this, [&] {
        pair.drain(0);
        ++reads;
        if (writes < 20)
            writer.setEnabled(true);
    });
    // The other end echoes each byte back.
    QSocketNotifier echo(pair.fds[1], QSocketNotifier::Read);
    connect(&echo, &QSocketNotifier::activated, this, [&] {
        char c;
        while (::read(pair.fds[1], &c, 1) == 1)
            QVERIFY(::write(pair.fds[1], &c, 1) == 1);
    });
    QTRY_VERIFY_WITH_TIMEOUT(writes == 20 && reads >= 20, 5000);
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCOMPARE(writes, 20); // a disabled write notifier of a writable socket stays quiet
}

void TestEventLoopDispatcher::notifierDeletedInItsOwnHandler()
{
    SocketPair pair;
    // Read and write both ready on one descriptor in the same pass: the read handler deletes
    // both notifiers; the write one must not be activated afterwards (it would be a dangling
    // pointer).
    auto *reader = new QSocketNotifier(pair.fds[0], QSocketNotifier::Read);
    QPointer<QSocketNotifier> writer = new QSocketNotifier(pair.fds[0], QSocketNotifier::Write);
    int writerActivations = 0;
    bool readerDeleted = false;
    connect(writer.data(), &QSocketNotifier::activated, this, [&] { ++writerActivations; });
    writer->setEnabled(false);
    connect(reader, &QSocketNotifier::activated, this, [&] {
        delete writer.data();
        delete reader;
        readerDeleted = true;
    });
    pair.send(1);
    writer->setEnabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(readerDeleted, 5000);
    QVERIFY(writer.isNull());
    // Whatever ran before the deletion in that first pass, nothing runs after it.
    const int before = writerActivations;
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCOMPARE(writerActivations, before);
}

void TestEventLoopDispatcher::notifierDeletedByAnotherHandlerOfThePass()
{
    // Many ready descriptors; the first handler to run deletes every other notifier. Exactly
    // one activation may happen, whatever order epoll reports them in.
    constexpr int kPairs = 16;
    std::vector<std::unique_ptr<SocketPair>> pairs;
    std::vector<QSocketNotifier *> notifiers;
    int activations = 0;
    for (int i = 0; i < kPairs; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        auto *n = new QSocketNotifier(pairs.back()->fds[0], QSocketNotifier::Read, this);
        n->setEnabled(false);
        connect(n, &QSocketNotifier::activated, this, [&] {
            ++activations;
            for (QSocketNotifier *other : notifiers)
                delete other;
            notifiers.clear();
        });
        notifiers.push_back(n);
        pairs.back()->send(1);
    }
    for (QSocketNotifier *n : notifiers)
        n->setEnabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(notifiers.empty(), 5000);
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCOMPARE(activations, 1);
}

void TestEventLoopDispatcher::notifierReplacedByAnotherHandlerWaitsForTheNextPass()
{
    // Two ready descriptors; whichever handler runs first switches the other's notifier off and
    // on again. As in Qt, a notifier (re-)registered during a pass only fires from the next
    // pass: the readiness reported in this one was taken before it existed.
    SocketPair a;
    SocketPair b;
    QSocketNotifier na(a.fds[0], QSocketNotifier::Read);
    QSocketNotifier nb(b.fds[0], QSocketNotifier::Read);
    int activations = 0;
    connect(&na, &QSocketNotifier::activated, this, [&] {
        ++activations;
        a.drain(0);
        nb.setEnabled(false);
        nb.setEnabled(true);
    });
    connect(&nb, &QSocketNotifier::activated, this, [&] {
        ++activations;
        b.drain(0);
        na.setEnabled(false);
        na.setEnabled(true);
    });
    auto *dispatcher = QAbstractEventDispatcher::instance();
    dispatcher->processEvents(QEventLoop::AllEvents); // both notifiers reach the kernel
    QCOMPARE(activations, 0);
    a.send(1);
    b.send(1);
    dispatcher->processEvents(QEventLoop::WaitForMoreEvents);
    QCOMPARE(activations, 1);
    QTRY_COMPARE_WITH_TIMEOUT(activations, 2, 5000); // the other one, in a later pass
}

void TestEventLoopDispatcher::descriptorReusedAfterClose()
{
    // Closing a watched descriptor and getting the same number back for a new socket (the
    // kernel reuses the lowest free number) must watch the new socket.
    auto first = std::make_unique<SocketPair>();
    const int reusedFd = first->fds[0];
    {
        QSocketNotifier old(first->fds[0], QSocketNotifier::Read);
        QCoreApplication::processEvents(QEventLoop::AllEvents); // registered with the kernel
        first->closeEnd(0); // closed while still enabled, as a careless owner might
    }
    first.reset();
    SocketPair second;
    int fd = second.fds[0];
    if (fd != reusedFd && second.fds[1] == reusedFd)
        fd = second.fds[1];
    QCOMPARE(fd, reusedFd);
    QSocketNotifier fresh(fd, QSocketNotifier::Read);
    bool fired = false;
    connect(&fresh, &QSocketNotifier::activated, this, [&] {
        fired = true;
        fresh.setEnabled(false);
    });
    QVERIFY(::write(fd == second.fds[0] ? second.fds[1] : second.fds[0], "x", 1) == 1);
    QTRY_VERIFY_WITH_TIMEOUT(fired, 5000);
}

void TestEventLoopDispatcher::hangUpWithoutListenerDoesNotSpin()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    notifier.setEnabled(false);
    pair.closeEnd(1); // the peer hangs up; nobody listens for it
    // With the notifier disabled the descriptor must leave the epoll set: otherwise its hang-up
    // would be reported on every pass and processEvents would never find the loop idle.
    auto *dispatcher = QAbstractEventDispatcher::instance();
    QCoreApplication::sendPostedEvents();
    dispatcher->processEvents(QEventLoop::AllEvents);
    QVERIFY(!dispatcher->processEvents(QEventLoop::AllEvents));
    // And enabling it again reports the hang-up.
    bool fired = false;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        fired = true;
        notifier.setEnabled(false);
    });
    notifier.setEnabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(fired, 5000);
}

void TestEventLoopDispatcher::manyRegisteredOnlyReadyOnesFire()
{
    constexpr int kPairs = 400; // 800 descriptors: under the usual soft limit of 1,024
    std::vector<std::unique_ptr<SocketPair>> pairs;
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
    std::vector<int> counts(kPairs, 0);
    for (int i = 0; i < kPairs; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        QVERIFY(pairs.back()->ok());
        notifiers.push_back(
                std::make_unique<QSocketNotifier>(pairs.back()->fds[0], QSocketNotifier::Read));
        connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&, i] {
            pairs[size_t(i)]->drain(0);
            ++counts[size_t(i)];
        });
    }
    // Every seventh socket gets one byte: exactly those fire, each once.
    int expected = 0;
    for (int i = 0; i < kPairs; i += 7) {
        pairs[size_t(i)]->send(1);
        ++expected;
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::accumulate(counts.begin(), counts.end(), 0) >= expected, 5000);
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    for (int i = 0; i < kPairs; ++i)
        QCOMPARE(counts[size_t(i)], i % 7 == 0 ? 1 : 0);
}

void TestEventLoopDispatcher::postedEventsAndDeleteLater()
{
    EventSink sink;
    QCoreApplication::postEvent(&sink, new CustomEvent);
    QCoreApplication::postEvent(&sink, new CustomEvent);
    QTRY_COMPARE_WITH_TIMEOUT(sink.received, 2, 5000);

    QPointer<QObject> doomed = new QObject;
    doomed->deleteLater();
    QTRY_VERIFY_WITH_TIMEOUT(doomed.isNull(), 5000);

    bool queuedRan = false;
    QMetaObject::invokeMethod(
            this, [&] { queuedRan = true; }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(queuedRan, 5000);
}

void TestEventLoopDispatcher::awakeAndAboutToBlockAreEmitted()
{
    auto *dispatcher = QAbstractEventDispatcher::instance();
    QSignalSpy awake(dispatcher, &QAbstractEventDispatcher::awake);
    QSignalSpy aboutToBlock(dispatcher, &QAbstractEventDispatcher::aboutToBlock);
    QEventLoop loop;
    QTimer::singleShot(20, &loop, &QEventLoop::quit);
    loop.exec();
    QVERIFY(awake.count() >= 1);
    QVERIFY(aboutToBlock.count() >= 1);
}

void TestEventLoopDispatcher::wakeUpFromAnotherThread()
{
    // The main loop sleeps with no timer and no socket due; another thread posts to it.
    EventSink sink;
    QEventLoop loop;
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &loop, [&] { loop.exit(1); });
    guard.start(10000);
    std::thread poster([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCoreApplication::postEvent(&sink, new CustomEvent);
        QMetaObject::invokeMethod(
                &loop, [&loop] { loop.quit(); }, Qt::QueuedConnection);
    });
    QElapsedTimer clock;
    clock.start();
    const int rc = loop.exec();
    poster.join();
    QCOMPARE(rc, 0);
    QCOMPARE(sink.received, 1);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
}

void TestEventLoopDispatcher::interruptFromAnotherThread()
{
    auto *dispatcher = QAbstractEventDispatcher::instance();
    std::atomic<bool> interrupted {false};
    // Nothing is due for 10 s: only interrupt() can end the blocking passes early.
    QTimer guard;
    guard.setSingleShot(true);
    guard.start(10000);
    std::thread interrupter([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        interrupted = true;
        dispatcher->interrupt();
    });
    QElapsedTimer clock;
    clock.start();
    while (!interrupted && clock.elapsed() < 10000)
        dispatcher->processEvents(QEventLoop::WaitForMoreEvents);
    // The pass blocked when the flag was set: let it return.
    dispatcher->processEvents(QEventLoop::AllEvents);
    interrupter.join();
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    // The interrupt ends that pass only: the next ones deliver work as usual.
    bool ran = false;
    QMetaObject::invokeMethod(
            this, [&] { ran = true; }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(ran, 5000);
}

void TestEventLoopDispatcher::excludeSocketNotifiersStillWakesUp()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        pair.drain(0);
    });
    pair.send(1);
    EventSink sink;
    QCoreApplication::postEvent(&sink, new CustomEvent);
    QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers);
    QCOMPARE(sink.received, 1);
    QCOMPARE(activations, 0);
    QTRY_COMPARE_WITH_TIMEOUT(activations, 1, 5000);
}

void TestEventLoopDispatcher::nestedEventLoopInsideANotifierHandler()
{
    SocketPair outer;
    SocketPair inner;
    QSocketNotifier outerNotifier(outer.fds[0], QSocketNotifier::Read);
    QSocketNotifier innerNotifier(inner.fds[0], QSocketNotifier::Read);
    int depth = 0;
    int maxDepth = 0;
    int outerActivations = 0;
    bool innerSeen = false;
    int timerTicks = 0;
    QTimer ticker;
    ticker.setInterval(1);
    connect(&ticker, &QTimer::timeout, this, [&] { ++timerTicks; });
    connect(&innerNotifier, &QSocketNotifier::activated, this, [&] {
        inner.drain(0);
        innerSeen = true;
    });
    connect(&outerNotifier, &QSocketNotifier::activated, this, [&] {
        ++depth;
        maxDepth = qMax(maxDepth, depth);
        ++outerActivations;
        if (outerActivations == 1) {
            // QEventLoop::exec inside a handler: sockets, timers and posted events keep flowing;
            // the outer notifier is level-triggered (data still unread) and re-enters.
            QEventLoop nested;
            ticker.start();
            inner.send(1);
            QTimer::singleShot(30, &nested, &QEventLoop::quit);
            nested.exec();
            ticker.stop();
        }
        outer.drain(0);
        --depth;
    });
    outer.send(1);
    QTRY_VERIFY_WITH_TIMEOUT(outerActivations >= 1 && depth == 0 && innerSeen, 5000);
    QVERIFY(timerTicks > 0);
    QVERIFY(maxDepth >= 1);
}

void TestEventLoopDispatcher::tcpEchoOfAMegabyte()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *peer = server.nextPendingConnection();
        connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
    });
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, 5000);
    QByteArray payload(1024 * 1024, Qt::Uninitialized);
    for (int i = 0; i < payload.size(); ++i)
        payload[i] = char(i * 31 + 7);
    QByteArray received;
    connect(&client, &QTcpSocket::readyRead, this, [&] { received += client.readAll(); });
    // In chunks, so write notifiers toggle many times in both directions.
    for (int offset = 0; offset < payload.size(); offset += 64 * 1024)
        client.write(payload.mid(offset, 64 * 1024));
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == payload.size(), 20000);
    QVERIFY(received == payload);
    client.disconnectFromHost();
}

void TestEventLoopDispatcher::webSocketEcho()
{
    QWebSocketServer server(QStringLiteral("epoll-test"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        QWebSocket *peer = server.nextPendingConnection();
        connect(peer, &QWebSocket::textMessageReceived, peer,
                [peer](const QString &m) { peer->sendTextMessage(m); });
        connect(peer, &QWebSocket::disconnected, peer, &QObject::deleteLater);
    });
    QWebSocket client;
    QStringList echoed;
    connect(&client, &QWebSocket::textMessageReceived, this,
            [&](const QString &m) { echoed.append(m); });
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort())));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, 5000);
    QStringList sent;
    for (int i = 0; i < 200; ++i) {
        sent.append(QStringLiteral("message %1 ").arg(i).repeated(1 + i % 50));
        client.sendTextMessage(sent.last());
    }
    QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), sent.size(), 10000);
    QCOMPARE(echoed, sent);
    client.close();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestEventLoopDispatcher::runsAQThread()
{
    QThread thread;
    thread.setEventDispatcher(new EpollEventDispatcher);
    thread.start();
    // A TCP echo server, a timer and queued calls, all living in the thread.
    auto *server = new QTcpServer;
    server->moveToThread(&thread);
    std::atomic<quint16> port {0};
    std::atomic<bool> dispatcherIsEpoll {false};
    std::atomic<int> ticks {0};
    // The functor runs in the thread after invokeMethod returned: it holds pointers, not
    // references into a closure that may be gone by then.
    auto *portOut = &port;
    auto *isEpollOut = &dispatcherIsEpoll;
    auto *tickCounter = &ticks;
    QMetaObject::invokeMethod(
            server,
            [server, portOut, isEpollOut, tickCounter] {
                *isEpollOut =
                        qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance())
                        != nullptr;
                server->listen(QHostAddress::LocalHost, 0);
                connect(server, &QTcpServer::newConnection, server, [server] {
                    QTcpSocket *peer = server->nextPendingConnection();
                    connect(peer, &QTcpSocket::readyRead, peer,
                            [peer] { peer->write(peer->readAll()); });
                });
                auto *timer = new QTimer(server);
                connect(timer, &QTimer::timeout, server, [tickCounter] { ++*tickCounter; });
                timer->start(5);
                *portOut = server->serverPort();
            },
            Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(port != 0, 5000);
    QVERIFY(dispatcherIsEpoll);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(5000));
    client.write("ping from the main thread");
    QByteArray received;
    connect(&client, &QTcpSocket::readyRead, this, [&] { received += client.readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(received, QByteArray("ping from the main thread"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= 3, 5000);
    client.disconnectFromHost();
    // Deleted in its thread before the loop stops (a queued deleteLater could be left unrun).
    QMetaObject::invokeMethod(
            server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    thread.quit();
    QVERIFY(thread.wait(5000));
}

NEBENGJEK_EPOLL_TEST_MAIN(TestEventLoopDispatcher)
#include "tst_eventloop_dispatcher.moc"
