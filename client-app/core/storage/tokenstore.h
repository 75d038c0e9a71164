// SPDX-License-Identifier: MIT
#pragma once

#include "plaintexttokenfile.h"

#include <QObject>
#include <QString>

namespace NebengJek::Client {

// Keeps the sign-in token in the platform keychain (QtKeychain: Secret Service / KWallet,
// macOS Keychain, Windows Credential Manager), service "NebengJek". Every operation is
// asynchronous and answers with a signal. When no keychain works (a headless box without a
// D-Bus session), the store says so and refuses to save, unless the user opted in to the
// plain-text file. See docs/client.md.
class TokenStore : public QObject
{
    Q_OBJECT
    // True until a probe or an operation showed that no keychain works.
    Q_PROPERTY(bool keychainAvailable READ isKeychainAvailable NOTIFY keychainAvailableChanged)
    Q_PROPERTY(bool probed READ isProbed NOTIFY keychainAvailableChanged)
    // The last keychain or file error, for the UI ("No keychain: …").
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    // The user agreed to keep the token in a plain-text file when there is no keychain.
    Q_PROPERTY(bool plaintextFallbackAllowed READ plaintextFallbackAllowed WRITE
                       setPlaintextFallbackAllowed NOTIFY plaintextFallbackAllowedChanged)
public:
    static constexpr const char *kService = "NebengJek";
    static constexpr const char *kDefaultAccount = "session-token";

    // The default account, and the fallback file in the app's config directory.
    explicit TokenStore(QObject *parent = nullptr);
    TokenStore(const QString &account, const QString &plaintextFilePath, QObject *parent = nullptr);

    bool isKeychainAvailable() const { return m_keychainAvailable; }
    bool isProbed() const { return m_probed; }
    QString errorString() const { return m_errorString; }
    bool plaintextFallbackAllowed() const { return m_plaintextAllowed; }
    void setPlaintextFallbackAllowed(bool allowed);
    QString plaintextFilePath() const { return m_plaintext.path(); }
    // True while a token sits in the plain-text file (the UI shows a warning).
    bool hasPlaintextToken() const;

    // Finds out whether the keychain works (reads a key that need not exist).
    Q_INVOKABLE void probe();
    Q_INVOKABLE void saveToken(const QString &token);
    // Answers with tokenLoaded(); an empty token means none is stored.
    Q_INVOKABLE void loadToken();
    // Removes the token from the keychain and from the plain-text file.
    Q_INVOKABLE void clearToken();

Q_SIGNALS:
    void probeFinished(bool keychainAvailable);
    void tokenSaved();
    void tokenLoaded(const QString &token);
    void tokenCleared();
    void failed(const QString &message);
    void keychainAvailableChanged();
    void errorStringChanged();
    void plaintextFallbackAllowedChanged();

private:
    // Records the outcome of a keychain job: a backend error means no usable keychain.
    void noteKeychainResult(int error, const QString &message);
    void setError(const QString &message);
    void saveToPlaintext(const QString &token);

    QString m_account;
    PlaintextTokenFile m_plaintext;
    bool m_keychainAvailable = true;
    bool m_probed = false;
    bool m_plaintextAllowed = false;
    QString m_errorString;
};

} // namespace NebengJek::Client
