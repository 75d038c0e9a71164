// SPDX-License-Identifier: MIT
// nebengjek-testclient: the QA client. Thin: picks the sub-command, which owns its options.
#include "commands/connectcommand.h"
#include "commands/loadcommand.h"
#include "commands/runcommand.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char *kUsage =
        "usage: nebengjek-testclient <command> [options]\n"
        "\n"
        "commands:\n"
        "  connect     connect as a user and role; type messages, see every incoming message\n"
        "  run         run scenario files (docs/testclient.md); --junit FILE; --spawn-server PATH\n"
        "  load        virtual drivers and passengers; live progress; latency report (--json "
        "FILE)\n"
        "\n"
        "`nebengjek-testclient <command> --help` lists the command's options. Tokens are minted\n"
        "from $NEBENGJEK_JWT_SECRET (or --secret-file) and are never printed.\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nebengjek-testclient"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NEBENGJEK_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        QTextStream(stdout) << kUsage;
        return command.isEmpty() ? 2 : 0;
    }
    // The sub-command parses "<program> options...": its own options only.
    arguments.removeAt(1);
    if (command == QLatin1String("connect"))
        return NebengJek::TestClient::runConnectCommand(arguments);
    if (command == QLatin1String("run"))
        return NebengJek::TestClient::runRunCommand(arguments);
    if (command == QLatin1String("load"))
        return NebengJek::TestClient::runLoadCommand(arguments);
    QTextStream(stderr) << "unknown command \"" << command << "\"\n\n" << kUsage;
    return 2;
}
