// SPDX-License-Identifier: MIT
// nebengjek-bench-echo: the bare QtWebSockets floor for bench/run.sh.
#include "echoserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Bare QtWebSockets echo/broadcast server: the benchmark's floor. Loopback only."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port (0: any free one)."),
                                  QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption broadcast(
            QStringLiteral("broadcast"),
            QStringLiteral("Send each message to every other client instead of "
                           "back to its sender."));
    parser.addOptions({port, broadcast});
    parser.process(app);

    NebengJek::Bench::EchoServer server(parser.isSet(broadcast)
                                                ? NebengJek::Bench::EchoServer::Mode::Broadcast
                                                : NebengJek::Bench::EchoServer::Mode::Echo);
    if (!server.listen(QHostAddress::LocalHost, quint16(parser.value(port).toUInt()))) {
        QTextStream(stderr) << "cannot listen on port " << parser.value(port) << '\n';
        return 1;
    }
    // The bench script reads the port from this line.
    QTextStream(stdout) << "listening on 127.0.0.1:" << server.port() << Qt::endl;
    // SIGTERM ends the process through the event loop, so profilers (callgrind) write their
    // output; the handler only writes to a pipe, which is all a signal handler may safely do.
    ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe);
    QSocketNotifier signalNotifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGTERM, [](int) { [[maybe_unused]] auto n = ::write(g_signalPipe[0], "x", 1); });
    std::signal(SIGINT, [](int) { [[maybe_unused]] auto n = ::write(g_signalPipe[0], "x", 1); });
    return app.exec();
}
