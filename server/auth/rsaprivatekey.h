// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace NebengJek::Server {

// An RSA private key that signs RS256. The server itself only verifies; this exists for token
// minting with an RS256 key (tests, development tooling).
class RsaPrivateKey
{
public:
    static std::unique_ptr<RsaPrivateKey> generate(int bits = 2048);
    // "-----BEGIN PRIVATE KEY-----" (PKCS#8) or "-----BEGIN RSA PRIVATE KEY-----".
    static std::unique_ptr<RsaPrivateKey> fromPem(const QByteArray &pem, QString *error);
    ~RsaPrivateKey();

    QByteArray signSha256(QByteArrayView data) const;
    // The matching public key as a SubjectPublicKeyInfo PEM.
    QByteArray publicKeyPem() const;

private:
    explicit RsaPrivateKey(void *key);
    void *m_key; // EVP_PKEY*
};

} // namespace NebengJek::Server
