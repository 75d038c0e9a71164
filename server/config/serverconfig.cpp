// SPDX-License-Identifier: MIT
#include "serverconfig.h"

#include <QDir>
#include <QThread>

namespace NebengJek::Server {

QString ServerConfig::effectiveStorageUrl() const
{
    if (!storageUrl.isEmpty())
        return storageUrl;
    return QStringLiteral("sqlite://")
            + QDir(dataDir).absoluteFilePath(QStringLiteral("nebengjek.db"));
}

int ServerConfig::defaultThreadCount()
{
    // One event loop per core where there are cores to spare for I/O threads. On 2 cores the
    // split measured slower in every figure (docs/performance.md: relay CPU per message 72 µs
    // with one thread against 124 µs with two, saturation 43,805 against 20,049 msg/s): the hub
    // thread is the bottleneck and the hand-off costs more than the parsing it moves away.
    const int cores = QThread::idealThreadCount();
    return cores >= kMinCoresForIoThreads ? cores : 1;
}

} // namespace NebengJek::Server
