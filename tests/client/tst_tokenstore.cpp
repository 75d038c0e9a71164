// SPDX-License-Identifier: MIT
// TokenStore without a keychain (no D-Bus session, as on a headless box): it must say so and
// refuse to write the token in plain text unless the user opted in.
#include <storage/tokenstore.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace NebengJek::Client;

namespace {
constexpr int kWait = 10000;
const QString kToken = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.payload.signature");
} // namespace

class TestTokenStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // No session bus: every Secret Service / KWallet call fails, as on a headless server.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/nebengjek-no-bus");
        qunsetenv("DISPLAY"); // and no X11 to autolaunch one from
    }

    void init() { QVERIFY(m_dir.isValid()); }

    void probeReportsNoKeychain()
    {
        TokenStore store(QStringLiteral("probe-test"), plaintextPath());
        QSignalSpy probed(&store, &TokenStore::probeFinished);
        QVERIFY(!store.isProbed());
        store.probe();
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, kWait);
        QCOMPARE(probed.at(0).at(0).toBool(), false);
        QVERIFY(store.isProbed());
        QVERIFY(!store.isKeychainAvailable());
        QVERIFY(!store.errorString().isEmpty());
    }

    void saveRefusesPlaintextWithoutConsent()
    {
        TokenStore store(QStringLiteral("refuse-test"), plaintextPath());
        QSignalSpy saved(&store, &TokenStore::tokenSaved);
        QSignalSpy failed(&store, &TokenStore::failed);
        store.saveToken(kToken);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWait);
        QCOMPARE(saved.count(), 0);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("no keychain")));
        QVERIFY(!store.isKeychainAvailable());
        QVERIFY(!QFile::exists(plaintextPath()));
        QVERIFY(!store.hasPlaintextToken());
    }

    void loadWithoutConsentFindsNothing()
    {
        TokenStore store(QStringLiteral("load-test"), plaintextPath());
        QSignalSpy loaded(&store, &TokenStore::tokenLoaded);
        store.loadToken();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWait);
        QCOMPARE(loaded.at(0).at(0).toString(), QString());
    }

    void optInStoresInOwnerOnlyFile()
    {
        const QString account = QStringLiteral("optin-test");
        {
            TokenStore store(account, plaintextPath());
            store.setPlaintextFallbackAllowed(true);
            QSignalSpy saved(&store, &TokenStore::tokenSaved);
            store.saveToken(kToken);
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kWait);
            QVERIFY(store.hasPlaintextToken());
        }
        QFile file(plaintextPath());
        QVERIFY(file.exists());
        QCOMPARE(file.permissions()
                         & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup
                            | QFile::WriteOther),
                 QFile::Permissions());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains(kToken.toUtf8()));
        QVERIFY(content.contains("plain text")); // the warning travels with the file

        // A later run with the same consent finds it; without consent it is not used.
        TokenStore allowed(account, plaintextPath());
        allowed.setPlaintextFallbackAllowed(true);
        QSignalSpy loaded(&allowed, &TokenStore::tokenLoaded);
        allowed.loadToken();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWait);
        QCOMPARE(loaded.at(0).at(0).toString(), kToken);

        TokenStore refused(account, plaintextPath());
        QSignalSpy notLoaded(&refused, &TokenStore::tokenLoaded);
        refused.loadToken();
        QTRY_COMPARE_WITH_TIMEOUT(notLoaded.count(), 1, kWait);
        QCOMPARE(notLoaded.at(0).at(0).toString(), QString());

        // Clearing removes the plain-text copy (and the file, now empty).
        QSignalSpy cleared(&allowed, &TokenStore::tokenCleared);
        allowed.clearToken();
        QTRY_COMPARE_WITH_TIMEOUT(cleared.count(), 1, kWait);
        QVERIFY(!QFile::exists(plaintextPath()));
    }

    void optInAfterProbeSkipsTheKeychain()
    {
        TokenStore store(QStringLiteral("probed-optin"), plaintextPath());
        QSignalSpy probed(&store, &TokenStore::probeFinished);
        store.probe();
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, kWait);
        store.setPlaintextFallbackAllowed(true);
        QSignalSpy saved(&store, &TokenStore::tokenSaved);
        store.saveToken(kToken);
        QCOMPARE(saved.count(), 1); // known unavailable: straight to the file, synchronously
        QVERIFY(store.hasPlaintextToken());
        QVERIFY(QFile::remove(plaintextPath()));
    }

private:
    QString plaintextPath() const { return m_dir.filePath(QStringLiteral("token-plaintext.ini")); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
