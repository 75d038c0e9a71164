// SPDX-License-Identifier: MIT
#include "jwtverifier.h"

#include "base64url.h"
#include "rsapublickey.h"

#include <protocol/jsonguard.h>
#include <protocol/messages/authmessages.h>
#include <protocol/profile.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>

#include <cmath>

namespace NebengJek::Server {

namespace {

// Ids in claims follow the protocol's identifier rule, so they are safe in logs and keys.
constexpr int kMaxUserIdLength = 128;
// Seconds since epoch beyond year 9999 are not timestamps.
constexpr double kMaxEpochSeconds = 253402300799.0;

JwtResult failure(JwtError error)
{
    JwtResult r;
    r.error = error;
    return r;
}

std::optional<QJsonObject> decodeJsonObject(QByteArrayView part)
{
    const auto bytes = base64UrlDecode(part);
    if (!bytes)
        return std::nullopt;
    // Duplicate keys would let two parsers read different claims from one token.
    if (Protocol::checkJsonStructure(*bytes))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool isValidUserId(const QString &id)
{
    if (id.isEmpty() || id.size() > kMaxUserIdLength)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                || u == '_' || u == '.' || u == ':' || u == '@' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

// A NumericDate claim: absent -> nullopt with *present false; present but not a number -> false.
bool readNumericDate(const QJsonObject &claims, const QString &key, std::optional<double> *out)
{
    const auto it = claims.constFind(key);
    if (it == claims.constEnd())
        return true;
    if (!it->isDouble())
        return false;
    const double v = it->toDouble();
    if (!std::isfinite(v) || v < 0 || v > kMaxEpochSeconds)
        return false;
    *out = v;
    return true;
}

// A display claim as the card shows it: a string claim without control characters, trimmed and
// cut to `maxLength`; anything else is ignored rather than refusing an otherwise valid token.
QString displayClaim(const QJsonObject &claims, const char *key, int maxLength)
{
    const QJsonValue v = claims.value(QLatin1String(key));
    if (!v.isString())
        return {};
    QString text = v.toString();
    text.removeIf([](QChar c) {
        return c.category() == QChar::Other_Control || c == QChar(0x2028) || c == QChar(0x2029);
    });
    return text.trimmed().left(maxLength);
}

QString readUserId(const QJsonObject &claims)
{
    QJsonValue v = claims.value(QStringLiteral("user_id"));
    if (v.isUndefined())
        v = claims.value(QStringLiteral("sub"));
    if (v.isString())
        return v.toString();
    // The users service issues numeric ids.
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d >= 0 && d <= 9007199254740991.0 && std::floor(d) == d)
            return QString::number(qint64(d));
    }
    return {};
}

} // namespace

QString jwtErrorName(JwtError error)
{
    switch (error) {
    case JwtError::None:
        return QStringLiteral("none");
    case JwtError::TooLarge:
        return QStringLiteral("too_large");
    case JwtError::Malformed:
        return QStringLiteral("malformed");
    case JwtError::UnsupportedAlgorithm:
        return QStringLiteral("unsupported_algorithm");
    case JwtError::UnknownKey:
        return QStringLiteral("unknown_key");
    case JwtError::AlgorithmMismatch:
        return QStringLiteral("algorithm_mismatch");
    case JwtError::BadSignature:
        return QStringLiteral("bad_signature");
    case JwtError::Expired:
        return QStringLiteral("expired");
    case JwtError::NotYetValid:
        return QStringLiteral("not_yet_valid");
    case JwtError::WrongIssuer:
        return QStringLiteral("wrong_issuer");
    case JwtError::WrongAudience:
        return QStringLiteral("wrong_audience");
    case JwtError::BadClaims:
        return QStringLiteral("bad_claims");
    }
    return QStringLiteral("unknown");
}

JwtVerifier::JwtVerifier(JwtKeySet keys, JwtVerifyOptions options)
    : m_keys(std::move(keys))
    , m_options(std::move(options))
{ }

JwtResult JwtVerifier::verify(QByteArrayView token, qint64 nowMs) const
{
    // Size first: an unauthenticated peer must not make us decode or hash megabytes.
    if (token.size() > Protocol::kMaxTokenLength)
        return failure(JwtError::TooLarge);

    qsizetype dots[2] = {-1, -1};
    int dotCount = 0;
    for (qsizetype i = 0; i < token.size(); ++i) {
        if (token[i] == '.') {
            if (dotCount == 2)
                return failure(JwtError::Malformed);
            dots[dotCount++] = i;
        }
    }
    if (dotCount != 2)
        return failure(JwtError::Malformed);
    const QByteArrayView headerPart = token.first(dots[0]);
    const QByteArrayView payloadPart = token.sliced(dots[0] + 1, dots[1] - dots[0] - 1);
    const QByteArrayView signaturePart = token.sliced(dots[1] + 1);
    const QByteArrayView signingInput = token.first(dots[1]);

    const auto header = decodeJsonObject(headerPart);
    if (!header)
        return failure(JwtError::Malformed);
    const QJsonValue algValue = header->value(QStringLiteral("alg"));
    if (!algValue.isString())
        return failure(JwtError::Malformed);
    const QString alg = algValue.toString();
    JwtAlgorithm algorithm;
    if (alg == QLatin1String("HS256"))
        algorithm = JwtAlgorithm::HS256;
    else if (alg == QLatin1String("RS256"))
        algorithm = JwtAlgorithm::RS256;
    else
        return failure(JwtError::UnsupportedAlgorithm); // "none", "HS512", "none " ...
    // RFC 7515 §4.1.11: extensions we do not understand must be refused.
    if (header->contains(QStringLiteral("crit")))
        return failure(JwtError::UnsupportedAlgorithm);
    if (const QJsonValue typ = header->value(QStringLiteral("typ")); !typ.isUndefined()) {
        const QString t = typ.toString().toLower();
        if (t != QLatin1String("jwt") && t != QLatin1String("at+jwt"))
            return failure(JwtError::Malformed);
    }
    QString kid;
    if (const QJsonValue kidValue = header->value(QStringLiteral("kid")); !kidValue.isUndefined()) {
        if (!kidValue.isString())
            return failure(JwtError::Malformed);
        kid = kidValue.toString();
    }

    const JwtKey *key = m_keys.find(kid);
    if (!key)
        return failure(JwtError::UnknownKey);
    if (key->algorithm != algorithm)
        return failure(JwtError::AlgorithmMismatch);

    const auto signature = base64UrlDecode(signaturePart);
    if (!signature || signature->isEmpty())
        return failure(JwtError::BadSignature);
    bool signatureOk = false;
    if (algorithm == JwtAlgorithm::HS256) {
        const QByteArray expected = QMessageAuthenticationCode::hash(
                signingInput.toByteArray(), key->secret, QCryptographicHash::Sha256);
        signatureOk = constantTimeEquals(expected, *signature);
    } else {
        signatureOk = key->publicKey && key->publicKey->verifySha256(signingInput, *signature);
    }
    if (!signatureOk)
        return failure(JwtError::BadSignature);

    // Only now is the payload trusted enough to read.
    const auto claims = decodeJsonObject(payloadPart);
    if (!claims)
        return failure(JwtError::Malformed);

    std::optional<double> exp, nbf, iat;
    if (!readNumericDate(*claims, QStringLiteral("exp"), &exp) || !exp
        || !readNumericDate(*claims, QStringLiteral("nbf"), &nbf)
        || !readNumericDate(*claims, QStringLiteral("iat"), &iat))
        return failure(JwtError::BadClaims);
    const double now = double(nowMs) / 1000.0;
    const double leeway = m_options.leewaySeconds;
    if (now > *exp + leeway)
        return failure(JwtError::Expired);
    if ((nbf && now + leeway < *nbf) || (iat && now + leeway < *iat))
        return failure(JwtError::NotYetValid);

    if (!m_options.issuer.isEmpty()) {
        const QJsonValue iss = claims->value(QStringLiteral("iss"));
        if (!iss.isString() || iss.toString() != m_options.issuer)
            return failure(JwtError::WrongIssuer);
    }
    if (!m_options.audience.isEmpty()) {
        const QJsonValue aud = claims->value(QStringLiteral("aud"));
        bool match = aud.isString() && aud.toString() == m_options.audience;
        if (aud.isArray()) {
            const QJsonArray list = aud.toArray();
            for (const QJsonValue &entry : list)
                match = match || (entry.isString() && entry.toString() == m_options.audience);
        }
        if (!match)
            return failure(JwtError::WrongAudience);
    }

    JwtClaims result;
    result.userId = readUserId(*claims);
    if (!isValidUserId(result.userId))
        return failure(JwtError::BadClaims);
    const auto role = Protocol::roleFromName(claims->value(QStringLiteral("role")).toString());
    if (!role)
        return failure(JwtError::BadClaims);
    result.role = *role;
    result.expiresAtMs = qint64(*exp * 1000.0);
    result.issuedAtMs = iat ? qint64(*iat * 1000.0) : 0;
    result.keyId = key->kid;
    result.name = displayClaim(*claims, "name", Protocol::Profile::kMaxNameLength);
    result.vehicle = displayClaim(*claims, "vehicle", Protocol::Profile::kMaxVehicleLength);
    result.plate = displayClaim(*claims, "plate", Protocol::Profile::kMaxPlateLength);
    JwtResult ok;
    ok.claims = std::move(result);
    return ok;
}

} // namespace NebengJek::Server
