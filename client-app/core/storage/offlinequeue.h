// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/envelope.h>
#include <protocol/messagetype.h>

#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace NebengJek::Client {

// Outgoing requests that must reach the server even if the connection is down when they are
// made. Each entry keeps its client request id (the server dedups by it, so re-sending after
// a reconnect is safe) and a status: pending until a reply with the same id (sent) or a
// non-retryable error reply (failed). Kept on disk as an append-only JSON-lines journal so a
// restart loses nothing; entries come back in the order they were made. See docs/client.md.
class OfflineQueue : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)
public:
    enum Status { Pending, Sent, Failed };
    Q_ENUM(Status)

    struct Entry
    {
        QString id;
        Protocol::MessageType type = Protocol::MessageType::Ping;
        QJsonObject payload;
        Status status = Pending;
        QString error; // why it failed
        qint64 createdAtMs = 0; // wall clock, for display

        Protocol::Envelope envelope() const { return Protocol::Envelope::make(type, payload, id); }
    };

    // A user offline for a long time cannot meaningfully have more unsent actions; beyond
    // this, new entries fail at once instead of growing the file without bound.
    static constexpr int kMaxPendingEntries = 1000;
    // Finished entries kept (memory and disk) so the UI can still show "sent"/"failed".
    static constexpr int kMaxFinishedEntries = 200;
    // The journal is rewritten with only live entries when it has this many more lines than
    // entries: bounds the file and the replay time at start-up.
    static constexpr int kCompactionSlack = 500;
    static constexpr const char *kFileName = "offline-queue.jsonl";

    // Opens (or creates) the journal in `directory` and loads what is there.
    explicit OfflineQueue(const QString &directory, QObject *parent = nullptr);
    ~OfflineQueue() override;

    // Adds a request and returns its new client request id (a UUID).
    QString enqueue(Protocol::MessageType type, const QJsonObject &payload);
    // Pending -> Sent. False if the id is unknown or no longer pending.
    bool markSent(const QString &id);
    // Pending -> Failed. False if the id is unknown or no longer pending.
    bool markFailed(const QString &id, const QString &error);
    // Fails every pending entry (the user signed out: nobody should send them later).
    void failAllPending(const QString &error);

    // Pending entries, oldest first: the order they go out in.
    QList<Entry> pending() const;
    std::optional<Entry> entry(const QString &id) const;
    bool isPending(const QString &id) const;
    int pendingCount() const { return m_pendingCount; }

    QString filePath() const { return m_file.fileName(); }
    // False when the journal cannot be written: the queue still works, but only in memory.
    bool isPersistent() const { return m_persistent; }

Q_SIGNALS:
    void entryStatusChanged(const QString &id, NebengJek::Client::OfflineQueue::Status status);
    void pendingCountChanged();

private:
    int indexOf(const QString &id) const;
    bool finish(const QString &id, Status status, const QString &error);
    void load();
    void apply(const QJsonObject &record);
    void append(const QJsonObject &record);
    void trimFinished();
    void compact();
    void setPendingCount(int count);

    QList<Entry> m_entries; // creation order
    QFile m_file;
    bool m_persistent = false;
    int m_journalLines = 0;
    int m_pendingCount = 0;
};

} // namespace NebengJek::Client
