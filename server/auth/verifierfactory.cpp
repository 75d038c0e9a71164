// SPDX-License-Identifier: MIT
#include "verifierfactory.h"

#include <config/serverconfig.h>

#include <QFile>

namespace NebengJek::Server {

std::optional<JwtVerifier> makeJwtVerifier(const ServerConfig &config, QString *error)
{
    JwtKeySet keys;
    if (!config.jwtSecret.isEmpty())
        keys.addHmacKey(config.jwtSecretKid, config.jwtSecret);
    if (!config.jwtPublicKeyFile.isEmpty()) {
        QFile file(config.jwtPublicKeyFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read the JWT public key %1: %2")
                             .arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        QString keyError;
        if (!keys.addRsaPublicKeyPem(config.jwtPublicKeyKid, file.read(64 * 1024), &keyError)) {
            *error = QStringLiteral("JWT public key %1: %2").arg(file.fileName(), keyError);
            return std::nullopt;
        }
    }
    if (!config.jwtSecret.isEmpty() && !config.jwtPublicKeyFile.isEmpty()
        && config.jwtSecretKid == config.jwtPublicKeyKid) {
        *error = QStringLiteral("the HS256 secret and the RS256 key need different kids "
                                "(--jwt-kid, --jwt-public-key-kid)");
        return std::nullopt;
    }
    if (keys.isEmpty()) {
        *error = QStringLiteral("no JWT key configured");
        return std::nullopt;
    }
    JwtVerifyOptions options;
    options.issuer = config.jwtIssuer;
    options.audience = config.jwtAudience;
    options.leewaySeconds = config.jwtLeewaySeconds;
    return JwtVerifier(std::move(keys), options);
}

} // namespace NebengJek::Server
