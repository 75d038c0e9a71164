// SPDX-License-Identifier: MIT
#include "offlinequeue.h"

#include "logging.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUuid>

namespace NebengJek::Client {

using Protocol::MessageType;

namespace {

const QString kOp = QStringLiteral("op");
const QString kOpAdd = QStringLiteral("add");
const QString kOpSent = QStringLiteral("sent");
const QString kOpFailed = QStringLiteral("failed");
const QString kId = QStringLiteral("id");
const QString kType = QStringLiteral("type");
const QString kPayload = QStringLiteral("payload");
const QString kError = QStringLiteral("error");
const QString kCreatedAt = QStringLiteral("created_at");

QJsonObject addRecord(const OfflineQueue::Entry &e)
{
    return {{kOp, kOpAdd},
            {kId, e.id},
            {kType, Protocol::messageTypeName(e.type)},
            {kPayload, e.payload},
            {kCreatedAt, double(e.createdAtMs)}};
}

QJsonObject finishRecord(const OfflineQueue::Entry &e)
{
    QJsonObject record {{kOp, e.status == OfflineQueue::Sent ? kOpSent : kOpFailed}, {kId, e.id}};
    if (e.status == OfflineQueue::Failed)
        record.insert(kError, e.error);
    return record;
}

QByteArray line(const QJsonObject &record)
{
    return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

OfflineQueue::OfflineQueue(const QString &directory, QObject *parent)
    : QObject(parent)
{
    QDir().mkpath(directory);
    m_file.setFileName(QDir(directory).filePath(QLatin1String(kFileName)));
    load();
    compact();
}

OfflineQueue::~OfflineQueue() = default;

QString OfflineQueue::enqueue(MessageType type, const QJsonObject &payload)
{
    Entry e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.type = type;
    e.payload = payload;
    e.createdAtMs = QDateTime::currentMSecsSinceEpoch();
    if (m_pendingCount >= kMaxPendingEntries) {
        qCWarning(lcOfflineQueue) << "queue full; refusing" << Protocol::messageTypeName(type);
        e.status = Failed;
        e.error = QStringLiteral("offline queue full");
        m_entries.append(e);
        append(addRecord(e));
        append(finishRecord(e));
        trimFinished();
        Q_EMIT entryStatusChanged(e.id, Failed);
        return e.id;
    }
    m_entries.append(e);
    append(addRecord(e));
    setPendingCount(m_pendingCount + 1);
    qCDebug(lcOfflineQueue) << "queued" << Protocol::messageTypeName(type) << e.id;
    return e.id;
}

bool OfflineQueue::markSent(const QString &id)
{
    return finish(id, Sent, {});
}

bool OfflineQueue::markFailed(const QString &id, const QString &error)
{
    return finish(id, Failed, error);
}

void OfflineQueue::failAllPending(const QString &error)
{
    const QList<Entry> entries = pending();
    for (const Entry &e : entries)
        finish(e.id, Failed, error);
}

QList<OfflineQueue::Entry> OfflineQueue::pending() const
{
    QList<Entry> result;
    for (const Entry &e : m_entries) {
        if (e.status == Pending)
            result.append(e);
    }
    return result;
}

std::optional<OfflineQueue::Entry> OfflineQueue::entry(const QString &id) const
{
    const int i = indexOf(id);
    if (i < 0)
        return std::nullopt;
    return m_entries.at(i);
}

bool OfflineQueue::isPending(const QString &id) const
{
    const int i = indexOf(id);
    return i >= 0 && m_entries.at(i).status == Pending;
}

int OfflineQueue::indexOf(const QString &id) const
{
    if (id.isEmpty())
        return -1;
    // Newest first: replies usually answer recent requests. The list is bounded (see limits).
    for (int i = m_entries.size() - 1; i >= 0; --i) {
        if (m_entries.at(i).id == id)
            return i;
    }
    return -1;
}

bool OfflineQueue::finish(const QString &id, Status status, const QString &error)
{
    const int i = indexOf(id);
    if (i < 0 || m_entries.at(i).status != Pending)
        return false;
    Entry &e = m_entries[i];
    e.status = status;
    e.error = error;
    append(finishRecord(e));
    qCDebug(lcOfflineQueue) << (status == Sent ? "sent" : "failed") << id;
    setPendingCount(m_pendingCount - 1);
    Q_EMIT entryStatusChanged(id, status);
    trimFinished();
    if (m_journalLines > m_entries.size() + kCompactionSlack)
        compact();
    return true;
}

void OfflineQueue::load()
{
    if (!m_file.open(QIODevice::ReadOnly))
        return; // no journal yet
    int skipped = 0;
    while (!m_file.atEnd()) {
        const QByteArray text = m_file.readLine().trimmed();
        if (text.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        // A crash in the middle of a write leaves a torn last line; everything before is good.
        if (!doc.isObject()) {
            ++skipped;
            continue;
        }
        apply(doc.object());
    }
    m_file.close();
    if (skipped > 0)
        qCWarning(lcOfflineQueue) << "skipped" << skipped << "unreadable journal lines";
    trimFinished();
    int pendingEntries = 0;
    for (const Entry &e : std::as_const(m_entries))
        pendingEntries += e.status == Pending ? 1 : 0;
    setPendingCount(pendingEntries);
    qCInfo(lcOfflineQueue) << "loaded" << m_entries.size() << "entries," << m_pendingCount
                           << "pending";
}

void OfflineQueue::apply(const QJsonObject &record)
{
    const QString op = record.value(kOp).toString();
    const QString id = record.value(kId).toString();
    if (id.isEmpty())
        return;
    if (op == kOpAdd) {
        const auto type = Protocol::messageTypeFromName(record.value(kType).toString(),
                                                        Protocol::Direction::FromClient);
        if (!type || indexOf(id) >= 0)
            return;
        Entry e;
        e.id = id;
        e.type = *type;
        e.payload = record.value(kPayload).toObject();
        e.createdAtMs = qint64(record.value(kCreatedAt).toDouble());
        m_entries.append(e);
        return;
    }
    const int i = indexOf(id);
    if (i < 0)
        return;
    if (op == kOpSent) {
        m_entries[i].status = Sent;
    } else if (op == kOpFailed) {
        m_entries[i].status = Failed;
        m_entries[i].error = record.value(kError).toString();
    }
}

void OfflineQueue::append(const QJsonObject &record)
{
    if (!m_persistent)
        return;
    const QByteArray bytes = line(record);
    // flush(): the line is in the OS before we go on, so a crash of the app keeps it.
    if (m_file.write(bytes) != bytes.size() || !m_file.flush()) {
        qCWarning(lcOfflineQueue) << "cannot write" << m_file.fileName() << m_file.errorString()
                                  << "- continuing in memory only";
        m_file.close();
        m_persistent = false;
        return;
    }
    ++m_journalLines;
}

void OfflineQueue::trimFinished()
{
    int finished = 0;
    for (const Entry &e : std::as_const(m_entries))
        finished += e.status == Pending ? 0 : 1;
    for (int i = 0; i < m_entries.size() && finished > kMaxFinishedEntries;) {
        if (m_entries.at(i).status != Pending) {
            m_entries.removeAt(i);
            --finished;
        } else {
            ++i;
        }
    }
}

void OfflineQueue::compact()
{
    if (m_file.isOpen())
        m_file.close();
    // Write-to-temp-and-rename: a crash during compaction leaves the old journal intact.
    QSaveFile out(m_file.fileName());
    int lines = 0;
    bool ok = out.open(QIODevice::WriteOnly);
    for (int i = 0; ok && i < m_entries.size(); ++i) {
        const Entry &e = m_entries.at(i);
        ok = out.write(line(addRecord(e))) > 0;
        ++lines;
        if (ok && e.status != Pending) {
            ok = out.write(line(finishRecord(e))) > 0;
            ++lines;
        }
    }
    ok = ok && out.commit();
    if (!ok) {
        qCWarning(lcOfflineQueue) << "cannot write" << m_file.fileName() << out.errorString();
        out.cancelWriting();
    }
    m_persistent = m_file.open(QIODevice::WriteOnly | QIODevice::Append);
    if (!m_persistent) {
        qCWarning(lcOfflineQueue) << "cannot open" << m_file.fileName() << m_file.errorString()
                                  << "- the offline queue is in memory only";
    }
    m_journalLines = ok ? lines : m_journalLines;
}

void OfflineQueue::setPendingCount(int count)
{
    if (count == m_pendingCount)
        return;
    m_pendingCount = count;
    Q_EMIT pendingCountChanged();
}

} // namespace NebengJek::Client
