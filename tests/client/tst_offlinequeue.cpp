// SPDX-License-Identifier: MIT
// OfflineQueue: order, status changes, persistence across reopen, torn journal lines, limits.
#include <storage/offlinequeue.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace NebengJek::Client;
using NebengJek::Protocol::MessageType;

namespace {
QJsonObject body(int n)
{
    return {{QStringLiteral("match_id"), QStringLiteral("m1")},
            {QStringLiteral("body"), QStringLiteral("message %1").arg(n)}};
}

QStringList ids(const QList<OfflineQueue::Entry> &entries)
{
    QStringList result;
    for (const auto &e : entries)
        result.append(e.id);
    return result;
}
} // namespace

class TestOfflineQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void enqueueKeepsOrderAndIds()
    {
        QTemporaryDir dir;
        OfflineQueue queue(dir.path());
        QSignalSpy count(&queue, &OfflineQueue::pendingCountChanged);
        const QString a = queue.enqueue(MessageType::MessageSend, body(1));
        const QString b = queue.enqueue(MessageType::MessageSend, body(2));
        const QString c = queue.enqueue(MessageType::RideStart, {});
        QVERIFY(!a.isEmpty() && a != b && b != c);
        QVERIFY(a.size() <= NebengJek::Protocol::Envelope::kMaxIdLength);
        QCOMPARE(queue.pendingCount(), 3);
        QCOMPARE(count.count(), 3);
        QCOMPARE(ids(queue.pending()), (QStringList {a, b, c}));
        const auto envelope = queue.pending().at(1).envelope();
        QCOMPARE(envelope.id, b);
        QCOMPARE(envelope.type, MessageType::MessageSend);
        QCOMPARE(envelope.payload, body(2));
    }

    void markSentAndFailed()
    {
        QTemporaryDir dir;
        OfflineQueue queue(dir.path());
        const QString a = queue.enqueue(MessageType::MessageSend, body(1));
        const QString b = queue.enqueue(MessageType::MessageSend, body(2));
        const QString c = queue.enqueue(MessageType::MessageSend, body(3));
        QSignalSpy status(&queue, &OfflineQueue::entryStatusChanged);
        QVERIFY(queue.markSent(b));
        QVERIFY(queue.markFailed(c, QStringLiteral("VALIDATION_FAILED")));
        QVERIFY(!queue.markSent(b)); // already final
        QVERIFY(!queue.markFailed(b, QStringLiteral("x")));
        QVERIFY(!queue.markSent(QStringLiteral("unknown")));
        QCOMPARE(status.count(), 2);
        QCOMPARE(status.at(0).at(0).toString(), b);
        QCOMPARE(status.at(0).at(1).value<OfflineQueue::Status>(), OfflineQueue::Sent);
        QCOMPARE(ids(queue.pending()), QStringList {a});
        QCOMPARE(queue.entry(b)->status, OfflineQueue::Sent);
        QCOMPARE(queue.entry(c)->status, OfflineQueue::Failed);
        QCOMPARE(queue.entry(c)->error, QStringLiteral("VALIDATION_FAILED"));
        QVERIFY(queue.isPending(a));
        QVERIFY(!queue.isPending(b));
    }

    void survivesReopenInOrder()
    {
        QTemporaryDir dir;
        QStringList pendingIds;
        QString sent, failed;
        {
            OfflineQueue queue(dir.path());
            QVERIFY(queue.isPersistent());
            for (int i = 0; i < 10; ++i)
                pendingIds.append(queue.enqueue(MessageType::MessageSend, body(i)));
            sent = pendingIds.takeAt(3);
            failed = pendingIds.takeAt(6);
            queue.markSent(sent);
            queue.markFailed(failed, QStringLiteral("NOT_FOUND"));
        }
        OfflineQueue reopened(dir.path());
        QCOMPARE(reopened.pendingCount(), 8);
        QCOMPARE(ids(reopened.pending()), pendingIds);
        QCOMPARE(reopened.pending().at(0).payload, body(0));
        QCOMPARE(reopened.pending().at(3).payload, body(4));
        QCOMPARE(reopened.entry(sent)->status, OfflineQueue::Sent);
        QCOMPARE(reopened.entry(failed)->status, OfflineQueue::Failed);
        QCOMPARE(reopened.entry(failed)->error, QStringLiteral("NOT_FOUND"));

        // And once more after changes made by the reopened queue (compacted journal + appends).
        reopened.markSent(pendingIds.takeFirst());
        const QString added = reopened.enqueue(MessageType::RideArrived, {});
        pendingIds.append(added);
        OfflineQueue third(dir.path());
        QCOMPARE(ids(third.pending()), pendingIds);
        QCOMPARE(third.pending().last().type, MessageType::RideArrived);
    }

    void tornLastLineIsSkipped()
    {
        QTemporaryDir dir;
        QString a, b;
        {
            OfflineQueue queue(dir.path());
            a = queue.enqueue(MessageType::MessageSend, body(1));
            b = queue.enqueue(MessageType::MessageSend, body(2));
        }
        QFile file(dir.filePath(QLatin1String(OfflineQueue::kFileName)));
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"op\":\"add\",\"id\":\"torn\",\"type\":\"message.se"); // crash mid-write
        file.close();
        OfflineQueue reopened(dir.path());
        QCOMPARE(ids(reopened.pending()), (QStringList {a, b}));
        // The next write starts on a fresh line, so the journal stays readable.
        const QString c = reopened.enqueue(MessageType::MessageSend, body(3));
        OfflineQueue again(dir.path());
        QCOMPARE(ids(again.pending()), (QStringList {a, b, c}));
    }

    void failAllPending()
    {
        QTemporaryDir dir;
        OfflineQueue queue(dir.path());
        const QString a = queue.enqueue(MessageType::MessageSend, body(1));
        const QString b = queue.enqueue(MessageType::MessageSend, body(2));
        queue.markSent(a);
        queue.failAllPending(QStringLiteral("signed out"));
        QCOMPARE(queue.pendingCount(), 0);
        QCOMPARE(queue.entry(a)->status, OfflineQueue::Sent);
        QCOMPARE(queue.entry(b)->status, OfflineQueue::Failed);
        OfflineQueue reopened(dir.path());
        QCOMPARE(reopened.pendingCount(), 0);
    }

    void fullQueueRefusesNewEntries()
    {
        QTemporaryDir dir;
        OfflineQueue queue(dir.path());
        for (int i = 0; i < OfflineQueue::kMaxPendingEntries; ++i)
            queue.enqueue(MessageType::MessageRead, {});
        QSignalSpy status(&queue, &OfflineQueue::entryStatusChanged);
        const QString overflow = queue.enqueue(MessageType::MessageSend, body(1));
        QCOMPARE(queue.pendingCount(), OfflineQueue::kMaxPendingEntries);
        QCOMPARE(queue.entry(overflow)->status, OfflineQueue::Failed);
        QCOMPARE(status.count(), 1);
    }

    void finishedEntriesAreBoundedAndJournalCompacted()
    {
        QTemporaryDir dir;
        OfflineQueue queue(dir.path());
        const QString keep = queue.enqueue(MessageType::MessageSend, body(0));
        for (int i = 0; i < 2000; ++i)
            queue.markSent(queue.enqueue(MessageType::MessageRead, {}));
        QCOMPARE(queue.pendingCount(), 1);
        QFile file(queue.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const int lines = file.readAll().count('\n');
        // 2 lines per finished entry kept, plus the slack before a rewrite.
        QVERIFY2(lines <= 2 * (OfflineQueue::kMaxFinishedEntries + 1)
                                 + OfflineQueue::kCompactionSlack + 2,
                 QByteArray::number(lines).constData());
        OfflineQueue reopened(dir.path());
        QCOMPARE(ids(reopened.pending()), QStringList {keep});
    }

    void unwritableDirectoryStillWorksInMemory()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("not-a-dir")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        OfflineQueue queue(blocker.fileName()); // a file where a directory should be
        QVERIFY(!queue.isPersistent());
        const QString a = queue.enqueue(MessageType::MessageSend, body(1));
        QCOMPARE(ids(queue.pending()), QStringList {a});
        QVERIFY(queue.markSent(a));
    }
};

QTEST_GUILESS_MAIN(TestOfflineQueue)
#include "tst_offlinequeue.moc"
