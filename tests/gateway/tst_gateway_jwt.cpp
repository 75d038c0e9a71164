// SPDX-License-Identifier: MIT
// JwtVerifier against every attack on the token itself: alg none, HS/RS confusion, expired,
// not yet valid, wrong iss/aud, tampered signature or payload, oversized, malformed.
#include <auth/base64url.h>
#include <auth/jwtverifier.h>
#include <auth/rsaprivatekey.h>
#include <auth/tokenminter.h>
#include <protocol/messages/authmessages.h>

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace NebengJek::Server;
using NebengJek::Protocol::Role;

namespace {
const QByteArray kSecret = QByteArrayLiteral("unit-test-secret-0123456789-0123456789");
constexpr qint64 kNow = 1700000000; // seconds; fixed so every case is deterministic

QJsonObject claims(qint64 exp = kNow + 3600)
{
    return {{QStringLiteral("user_id"), QStringLiteral("u-1")},
            {QStringLiteral("role"), QStringLiteral("driver")},
            {QStringLiteral("iss"), QStringLiteral("nebengjek")},
            {QStringLiteral("aud"), QStringLiteral("nebengjek-realtime")},
            {QStringLiteral("iat"), double(kNow)},
            {QStringLiteral("exp"), double(exp)}};
}

QByteArray hs256With(const QJsonObject &header, const QJsonObject &payload, const QByteArray &key)
{
    const QByteArray input = TokenMinter::signingInput(header, payload);
    return input + '.'
            + base64UrlEncode(
                    QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256));
}

QJsonObject header(const char *alg, const QString &kid = {})
{
    QJsonObject h {{QStringLiteral("alg"), QLatin1String(alg)},
                   {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!kid.isEmpty())
        h.insert(QStringLiteral("kid"), kid);
    return h;
}
} // namespace

class TestJwtVerifier : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RsaPrivateKey> m_rsa;
    JwtVerifier m_hsOnly;
    JwtVerifier m_mixed; // kid "hs" -> HS256, kid "rs" -> RS256

    JwtResult verify(const JwtVerifier &v, const QByteArray &token, qint64 nowSeconds = kNow)
    {
        return v.verify(token, nowSeconds * 1000);
    }

private slots:
    void initTestCase()
    {
        m_rsa = RsaPrivateKey::generate(2048);
        QVERIFY(m_rsa);
        JwtVerifyOptions options;
        options.issuer = QStringLiteral("nebengjek");
        options.audience = QStringLiteral("nebengjek-realtime");
        options.leewaySeconds = 30;

        JwtKeySet hs;
        hs.addHmacKey(QString(), kSecret);
        m_hsOnly = JwtVerifier(hs, options);

        JwtKeySet mixed;
        mixed.addHmacKey(QStringLiteral("hs"), kSecret);
        QString error;
        QVERIFY2(mixed.addRsaPublicKeyPem(QStringLiteral("rs"), m_rsa->publicKeyPem(), &error),
                 qPrintable(error));
        m_mixed = JwtVerifier(mixed, options);
    }

    void validHs256()
    {
        const JwtResult r = verify(m_hsOnly, TokenMinter::signHs256(claims(), kSecret));
        QVERIFY(r.ok());
        QCOMPARE(r.claims->userId, QStringLiteral("u-1"));
        QCOMPARE(r.claims->role, Role::Driver);
        QCOMPARE(r.claims->expiresAtMs, (kNow + 3600) * 1000);
    }

    void validRs256()
    {
        const JwtResult r =
                verify(m_mixed, TokenMinter::signRs256(claims(), *m_rsa, QStringLiteral("rs")));
        QVERIFY(r.ok());
        QCOMPARE(r.claims->keyId, QStringLiteral("rs"));
    }

    void algNoneRejected_data()
    {
        QTest::addColumn<QByteArray>("alg");
        QTest::newRow("none") << QByteArray("none");
        QTest::newRow("None") << QByteArray("None");
        QTest::newRow("NONE") << QByteArray("NONE");
        QTest::newRow("HS512") << QByteArray("HS512");
        QTest::newRow("ES256") << QByteArray("ES256");
    }
    void algNoneRejected()
    {
        QFETCH(QByteArray, alg);
        // Unsigned ("none" with an empty signature) and signed-anyway variants.
        const QByteArray input = TokenMinter::signingInput(header(alg.constData()), claims());
        QCOMPARE(verify(m_hsOnly, input + '.').error, JwtError::UnsupportedAlgorithm);
        QCOMPARE(verify(m_hsOnly, hs256With(header(alg.constData()), claims(), kSecret)).error,
                 JwtError::UnsupportedAlgorithm);
    }

    void hsRsConfusionRejected()
    {
        // Classic confusion: HS256 "signed" with the RSA public key PEM as the HMAC secret, under
        // the RSA key's kid. The kid pins RS256, so the HS256 header is refused outright.
        const QByteArray pem = m_rsa->publicKeyPem();
        const QByteArray forged = hs256With(header("HS256", QStringLiteral("rs")), claims(), pem);
        QCOMPARE(verify(m_mixed, forged).error, JwtError::AlgorithmMismatch);
        // And the other way round: RS256 claimed for the HS key.
        const QByteArray rsForHs = TokenMinter::signRs256(claims(), *m_rsa, QStringLiteral("hs"));
        QCOMPARE(verify(m_mixed, rsForHs).error, JwtError::AlgorithmMismatch);
        // An RS256 token where only an HS key exists.
        QCOMPARE(verify(m_hsOnly, TokenMinter::signRs256(claims(), *m_rsa)).error,
                 JwtError::AlgorithmMismatch);
    }

    void expired()
    {
        const QByteArray t = TokenMinter::signHs256(claims(kNow - 31), kSecret);
        QCOMPARE(verify(m_hsOnly, t).error, JwtError::Expired);
        // Within the 30 s leeway it is still accepted.
        QVERIFY(verify(m_hsOnly, TokenMinter::signHs256(claims(kNow - 29), kSecret)).ok());
        // exp is required.
        QJsonObject noExp = claims();
        noExp.remove(QStringLiteral("exp"));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(noExp, kSecret)).error,
                 JwtError::BadClaims);
    }

    void notYetValid()
    {
        QJsonObject c = claims();
        c.insert(QStringLiteral("nbf"), double(kNow + 120));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).error, JwtError::NotYetValid);
        c.insert(QStringLiteral("nbf"), double(kNow + 10)); // within leeway
        QVERIFY(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).ok());
        QJsonObject future = claims();
        future.insert(QStringLiteral("iat"), double(kNow + 600));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(future, kSecret)).error,
                 JwtError::NotYetValid);
    }

    void wrongIssuerAndAudience()
    {
        QJsonObject c = claims();
        c.insert(QStringLiteral("iss"), QStringLiteral("evil"));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).error, JwtError::WrongIssuer);
        c = claims();
        c.remove(QStringLiteral("iss"));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).error, JwtError::WrongIssuer);
        c = claims();
        c.insert(QStringLiteral("aud"), QStringLiteral("other-service"));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).error,
                 JwtError::WrongAudience);
        c.insert(QStringLiteral("aud"),
                 QJsonArray {QStringLiteral("a"), QStringLiteral("nebengjek-realtime")});
        QVERIFY(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).ok());
    }

    void tampered()
    {
        const QByteArray good = TokenMinter::signHs256(claims(), kSecret);
        // Flip one signature character.
        QByteArray badSig = good;
        badSig[badSig.size() - 5] = badSig[badSig.size() - 5] == 'A' ? 'B' : 'A';
        QCOMPARE(verify(m_hsOnly, badSig).error, JwtError::BadSignature);
        // Swap in a payload that promotes the user, keeping the old signature.
        QJsonObject evil = claims();
        evil.insert(QStringLiteral("user_id"), QStringLiteral("admin"));
        const QList<QByteArray> parts = good.split('.');
        const QByteArray swapped = parts[0] + '.'
                + base64UrlEncode(QJsonDocument(evil).toJson(QJsonDocument::Compact)) + '.'
                + parts[2];
        QCOMPARE(verify(m_hsOnly, swapped).error, JwtError::BadSignature);
        // Wrong secret.
        QCOMPARE(verify(m_hsOnly,
                        TokenMinter::signHs256(claims(), "another-secret-0123456789-0123456789"))
                         .error,
                 JwtError::BadSignature);
        // Empty signature.
        QCOMPARE(verify(m_hsOnly, parts[0] + '.' + parts[1] + '.').error, JwtError::BadSignature);
        // Tampered RS256.
        QByteArray rs = TokenMinter::signRs256(claims(), *m_rsa, QStringLiteral("rs"));
        rs[rs.size() - 3] = rs[rs.size() - 3] == 'A' ? 'B' : 'A';
        QCOMPARE(verify(m_mixed, rs).error, JwtError::BadSignature);
    }

    void oversizedRejectedBeforeDecoding()
    {
        QJsonObject c = claims();
        c.insert(QStringLiteral("pad"), QString(5000, QLatin1Char('x')));
        const QByteArray big = TokenMinter::signHs256(c, kSecret);
        QVERIFY(big.size() > NebengJek::Protocol::kMaxTokenLength);
        QCOMPARE(verify(m_hsOnly, big).error, JwtError::TooLarge);
        // Garbage of that size is refused the same way (no decoding attempted).
        QCOMPARE(verify(m_hsOnly, QByteArray(NebengJek::Protocol::kMaxTokenLength + 1, '.')).error,
                 JwtError::TooLarge);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one part") << QByteArray("abc");
        QTest::newRow("four parts") << QByteArray("a.b.c.d");
        QTest::newRow("not base64") << QByteArray("e30*.e30.c2ln");
        QTest::newRow("padding") << QByteArray("e30=.e30.c2ln");
        QTest::newRow("header not json") << (base64UrlEncode("nope") + ".e30.c2ln");
        QTest::newRow("header array") << (base64UrlEncode("[]") + ".e30.c2ln");
        QTest::newRow("duplicate alg")
                << (base64UrlEncode(R"({"alg":"none","alg":"HS256"})") + ".e30.c2ln");
    }
    void malformed()
    {
        QFETCH(QByteArray, token);
        const JwtResult r = verify(m_hsOnly, token);
        QVERIFY(!r.ok());
        QCOMPARE(r.error, JwtError::Malformed);
    }

    void critAndUnknownKid()
    {
        QJsonObject h = header("HS256");
        h.insert(QStringLiteral("crit"), QJsonArray {QStringLiteral("exp")});
        QCOMPARE(verify(m_hsOnly, hs256With(h, claims(), kSecret)).error,
                 JwtError::UnsupportedAlgorithm);
        QCOMPARE(verify(m_mixed, TokenMinter::signHs256(claims(), kSecret, QStringLiteral("nope")))
                         .error,
                 JwtError::UnknownKey);
        // Two keys: a token without kid matches neither.
        QCOMPARE(verify(m_mixed, TokenMinter::signHs256(claims(), kSecret)).error,
                 JwtError::UnknownKey);
    }

    void claimsValidated()
    {
        QJsonObject c = claims();
        c.insert(QStringLiteral("role"), QStringLiteral("admin"));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).error, JwtError::BadClaims);
        c = claims();
        c.insert(QStringLiteral("user_id"), QStringLiteral("bad id with spaces"));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).error, JwtError::BadClaims);
        c = claims();
        c.insert(QStringLiteral("user_id"), 42);
        const JwtResult numeric = verify(m_hsOnly, TokenMinter::signHs256(c, kSecret));
        QVERIFY(numeric.ok());
        QCOMPARE(numeric.claims->userId, QStringLiteral("42"));
        c = claims();
        c.insert(QStringLiteral("exp"), QStringLiteral("tomorrow"));
        QCOMPARE(verify(m_hsOnly, TokenMinter::signHs256(c, kSecret)).error, JwtError::BadClaims);
    }

    void base64UrlStrict()
    {
        QCOMPARE(base64UrlDecode("TWE").value_or(QByteArray()), QByteArray("Ma"));
        QVERIFY(!base64UrlDecode("TWF").has_value()); // non-canonical last character
        QVERIFY(!base64UrlDecode("TWE=").has_value());
        QVERIFY(!base64UrlDecode("T").has_value());
        QVERIFY(!base64UrlDecode("T+E").has_value());
    }

    void weakRsaKeyRefused()
    {
        auto small = RsaPrivateKey::generate(1024);
        QVERIFY(small);
        JwtKeySet keys;
        QString error;
        QVERIFY(!keys.addRsaPublicKeyPem(QString(), small->publicKeyPem(), &error));
        QVERIFY(error.contains(QLatin1String("2048")));
        QVERIFY(!keys.addRsaPublicKeyPem(QString(), "not a pem", &error));
    }
};

QTEST_GUILESS_MAIN(TestJwtVerifier)
#include "tst_gateway_jwt.moc"
