// SPDX-License-Identifier: MIT
#pragma once

#include "../core/connectionoptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace NebengJek::TestClient {

// Options every sub-command shares: where the server is and how tokens are made. The secret is
// read from the environment or a file, never from the command line (where `ps` shows it).
class CommonOptions
{
public:
    static constexpr const char *kDefaultUrl = "ws://127.0.0.1:8080/ws";

    void addTo(QCommandLineParser &parser);
    // False (with a message) when an option value is invalid.
    bool read(const QCommandLineParser &parser, QString *error);

    QUrl url;
    QByteArray secret;
    QString issuer;
    QString audience;
    TokenTransport transport = TokenTransport::Header;

private:
    QCommandLineOption m_url {
            QStringLiteral("url"),
            QStringLiteral("Server WebSocket URL (default %1, or $NEBENGJEK_URL).")
                    .arg(QLatin1String(kDefaultUrl)),
            QStringLiteral("url")};
    QCommandLineOption m_secretFile {
            QStringLiteral("secret-file"),
            QStringLiteral("File holding the HS256 secret that signs development tokens (default: "
                           "$NEBENGJEK_JWT_SECRET, then $WS_JWT_SECRET, the server's variable)."),
            QStringLiteral("path")};
    // The server's defaults (--jwt-issuer, --jwt-audience); pass "" when it checks neither.
    QCommandLineOption m_issuer {QStringLiteral("issuer"),
                                 QStringLiteral("iss claim of minted tokens (default nebengjek)."),
                                 QStringLiteral("iss"), QStringLiteral("nebengjek")};
    QCommandLineOption m_audience {
            QStringLiteral("audience"),
            QStringLiteral("aud claim of minted tokens (default nebengjek-realtime)."),
            QStringLiteral("aud"), QStringLiteral("nebengjek-realtime")};
    QCommandLineOption m_dev {
            QStringLiteral("dev"),
            QStringLiteral("Sign tokens with the development secret that a server started with "
                           "--dev accepts.")};
    QCommandLineOption m_transport {
            QStringLiteral("token-transport"),
            QStringLiteral("How the token is sent: header (default), query, "
                           "message or none."),
            QStringLiteral("how"), QStringLiteral("header")};
};

} // namespace NebengJek::TestClient
