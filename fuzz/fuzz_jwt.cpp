// SPDX-License-Identifier: MIT
// JWT verification on untrusted tokens. The first byte picks the mode:
//  - even: the rest is a whole token, verified as sent (structure, base64url, header checks);
//  - odd:  the rest is "header.claims" (raw JSON, base64url-encoded here) signed with the
//          configured HS256 key, so the fuzzer reaches the claims checks behind the signature.
// Nothing may crash, a refusal names its reason, and an accepted token yields valid claims.
#include <auth/base64url.h>
#include <auth/jwtverifier.h>

#include <QMessageAuthenticationCode>

#include <cstdint>
#include <cstdlib>

using namespace NebengJek::Server;

namespace {

const QByteArray kSecret = QByteArrayLiteral("fuzzing-secret-fuzzing-secret-32b!");
constexpr qint64 kNowMs = Q_INT64_C(1767225600000); // 2026-01-01

const JwtVerifier &verifier()
{
    static const JwtVerifier v = [] {
        JwtKeySet keys;
        keys.addHmacKey(QString(), kSecret);
        JwtVerifyOptions options;
        options.issuer = QStringLiteral("nebengjek-users");
        options.audience = QStringLiteral("nebengjek-realtime");
        return JwtVerifier(keys, options);
    }();
    return v;
}

QByteArray signedToken(QByteArrayView headerAndClaims)
{
    const qsizetype dot = headerAndClaims.indexOf('.');
    const QByteArrayView header =
            dot < 0 ? QByteArrayView("{\"alg\":\"HS256\"}") : headerAndClaims.first(dot);
    const QByteArrayView claims = dot < 0 ? headerAndClaims : headerAndClaims.sliced(dot + 1);
    const QByteArray input = base64UrlEncode(header) + '.' + base64UrlEncode(claims);
    return input + '.'
            + base64UrlEncode(
                    QMessageAuthenticationCode::hash(input, kSecret, QCryptographicHash::Sha256));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView rest(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QByteArray token = (data[0] & 1) ? signedToken(rest) : rest.toByteArray();
    const JwtResult result = verifier().verify(token, kNowMs);
    if (!result.ok()) {
        if (result.error == JwtError::None || jwtErrorName(result.error).isEmpty())
            abort();
        return 0;
    }
    if (result.error != JwtError::None || result.claims->userId.isEmpty()
        || result.claims->expiresAtMs <= 0)
        abort();
    return 0;
}
