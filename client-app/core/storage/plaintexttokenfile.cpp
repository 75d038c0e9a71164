// SPDX-License-Identifier: MIT
#include "plaintexttokenfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace NebengJek::Client {

namespace {
QString keyFor(const QString &account)
{
    return QStringLiteral("tokens/") + account;
}
} // namespace

bool PlaintextTokenFile::exists() const
{
    return QFileInfo::exists(m_path);
}

bool PlaintextTokenFile::write(const QString &account, const QString &token, QString *error)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // Create it owner-only before the secret goes in, so it is never briefly world-readable.
    if (!exists()) {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = file.errorString();
            return false;
        }
    }
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QSettings settings(m_path, QSettings::IniFormat);
    settings.setValue(QStringLiteral("warning"),
                      QStringLiteral("This file holds a sign-in token in plain text because no "
                                     "keychain was available and the user allowed it."));
    settings.setValue(keyFor(account), token);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        *error = QStringLiteral("cannot write %1").arg(m_path);
        return false;
    }
    return true;
}

QString PlaintextTokenFile::read(const QString &account) const
{
    if (!exists())
        return {};
    const QSettings settings(m_path, QSettings::IniFormat);
    return settings.value(keyFor(account)).toString();
}

bool PlaintextTokenFile::remove(const QString &account, QString *error)
{
    if (!exists())
        return true;
    {
        QSettings settings(m_path, QSettings::IniFormat);
        settings.remove(keyFor(account));
        settings.sync();
        settings.beginGroup(QStringLiteral("tokens"));
        const bool empty = settings.childKeys().isEmpty();
        settings.endGroup();
        if (!empty)
            return settings.status() == QSettings::NoError;
    }
    if (!QFile::remove(m_path)) {
        *error = QStringLiteral("cannot remove %1").arg(m_path);
        return false;
    }
    return true;
}

} // namespace NebengJek::Client
