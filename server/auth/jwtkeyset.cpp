// SPDX-License-Identifier: MIT
#include "jwtkeyset.h"

#include "rsapublickey.h"

namespace NebengJek::Server {

QString jwtAlgorithmName(JwtAlgorithm alg)
{
    return alg == JwtAlgorithm::HS256 ? QStringLiteral("HS256") : QStringLiteral("RS256");
}

void JwtKeySet::addHmacKey(const QString &kid, const QByteArray &secret)
{
    JwtKey key;
    key.kid = kid;
    key.algorithm = JwtAlgorithm::HS256;
    key.secret = secret;
    m_keys.push_back(std::move(key));
}

bool JwtKeySet::addRsaPublicKeyPem(const QString &kid, const QByteArray &pem, QString *error)
{
    auto publicKey = RsaPublicKey::fromPem(pem, error);
    if (!publicKey)
        return false;
    JwtKey key;
    key.kid = kid;
    key.algorithm = JwtAlgorithm::RS256;
    key.publicKey = std::move(publicKey);
    m_keys.push_back(std::move(key));
    return true;
}

const JwtKey *JwtKeySet::find(const QString &kid) const
{
    for (const JwtKey &key : m_keys) {
        if (key.kid == kid)
            return &key;
    }
    if (kid.isEmpty() && m_keys.size() == 1)
        return &m_keys.front();
    return nullptr;
}

} // namespace NebengJek::Server
