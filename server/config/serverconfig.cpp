// SPDX-License-Identifier: MIT
#include "serverconfig.h"

#include <QDir>

namespace NebengJek::Server {

QString ServerConfig::effectiveStorageUrl() const
{
    if (!storageUrl.isEmpty())
        return storageUrl;
    return QStringLiteral("sqlite://")
            + QDir(dataDir).absoluteFilePath(QStringLiteral("nebengjek.db"));
}

} // namespace NebengJek::Server
