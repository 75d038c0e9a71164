// SPDX-License-Identifier: MIT
// The Redis cluster link against a real redis-server (started here), without server nodes:
// when it says it is linked, what is published reaches it (it once said so before Redis had
// the subscriptions); a user channel dropped and taken again at once receives, and says when
// it is live (the hub then replays what came before); a durable frame a node could not
// publish makes the user's node catch them up (it was once lost with no seq gap to show).
#include "redisfixture.h"

#include <cluster/redisclusterlink.h>
#include <cluster/redisurl.h>

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace NebengJek::Server;
using NebengJek::Tests::RedisServer;

namespace {

constexpr int kTimeoutMs = 10000;

QByteArray bulk(const QByteArray &s)
{
    return '$' + QByteArray::number(s.size()) + "\r\n" + s + "\r\n";
}

// PUBLISH over a blocking socket of its own: when this returns, Redis has handed the message
// to every subscriber it had at that moment.
bool publishNow(int port, const QByteArray &channel, const QByteArray &payload)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
    if (!socket.waitForConnected(kTimeoutMs))
        return false;
    socket.write("*3\r\n" + bulk("PUBLISH") + bulk(channel) + bulk(payload));
    return socket.waitForBytesWritten(kTimeoutMs) && socket.waitForReadyRead(kTimeoutMs)
            && socket.readAll().startsWith(':');
}

// A user frame as another node publishes it: sender, seq, frame.
QByteArray userFrame(const QByteArray &frame)
{
    return QByteArrayLiteral("other-node\n7\n") + frame;
}

} // namespace

class TestClusterLink : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_redis.start(&error), qPrintable(error));
    }

    void publishedWhenLinkedIsReceived()
    {
        auto link = makeLink(QStringLiteral("node-a"));
        link->userAttached(QStringLiteral("rider"));
        QSignalSpy frames(link.get(), &ClusterLink::userFrame);
        // Published the moment the link says it is up (where the hub replays the log): it
        // must arrive live. Said before Redis confirmed the SUBSCRIBE, it was lost.
        int published = 0;
        connect(link.get(), &ClusterLink::relinked, this, [&] {
            if (link->isConnected()
                && publishNow(m_redis.port(), "nj:u:rider", userFrame("published")))
                ++published;
        });
        link->start();
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 1, kTimeoutMs);
        QCOMPARE(frames.at(0).at(2).toByteArray(), QByteArray("published"));

        // The same after Redis was killed and restarted (every subscription made again).
        m_redis.kill();
        QTRY_VERIFY_WITH_TIMEOUT(!link->isConnected(), kTimeoutMs);
        QString error;
        QVERIFY2(m_redis.start(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(published, 2, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 2, kTimeoutMs);
    }

    void userDetachedAndAttachedAtOnce()
    {
        auto link = makeLink(QStringLiteral("node-a"));
        link->userAttached(QStringLiteral("rider"));
        QSignalSpy live(link.get(), &ClusterLink::catchUpNeeded);
        link->start();
        QTRY_VERIFY_WITH_TIMEOUT(link->isConnected(), kTimeoutMs);
        // The last connection closes and the device reconnects at once: UNSUBSCRIBE, then
        // SUBSCRIBE of the same channel before Redis answered the first.
        link->userDetached(QStringLiteral("rider"));
        link->userAttached(QStringLiteral("rider"));
        // Live again, and said so: the hub replays what was published in between.
        QTRY_COMPARE_WITH_TIMEOUT(live.size(), 1, kTimeoutMs);
        QCOMPARE(live.at(0).at(0).toStringList(), QStringList {QStringLiteral("rider")});
        QSignalSpy frames(link.get(), &ClusterLink::userFrame);
        QVERIFY(publishNow(m_redis.port(), "nj:u:rider", userFrame("again")));
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 1, kTimeoutMs);
        QCOMPARE(frames.at(0).at(0).toString(), QStringLiteral("rider"));

        // Flapping: taken again and dropped again before Redis answered anything.
        for (int i = 0; i < 3; ++i) {
            link->userDetached(QStringLiteral("rider"));
            link->userAttached(QStringLiteral("rider"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(live.size(), 2, kTimeoutMs);
        QVERIFY(publishNow(m_redis.port(), "nj:u:rider", userFrame("still")));
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 2, kTimeoutMs);
        // And dropped for good: a frame for the rider is not received, the walker's after it is.
        link->userDetached(QStringLiteral("rider"));
        link->userAttached(QStringLiteral("walker"));
        QTRY_COMPARE_WITH_TIMEOUT(live.size(), 3, kTimeoutMs);
        QVERIFY(publishNow(m_redis.port(), "nj:u:rider", userFrame("gone")));
        QVERIFY(publishNow(m_redis.port(), "nj:u:walker", userFrame("marker")));
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 3, kTimeoutMs);
        QCOMPARE(frames.at(2).at(0).toString(), QStringLiteral("walker"));
    }

    void durableFrameNotPublishedIsCaughtUp()
    {
        auto holder = makeLink(QStringLiteral("node-b"));
        holder->userAttached(QStringLiteral("rider"));
        holder->userAttached(QStringLiteral("walker"));
        holder->start();
        QTRY_VERIFY_WITH_TIMEOUT(holder->isConnected(), kTimeoutMs);
        QSignalSpy caughtUp(holder.get(), &ClusterLink::catchUpNeeded);
        QSignalSpy relinked(holder.get(), &ClusterLink::relinked);

        // A node that cannot publish (not linked yet; the same as Redis being away from it).
        auto sender = makeLink(QStringLiteral("node-a"));
        sender->sendToUser(QStringLiteral("rider"), 12, "durable");
        sender->sendToUser(QStringLiteral("walker"), 0, "ephemeral: lost is lost");
        QCOMPARE(sender->droppedCount(), qint64(2));
        sender->start();
        // Once linked it names the user, and the holder catches them up.
        QTRY_COMPARE_WITH_TIMEOUT(caughtUp.size(), 1, kTimeoutMs);
        QCOMPARE(caughtUp.at(0).at(0).toStringList(), QStringList {QStringLiteral("rider")});
        QCOMPARE(relinked.size(), 0);
    }

private:
    std::unique_ptr<RedisClusterLink> makeLink(const QString &node)
    {
        RedisClusterLink::Settings settings;
        QString error;
        settings.url = *RedisUrl::parse(m_redis.url(), &error);
        settings.nodeId = node;
        return std::make_unique<RedisClusterLink>(settings);
    }

    RedisServer m_redis;
};

QTEST_GUILESS_MAIN(TestClusterLink)
#include "tst_cluster_link.moc"
