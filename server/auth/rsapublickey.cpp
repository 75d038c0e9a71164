// SPDX-License-Identifier: MIT
#include "rsapublickey.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace NebengJek::Server {

namespace {
EVP_PKEY *pkey(void *p)
{
    return static_cast<EVP_PKEY *>(p);
}
} // namespace

RsaPublicKey::RsaPublicKey(void *key)
    : m_key(key)
{ }

RsaPublicKey::~RsaPublicKey()
{
    EVP_PKEY_free(pkey(m_key));
}

std::shared_ptr<const RsaPublicKey> RsaPublicKey::fromPem(const QByteArray &pem, QString *error)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    if (!bio) {
        *error = QStringLiteral("out of memory");
        return nullptr;
    }
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    ERR_clear_error();
    if (!key) {
        *error = QStringLiteral("not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
        return nullptr;
    }
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
        EVP_PKEY_free(key);
        *error = QStringLiteral("the public key is not an RSA key");
        return nullptr;
    }
    if (EVP_PKEY_get_bits(key) < kMinimumBits) {
        *error = QStringLiteral("the RSA key has %1 bits; at least %2 are required")
                         .arg(EVP_PKEY_get_bits(key))
                         .arg(kMinimumBits);
        EVP_PKEY_free(key);
        return nullptr;
    }
    return std::shared_ptr<const RsaPublicKey>(new RsaPublicKey(key));
}

bool RsaPublicKey::verifySha256(QByteArrayView data, QByteArrayView signature) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return false;
    bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pkey(m_key)) == 1
            && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.data()),
                                size_t(signature.size()),
                                reinterpret_cast<const unsigned char *>(data.data()),
                                size_t(data.size()))
                    == 1;
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    return ok;
}

int RsaPublicKey::bits() const
{
    return EVP_PKEY_get_bits(pkey(m_key));
}

} // namespace NebengJek::Server
