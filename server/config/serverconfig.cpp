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
    return qMax(1, QThread::idealThreadCount());
}

} // namespace NebengJek::Server
