// SPDX-License-Identifier: MIT
// nebengjek-client-example: the smallest useful program on the NebengJek client SDK. It
// connects with a token, authenticates, resumes, prints the connection quality once it is
// measured, then goes to the background and comes back (suspend/resume) to show a second
// resume from the persisted last_seq, and exits 0. Exit 1 if that does not happen in time.
#include <connection/connectionmanager.h>
#include <connection/connectionquality.h>
#include <protocol/envelope.h>
#include <protocol/role.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <memory>

using NebengJek::Client::ConnectionManager;
using NebengJek::Client::ConnectionQuality;
using NebengJek::Protocol::Envelope;
using NebengJek::Protocol::MessageType;

namespace {
QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nebengjek-client-example"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Connects to a NebengJek gateway with the "
                                                    "client SDK, resumes, shows the quality."));
    parser.addHelpOption();
    const QCommandLineOption urlOption(QStringLiteral("url"),
                                       QStringLiteral("Gateway URL (ws://host:port/ws)."),
                                       QStringLiteral("URL"));
    const QCommandLineOption tokenOption(QStringLiteral("token"),
                                         QStringLiteral("JWT [env NEBENGJEK_TOKEN]."),
                                         QStringLiteral("TOKEN"));
    const QCommandLineOption dataOption(QStringLiteral("data-dir"),
                                        QStringLiteral("Offline queue and last_seq directory."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after SECONDS [30]."),
                                           QStringLiteral("SECONDS"), QStringLiteral("30"));
    parser.addOptions({urlOption, tokenOption, dataOption, timeoutOption});
    parser.process(app);

    const QUrl url(parser.value(urlOption));
    const QString token = parser.isSet(tokenOption) ? parser.value(tokenOption)
                                                    : qEnvironmentVariable("NEBENGJEK_TOKEN");
    if (!url.isValid() || url.isEmpty() || token.isEmpty()) {
        QTextStream(stderr) << "usage: nebengjek-client-example --url ws://host:port/ws "
                               "--token TOKEN (see --help)\n";
        return 2;
    }

    // Everything the SDK does on its own: upgrade with the Bearer token, auth, resume, queue
    // flush, pings, reconnect with backoff.
    // Without --data-dir: the platform's app data directory (QStandardPaths).
    const auto connection = parser.isSet(dataOption)
            ? std::make_unique<ConnectionManager>(parser.value(dataOption))
            : std::make_unique<ConnectionManager>();
    ConnectionQuality *quality = connection->quality();
    int resumes = 0;
    bool qualityShown = false;

    auto finishIfDone = [&] {
        if (resumes == 1 && qualityShown) {
            // Like an app sent to the background and back: close, reconnect, resume again.
            // Deferred: not from inside the socket's own signal.
            out() << "suspending and resuming" << Qt::endl;
            QTimer::singleShot(0, connection.get(), [&connection] {
                connection->suspend();
                connection->resume();
            });
        } else if (resumes >= 2) {
            out() << "done" << Qt::endl;
            QCoreApplication::exit(0);
        }
    };

    QObject::connect(connection.get(), &ConnectionManager::stateChanged, &app,
                     [](ConnectionManager::State state) {
                         out() << "state: " << QVariant::fromValue(state).toString() << Qt::endl;
                     });
    QObject::connect(connection.get(), &ConnectionManager::authenticated, &app,
                     [](const QString &userId, NebengJek::Protocol::Role role) {
                         out() << "authenticated: " << userId << " ("
                               << NebengJek::Protocol::roleName(role) << ")" << Qt::endl;
                     });
    // After every authentication the SDK sends resume {last_seq}; the server replays what we
    // missed (through messageReceived), then resume.done.
    QObject::connect(connection.get(), &ConnectionManager::messageReceived, &app,
                     [](const Envelope &envelope) {
                         out() << "event: " << NebengJek::Protocol::messageTypeName(envelope.type)
                               << " seq " << envelope.seq << Qt::endl;
                     });
    QObject::connect(connection.get(), &ConnectionManager::resumed, &app, [&] {
        ++resumes;
        out() << "resumed: last_seq " << connection->lastSeq() << Qt::endl;
        finishIfDone();
    });
    // The level follows the smoothed ping round trip (docs/client.md, "Connection quality").
    QObject::connect(quality, &ConnectionQuality::levelChanged, &app, [&] {
        if (qualityShown || quality->rttMs() < 0)
            return;
        qualityShown = true;
        out() << "quality: " << quality->levelName() << " (rtt " << quality->rttMs() << " ms)"
              << Qt::endl;
        finishIfDone();
    });
    QObject::connect(connection.get(), &ConnectionManager::signedOutByServer, &app,
                     [](const QString &reason) {
                         QTextStream(stderr) << "signed out by the server: " << reason << '\n';
                         QCoreApplication::exit(1);
                     });
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &app, [&] {
        QTextStream(stderr) << "timed out (state "
                            << QVariant::fromValue(connection->state()).toString() << ", "
                            << connection->lastError() << ")\n";
        QCoreApplication::exit(1);
    });

    connection->setCredentials(url, token);
    connection->open();
    return QCoreApplication::exec();
}
