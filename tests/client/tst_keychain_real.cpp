// SPDX-License-Identifier: MIT
// TokenStore against a real Secret Service: gnome-keyring-daemon in a private D-Bus session,
// started by run_with_keyring.sh. Fails (never skips) if that keychain is not usable.
#include <storage/tokenstore.h>

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace NebengJek::Client;

namespace {
constexpr int kWait = 15000;
const QString kAccount = QStringLiteral("keychain-real-test");
const QString kToken = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.real-keychain.signature");
} // namespace

class TestKeychainReal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run this test through run_with_keyring.sh");
        QVERIFY(m_dir.isValid());
    }

    void probeFindsKeychain()
    {
        TokenStore store(kAccount, plaintextPath());
        QSignalSpy probed(&store, &TokenStore::probeFinished);
        store.probe();
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, kWait);
        QVERIFY2(probed.at(0).at(0).toBool(), qPrintable(store.errorString()));
        QVERIFY(store.isKeychainAvailable());
    }

    void saveLoadClearRoundTrip()
    {
        // A plain-text copy from an earlier keychain-less run must go once the keychain works.
        {
            QFile stale(plaintextPath());
            QVERIFY(stale.open(QIODevice::WriteOnly));
            stale.write("[tokens]\nkeychain-real-test=old\n");
        }
        {
            TokenStore store(kAccount, plaintextPath());
            QSignalSpy saved(&store, &TokenStore::tokenSaved);
            QSignalSpy failed(&store, &TokenStore::failed);
            store.saveToken(kToken);
            QTRY_COMPARE_WITH_TIMEOUT(saved.count() + failed.count(), 1, kWait);
            QVERIFY2(saved.count() == 1, qPrintable(store.errorString()));
            QVERIFY(!QFile::exists(plaintextPath()));
        }
        // Independent evidence that it is in the Secret Service, not somewhere of ours.
        QProcess lookup;
        lookup.start(QStringLiteral("secret-tool"),
                     {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("user"),
                      kAccount});
        QVERIFY(lookup.waitForFinished(kWait));
        const QByteArray listing = lookup.readAllStandardOutput() + lookup.readAllStandardError();
        QVERIFY2(listing.contains(kToken.toUtf8()), listing.constData());

        TokenStore reader(kAccount, plaintextPath());
        QSignalSpy loaded(&reader, &TokenStore::tokenLoaded);
        reader.loadToken();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWait);
        QCOMPARE(loaded.at(0).at(0).toString(), kToken);

        QSignalSpy cleared(&reader, &TokenStore::tokenCleared);
        reader.clearToken();
        QTRY_COMPARE_WITH_TIMEOUT(cleared.count(), 1, kWait);
        loaded.clear();
        reader.loadToken();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWait);
        QCOMPARE(loaded.at(0).at(0).toString(), QString());
        QVERIFY(reader.isKeychainAvailable());
    }

private:
    QString plaintextPath() const { return m_dir.filePath(QStringLiteral("token-plaintext.ini")); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestKeychainReal)
#include "tst_keychain_real.moc"
