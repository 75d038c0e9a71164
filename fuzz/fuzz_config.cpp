// SPDX-License-Identifier: MIT
// The config file parser and the option table behind it: the first byte picks JSON or INI,
// the rest is the file. Loaded the way the server loads it (--config FILE, no environment);
// nothing may crash, and a refusal names at least one error.
#include <config/configloader.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace NebengJek::Server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz_config";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv); // QSettings wants an application object
    static QTemporaryDir dir;
    if (size == 0 || !dir.isValid())
        return 0;
    const QString path = dir.filePath((data[0] & 1) ? QStringLiteral("server.json")
                                                    : QStringLiteral("server.ini"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            abort();
        file.write(reinterpret_cast<const char *>(data) + 1, qint64(size - 1));
    }
    const ConfigLoadResult result = ConfigLoader::load(
            {QStringLiteral("nebengjek-server"), QStringLiteral("--config"), path},
            QProcessEnvironment());
    if (result.action == ConfigLoadResult::Action::Fail && result.errors.isEmpty())
        abort();
    return 0;
}
