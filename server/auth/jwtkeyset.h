// SPDX-License-Identifier: MIT
#pragma once

#include <config/serverconfig.h>

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace NebengJek::Server {

class RsaPublicKey;

enum class JwtAlgorithm { HS256, RS256 };

QString jwtAlgorithmName(JwtAlgorithm alg);

// One verification key. Its algorithm is fixed here, not taken from the token: a token's "alg"
// header must match it exactly, which is what defeats "alg: none" and HS/RS confusion (an RSA
// public key is never used as an HMAC secret).
struct JwtKey
{
    QString kid; // empty: the key for tokens without a "kid" header
    JwtAlgorithm algorithm = JwtAlgorithm::HS256;
    QByteArray secret; // HS256
    std::shared_ptr<const RsaPublicKey> publicKey; // RS256
};

class JwtKeySet
{
public:
    static constexpr int kMinimumSecretBytes = kMinimumJwtSecretBytes;

    void addHmacKey(const QString &kid, const QByteArray &secret);
    // Returns false and sets *error if the PEM is not an acceptable RSA public key.
    bool addRsaPublicKeyPem(const QString &kid, const QByteArray &pem, QString *error);

    // The key for a token's "kid" header. A token without a kid uses the key configured without
    // one, or the only key when exactly one is configured.
    const JwtKey *find(const QString &kid) const;
    bool isEmpty() const { return m_keys.empty(); }
    int size() const { return int(m_keys.size()); }

private:
    std::vector<JwtKey> m_keys;
};

} // namespace NebengJek::Server
