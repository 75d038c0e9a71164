// SPDX-License-Identifier: MIT
#include "dispatcherchoice.h"

#include "epolleventdispatcher.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <cstring>

namespace NebengJek::EventLoop {

std::optional<DispatcherKind> parseDispatcherKind(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    if (trimmed.compare(QLatin1String("epoll"), Qt::CaseInsensitive) == 0)
        return DispatcherKind::Epoll;
    if (trimmed.compare(QLatin1String("qt"), Qt::CaseInsensitive) == 0)
        return DispatcherKind::Qt;
    return std::nullopt;
}

std::optional<DispatcherKind> dispatcherFromCommandLine(int argc, char **argv)
{
    static const char kFlag[] = "--event-dispatcher";
    constexpr size_t kFlagLength = sizeof(kFlag) - 1;
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (std::strcmp(arg, "--") == 0)
            break;
        if (std::strncmp(arg, kFlag, kFlagLength) != 0)
            continue;
        if (arg[kFlagLength] == '=')
            return parseDispatcherKind(QString::fromLocal8Bit(arg + kFlagLength + 1));
        if (arg[kFlagLength] == '\0' && i + 1 < argc)
            return parseDispatcherKind(QString::fromLocal8Bit(argv[i + 1]));
    }
    const QString fromEnv = qEnvironmentVariable("WS_EVENT_DISPATCHER");
    if (!fromEnv.isEmpty())
        return parseDispatcherKind(fromEnv);
    return DispatcherKind::Epoll;
}

QAbstractEventDispatcher *createEventDispatcher(DispatcherKind kind)
{
    return kind == DispatcherKind::Epoll ? new EpollEventDispatcher : nullptr;
}

void installMainThreadDispatcher(int argc, char **argv)
{
    // Also for threads Qt starts itself (host lookups, thread pools), which get Qt's default.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", QByteArrayLiteral("1"));
    // An unknown name: Qt's dispatcher for now; the config loader then refuses to start.
    const DispatcherKind kind = dispatcherFromCommandLine(argc, argv).value_or(DispatcherKind::Qt);
    if (QAbstractEventDispatcher *dispatcher = createEventDispatcher(kind))
        QCoreApplication::setEventDispatcher(dispatcher);
}

} // namespace NebengJek::EventLoop
