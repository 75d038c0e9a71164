// SPDX-License-Identifier: MIT
#include "sequencestore.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace NebengJek::Client {

namespace {
const QString kUserId = QStringLiteral("user_id");
const QString kLastSeq = QStringLiteral("last_seq");
} // namespace

SequenceStore::SequenceStore(const QString &directory)
    : m_path(QDir(directory).filePath(QLatin1String(kFileName)))
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    m_userId = o.value(kUserId).toString();
    m_lastSeq = std::max<qint64>(qint64(o.value(kLastSeq).toDouble()), 0);
}

bool SequenceStore::save(const QString &userId, qint64 lastSeq)
{
    if (userId == m_userId && lastSeq == m_lastSeq)
        return true;
    m_userId = userId;
    m_lastSeq = lastSeq;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    const QJsonObject o {{kUserId, userId}, {kLastSeq, double(lastSeq)}};
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson()) < 0
        || !file.commit()) {
        qCWarning(lcConnection) << "cannot save the last sequence to" << m_path
                                << file.errorString();
        return false;
    }
    return true;
}

} // namespace NebengJek::Client
