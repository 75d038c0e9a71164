// SPDX-License-Identifier: MIT
#include "rsaprivatekey.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace NebengJek::Server {

namespace {
EVP_PKEY *pkey(void *p)
{
    return static_cast<EVP_PKEY *>(p);
}
} // namespace

RsaPrivateKey::RsaPrivateKey(void *key)
    : m_key(key)
{ }

RsaPrivateKey::~RsaPrivateKey()
{
    EVP_PKEY_free(pkey(m_key));
}

std::unique_ptr<RsaPrivateKey> RsaPrivateKey::generate(int bits)
{
    EVP_PKEY *key = EVP_RSA_gen(unsigned(bits));
    ERR_clear_error();
    if (!key)
        return nullptr;
    return std::unique_ptr<RsaPrivateKey>(new RsaPrivateKey(key));
}

std::unique_ptr<RsaPrivateKey> RsaPrivateKey::fromPem(const QByteArray &pem, QString *error)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    if (!bio) {
        *error = QStringLiteral("out of memory");
        return nullptr;
    }
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    ERR_clear_error();
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
        EVP_PKEY_free(key);
        *error = QStringLiteral("not a PEM RSA private key");
        return nullptr;
    }
    return std::unique_ptr<RsaPrivateKey>(new RsaPrivateKey(key));
}

QByteArray RsaPrivateKey::signSha256(QByteArrayView data) const
{
    QByteArray signature;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return signature;
    size_t length = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(data.data());
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pkey(m_key)) == 1
        && EVP_DigestSign(ctx, nullptr, &length, in, size_t(data.size())) == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length, in,
                           size_t(data.size()))
            == 1) {
            signature.resize(qsizetype(length));
        } else {
            signature.clear();
        }
    }
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    return signature;
}

QByteArray RsaPrivateKey::publicKeyPem() const
{
    QByteArray pem;
    BIO *bio = BIO_new(BIO_s_mem());
    if (!bio)
        return pem;
    if (PEM_write_bio_PUBKEY(bio, pkey(m_key)) == 1) {
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, qsizetype(size));
    }
    BIO_free(bio);
    return pem;
}

} // namespace NebengJek::Server
