// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace NebengJek::Client {

// The newest durable sequence number seen, and whose it is, in a small JSON file. Survives
// restarts so a cold start resumes where the last run stopped instead of replaying everything.
class SequenceStore
{
public:
    static constexpr const char *kFileName = "sequence.json";

    explicit SequenceStore(const QString &directory);

    QString userId() const { return m_userId; }
    qint64 lastSeq() const { return m_lastSeq; }
    // Writes atomically (temp file + rename): a crash leaves the old value, never a torn one.
    bool save(const QString &userId, qint64 lastSeq);

private:
    QString m_path;
    QString m_userId;
    qint64 m_lastSeq = 0;
};

} // namespace NebengJek::Client
