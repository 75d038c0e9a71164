// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace NebengJek::Server {

// An RSA public key (libcrypto) that verifies RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signatures.
class RsaPublicKey
{
public:
    // Keys shorter than this are refused: 2048 bits is the floor of current guidance (NIST).
    static constexpr int kMinimumBits = 2048;

    // A "-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo) PEM. Returns nullptr and sets
    // *error for anything that is not an RSA public key of at least kMinimumBits.
    static std::shared_ptr<const RsaPublicKey> fromPem(const QByteArray &pem, QString *error);
    ~RsaPublicKey();

    bool verifySha256(QByteArrayView data, QByteArrayView signature) const;
    int bits() const;

private:
    explicit RsaPublicKey(void *key);
    void *m_key; // EVP_PKEY*, kept opaque so callers do not need OpenSSL headers
};

} // namespace NebengJek::Server
