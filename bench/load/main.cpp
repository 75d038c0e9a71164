// SPDX-License-Identifier: MIT
// nebengjek-bench-load: the load generator of bench/run.sh. Runs one measurement, prints one JSON
// object (and writes it with --json).
#include "benchoptions.h"
#include "connectbench.h"
#include "fanoutbench.h"
#include "relaybench.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <csignal>
#include <memory>

using namespace NebengJek::Bench;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // A server that vanishes mid-run must end the run with a report, not kill the generator.
    std::signal(SIGPIPE, SIG_IGN);
    BenchOptions options;
    if (!parseBenchOptions(QCoreApplication::arguments(), &options))
        return 2;

    std::unique_ptr<BenchRun> bench;
    switch (options.mode) {
    case Mode::Idle:
    case Mode::Storm:
        bench = std::make_unique<ConnectBench>(options);
        break;
    case Mode::Relay:
    case Mode::Chat:
        bench = std::make_unique<RelayBench>(options);
        break;
    case Mode::Fanout:
        bench = std::make_unique<FanoutBench>(options);
        break;
    }
    QJsonObject result = bench->run();
    bench->addCounters(result);
    const QByteArray json = QJsonDocument(result).toJson(QJsonDocument::Compact);
    QTextStream(stdout) << json << '\n';
    if (!options.jsonPath.isEmpty()) {
        QFile file(options.jsonPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            QTextStream(stderr) << "--json: " << file.errorString() << '\n';
            return 2;
        }
        file.write(json + '\n');
    }
    return result.contains(QStringLiteral("error")) ? 1 : 0;
}
