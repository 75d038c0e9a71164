// SPDX-License-Identifier: MIT
#include "connectcommand.h"

#include "commonoptions.h"
#include "interactivesession.h"

#include "../core/devtoken.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace NebengJek::TestClient {

int runConnectCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("nebengjek-testclient connect: Connect as one user and talk to the "
                           "server. Type `help` once "
                           "connected; lines can also "
                           "be piped in (the session ends --linger ms after the input ends)."));
    parser.addHelpOption();
    CommonOptions common;
    common.addTo(parser);
    const QCommandLineOption user(QStringLiteral("user"),
                                  QStringLiteral("user_id claim of the minted token."),
                                  QStringLiteral("id"), QStringLiteral("qa-user"));
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("driver or passenger."),
                                  QStringLiteral("role"), QStringLiteral("passenger"));
    const QCommandLineOption tokenFile(
            QStringLiteral("token-file"),
            QStringLiteral("Use the token in this file instead of minting one."),
            QStringLiteral("path"));
    const QCommandLineOption origin(QStringLiteral("origin"),
                                    QStringLiteral("Origin header to send."),
                                    QStringLiteral("origin"));
    const QCommandLineOption linger(
            QStringLiteral("linger"),
            QStringLiteral("ms to keep listening after piped input ends (default 1000)."),
            QStringLiteral("ms"), QStringLiteral("1000"));
    // Display claims for the other party's card (docs/protocol.md "Profiles").
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("name claim of the minted token."),
                                  QStringLiteral("text"));
    const QCommandLineOption vehicle(QStringLiteral("vehicle"),
                                     QStringLiteral("vehicle claim (drivers)."),
                                     QStringLiteral("text"));
    const QCommandLineOption plate(QStringLiteral("plate"),
                                   QStringLiteral("plate claim (drivers)."),
                                   QStringLiteral("text"));
    parser.addOptions({user, role, tokenFile, origin, linger, name, vehicle, plate});
    parser.process(arguments);

    QTextStream err(stderr);
    QString error;
    if (!common.read(parser, &error)) {
        err << error << '\n';
        return 2;
    }
    ConnectionOptions options;
    options.url = common.url;
    options.transport = common.transport;
    options.origin = parser.value(origin);
    if (parser.isSet(tokenFile)) {
        QFile file(parser.value(tokenFile));
        if (!file.open(QIODevice::ReadOnly)) {
            err << "--token-file: " << file.errorString() << '\n';
            return 2;
        }
        options.token = file.readAll().trimmed();
    } else {
        const auto parsedRole = Protocol::roleFromName(parser.value(role));
        if (!parsedRole) {
            err << "--role must be driver or passenger\n";
            return 2;
        }
        if (common.secret.isEmpty()) {
            err << "no token secret: set NEBENGJEK_JWT_SECRET (or use --dev, --secret-file / "
                   "--token-file)\n";
            return 2;
        }
        DevTokenClaims claims;
        claims.userId = parser.value(user);
        claims.role = *parsedRole;
        claims.issuer = common.issuer;
        claims.audience = common.audience;
        for (const QCommandLineOption *claim : {&name, &vehicle, &plate}) {
            if (parser.isSet(*claim))
                claims.extra.insert(claim->names().constFirst(), parser.value(*claim));
        }
        options.token = DevToken::mint(claims, common.secret);
    }

    InteractiveSession session(options,
                               QStringLiteral("%1(%2)").arg(parser.value(user), parser.value(role)),
                               parser.value(linger).toInt());
    QObject::connect(&session, &InteractiveSession::finished, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    session.start();
    QCoreApplication::exec();
    return session.exitCode();
}

} // namespace NebengJek::TestClient
