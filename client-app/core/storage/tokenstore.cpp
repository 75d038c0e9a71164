// SPDX-License-Identifier: MIT
#include "tokenstore.h"

#include "logging.h"

#include <QDir>
#include <QStandardPaths>

#include <qt6keychain/keychain.h>

namespace NebengJek::Client {

namespace {

const QString kProbeKey = QStringLiteral("keychain-probe");

QString service()
{
    return QLatin1String(TokenStore::kService);
}

// Errors that say the keychain itself is missing or unusable, as opposed to "no such entry".
bool isBackendFailure(int error)
{
    switch (error) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
    case QKeychain::CouldNotDeleteEntry: // about the entry, not the keychain
        return false;
    default:
        return true;
    }
}

template<typename Job> Job *makeJob(const QString &key, QObject *parent)
{
    auto *job = new Job(service(), parent);
    job->setAutoDelete(true);
    job->setKey(key);
    // QtKeychain's own fallback writes the secret to a plain QSettings file without asking;
    // ours only does that after the user opted in.
    job->setInsecureFallback(false);
    return job;
}

QString defaultPlaintextPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
            .filePath(QStringLiteral("token-plaintext.ini"));
}

} // namespace

TokenStore::TokenStore(QObject *parent)
    : TokenStore(QLatin1String(kDefaultAccount), defaultPlaintextPath(), parent)
{ }

TokenStore::TokenStore(const QString &account, const QString &plaintextFilePath, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_plaintext(plaintextFilePath)
{ }

void TokenStore::setPlaintextFallbackAllowed(bool allowed)
{
    if (m_plaintextAllowed == allowed)
        return;
    m_plaintextAllowed = allowed;
    Q_EMIT plaintextFallbackAllowedChanged();
}

bool TokenStore::hasPlaintextToken() const
{
    return !m_plaintext.read(m_account).isEmpty();
}

void TokenStore::probe()
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(kProbeKey, this);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        noteKeychainResult(j->error(), j->errorString());
        m_probed = true;
        Q_EMIT keychainAvailableChanged();
        Q_EMIT probeFinished(m_keychainAvailable);
    });
    job->start();
}

void TokenStore::saveToken(const QString &token)
{
    if (!m_keychainAvailable && m_probed && m_plaintextAllowed) {
        saveToPlaintext(token);
        return;
    }
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_account, this);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, token](QKeychain::Job *j) {
        noteKeychainResult(j->error(), j->errorString());
        if (j->error() == QKeychain::NoError) {
            // Now safe in the keychain: do not leave an older plain-text copy behind.
            QString ignored;
            m_plaintext.remove(m_account, &ignored);
            qCInfo(lcTokenStore) << "token saved in the keychain";
            Q_EMIT tokenSaved();
            return;
        }
        if (m_plaintextAllowed) {
            saveToPlaintext(token);
            return;
        }
        const QString message =
                QStringLiteral("The token was not saved: no keychain is available (%1).")
                        .arg(j->errorString());
        qCWarning(lcTokenStore) << "not saving the token in plain text without the user's consent";
        setError(message);
        Q_EMIT failed(message);
    });
    job->start();
}

void TokenStore::loadToken()
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_account, this);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        noteKeychainResult(j->error(), j->errorString());
        if (j->error() == QKeychain::NoError) {
            Q_EMIT tokenLoaded(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
            return;
        }
        // Not in the keychain: it may be in the file the user allowed earlier.
        if (m_plaintextAllowed) {
            Q_EMIT tokenLoaded(m_plaintext.read(m_account));
            return;
        }
        if (j->error() != QKeychain::EntryNotFound)
            Q_EMIT failed(m_errorString);
        Q_EMIT tokenLoaded(QString());
    });
    job->start();
}

void TokenStore::clearToken()
{
    QString fileError;
    if (!m_plaintext.remove(m_account, &fileError))
        qCWarning(lcTokenStore) << fileError;
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_account, this);
    connect(job, &QKeychain::Job::finished, this, [this, fileError](QKeychain::Job *j) {
        noteKeychainResult(j->error(), j->errorString());
        // Without a keychain there is nothing in it to delete; the file was the only copy.
        Q_EMIT tokenCleared();
        if (!fileError.isEmpty())
            Q_EMIT failed(fileError);
    });
    job->start();
}

void TokenStore::noteKeychainResult(int error, const QString &message)
{
    const bool available = !isBackendFailure(error);
    if (!available) {
        qCWarning(lcTokenStore) << "keychain unavailable:" << message;
        setError(QStringLiteral("No keychain available: %1").arg(message));
    }
    if (available != m_keychainAvailable) {
        m_keychainAvailable = available;
        Q_EMIT keychainAvailableChanged();
    }
}

void TokenStore::setError(const QString &message)
{
    if (m_errorString == message)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}

void TokenStore::saveToPlaintext(const QString &token)
{
    qCWarning(lcTokenStore) << "no keychain: storing the token in plain text at"
                            << m_plaintext.path() << "because the user allowed it";
    QString error;
    if (!m_plaintext.write(m_account, token, &error)) {
        setError(error);
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT tokenSaved();
}

} // namespace NebengJek::Client
