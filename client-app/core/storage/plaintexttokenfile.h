// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace NebengJek::Client {

// The opt-in fallback when no keychain exists: the token in an INI file readable only by the
// user. Anyone who can read the user's files can read the token; TokenStore only uses this
// after the user agreed to exactly that.
class PlaintextTokenFile
{
public:
    explicit PlaintextTokenFile(const QString &path)
        : m_path(path)
    { }

    QString path() const { return m_path; }
    bool exists() const;
    bool write(const QString &account, const QString &token, QString *error);
    QString read(const QString &account) const;
    // Removes the token; the file too once it holds nothing else.
    bool remove(const QString &account, QString *error);

private:
    QString m_path;
};

} // namespace NebengJek::Client
