// SPDX-License-Identifier: MIT
// Two hubs ("nodes") on one database, connected by an in-process ClusterLink double that
// passes frames and notices between them (queued, like pub/sub): the hub's side of the cluster
// seam without Redis. Per-user seqs from the database across nodes, delivery to a user's
// connection on the other node, matching a driver announced by the other node, and a ride
// moved on by the node that did not create it.
#include "hubtestsupport.h"

#include <hub/clusterlink.h>

#include <QSet>

using namespace NebengJek;
using namespace NebengJek::Tests;

namespace {

// The other nodes, in process: what one link publishes, the others receive on the next turn
// of the event loop.
class LoopbackLink : public Server::ClusterLink
{
public:
    LoopbackLink(QString id, QList<LoopbackLink *> *all)
        : m_id(std::move(id))
        , m_all(all)
    {
        m_all->append(this);
    }

    bool isClustered() const override { return true; }
    QString nodeId() const override { return m_id; }
    void userAttached(const QString &userId) override { m_users.insert(userId); }
    void userDetached(const QString &userId) override { m_users.remove(userId); }
    void sendToUser(const QString &userId, qint64 seq, const QByteArray &frame) override
    {
        for (LoopbackLink *peer : std::as_const(*m_all)) {
            if (peer != this && peer->m_users.contains(userId))
                QMetaObject::invokeMethod(
                        peer, [=] { Q_EMIT peer->userFrame(userId, seq, frame); },
                        Qt::QueuedConnection);
        }
    }
    void broadcast(const QByteArray &notice) override
    {
        for (LoopbackLink *peer : std::as_const(*m_all)) {
            if (peer != this)
                QMetaObject::invokeMethod(
                        peer, [=, from = m_id] { Q_EMIT peer->notice(from, notice); },
                        Qt::QueuedConnection);
        }
    }

private:
    QString m_id;
    QList<LoopbackLink *> *m_all;
    QSet<QString> m_users;
};

struct Node
{
    Node(const QString &id, const QString &url, QList<LoopbackLink *> *all)
        : link(id, all)
    {
        QString error;
        storage = Server::Storage::open(url, &error);
        QVERIFY2(storage, qPrintable(error));
        Server::HubConfig config;
        config.proposalTimeoutMs = 60000;
        hub = std::make_unique<Server::Hub>(storage.get(), config, &outbox, &link);
    }
    ~Node() { hub.reset(); }

    Envelope request(ConnectionId c, MessageType type, const QJsonObject &payload)
    {
        // Request ids are remembered per user in the shared database: unique per node.
        const QString id = QStringLiteral("%1-r%2").arg(link.nodeId()).arg(++next);
        hub->handle(c, Envelope::make(type, payload, id));
        for (const Envelope &e : outbox.peek(c)) {
            if (e.id == id)
                return e;
        }
        return Envelope::make(MessageType::Error, {});
    }
    QList<Envelope> events(ConnectionId c, MessageType type) const
    {
        QList<Envelope> list;
        for (const Envelope &e : outbox.peek(c)) {
            if (e.type == type && e.id.isEmpty())
                list.append(e);
        }
        return list;
    }

    LoopbackLink link;
    RecordingOutbox outbox;
    std::unique_ptr<Server::Storage> storage;
    std::unique_ptr<Server::Hub> hub;
    int next = 0;
};

QJsonObject latLng(double lat, double lng)
{
    return {{QStringLiteral("lat"), lat}, {QStringLiteral("lng"), lng}};
}

} // namespace

class TestHubClusterLink : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString url = QStringLiteral("sqlite://")
                + m_dir.filePath(QStringLiteral("cluster-%1.db").arg(++m_run));
        m_a = std::make_unique<Node>(QStringLiteral("a"), url, &m_links);
        m_b = std::make_unique<Node>(QStringLiteral("b"), url, &m_links);
    }
    void cleanup()
    {
        m_a.reset();
        m_b.reset();
        m_links.clear();
    }

    void rideAcrossNodes()
    {
        constexpr ConnectionId driver = 1, passenger = 2;
        m_a->hub->connectionOpened(driver, {QStringLiteral("d1"), Protocol::Role::Driver});
        m_b->hub->connectionOpened(passenger, {QStringLiteral("p1"), Protocol::Role::Passenger});
        QCOMPARE(m_a->request(driver, MessageType::BeaconUpdate,
                              {{QStringLiteral("is_active"), true},
                               {QStringLiteral("lat"), -6.2010},
                               {QStringLiteral("lng"), 106.8170}})
                         .type,
                 MessageType::Ack);
        // Node b learns of the driver from a's notice.
        QVERIFY(QTest::qWaitFor([&] { return m_b->hub->availableDriverCount() == 1; }, 5000));
        const Envelope requested =
                m_b->request(passenger, MessageType::FinderUpdate,
                             {{QStringLiteral("pickup"), latLng(-6.2, 106.8166)},
                              {QStringLiteral("destination"), latLng(-6.225, 106.83)}});
        QCOMPARE(requested.payload.value(QStringLiteral("status")).toString(),
                 QStringLiteral("proposed"));
        const QString matchId = requested.payload.value(QStringLiteral("match_id")).toString();
        // The proposal, stored by b, reaches the driver's connection on a.
        QVERIFY(QTest::qWaitFor(
                [&] { return m_a->events(driver, MessageType::MatchProposal).size() == 1; }, 5000));
        // a confirms a ride it did not create (it reads the row from the database).
        const Envelope accepted = m_a->request(
                driver, MessageType::MatchConfirm,
                {{QStringLiteral("match_id"), matchId}, {QStringLiteral("accepted"), true}});
        QCOMPARE(accepted.type, MessageType::Ack);
        QVERIFY(QTest::qWaitFor(
                [&] { return m_b->events(passenger, MessageType::MatchStatus).size() == 1; },
                5000));
        // b heard that the ride changed: it knows the driver is busy now.
        QVERIFY(QTest::qWaitFor([&] { return m_b->hub->activeRideCount() == 1; }, 5000));
    }

    void seqsAreSharedByTheNodes()
    {
        // One user with a connection on each node; events for them created on both nodes get
        // one number each, in one sequence, and reach both connections exactly once.
        constexpr ConnectionId onA = 1, onB = 2;
        m_a->hub->connectionOpened(onA, {QStringLiteral("u"), Protocol::Role::Passenger});
        m_b->hub->connectionOpened(onB, {QStringLiteral("u"), Protocol::Role::Passenger});
        // With no driver anywhere each request ends in a durable match_status no_driver.
        for (int i = 0; i < 6; ++i) {
            Node &node = i % 2 == 0 ? *m_a : *m_b;
            const ConnectionId c = i % 2 == 0 ? onA : onB;
            const Envelope answer =
                    node.request(c, MessageType::FinderUpdate,
                                 {{QStringLiteral("pickup"), latLng(10, 10)},
                                  {QStringLiteral("destination"), latLng(10.1, 10.1)}});
            QCOMPARE(answer.payload.value(QStringLiteral("status")).toString(),
                     QStringLiteral("no_driver"));
        }
        for (auto [node, c] : {std::pair {m_a.get(), onA}, std::pair {m_b.get(), onB}}) {
            QVERIFY(QTest::qWaitFor(
                    [&] { return node->events(c, MessageType::MatchStatus).size() == 6; }, 5000));
            QList<qint64> seqs;
            for (const Envelope &e : node->events(c, MessageType::MatchStatus))
                seqs.append(e.seq);
            std::sort(seqs.begin(), seqs.end());
            QCOMPARE(seqs, (QList<qint64> {1, 2, 3, 4, 5, 6}));
        }
        QCOMPARE(m_a->hub->latestSeq(QStringLiteral("u")), qint64(6));
        QCOMPARE(m_b->hub->latestSeq(QStringLiteral("u")), qint64(6));
    }

    // Issue #13 across nodes: the driver card a node stores is read by the other, and a driver
    // cancelling on one node re-matches the passenger on the other, every event delivered.
    void driverCancelAcrossNodesRematches()
    {
        constexpr ConnectionId first = 1, second = 2, passenger = 3;
        Server::Principal budi {QStringLiteral("d1"), Protocol::Role::Driver};
        budi.name = QStringLiteral("Budi");
        budi.plate = QStringLiteral("B 1234 XYZ");
        m_a->hub->connectionOpened(first, budi);
        m_b->hub->connectionOpened(second, {QStringLiteral("d2"), Protocol::Role::Driver});
        m_b->hub->connectionOpened(passenger, {QStringLiteral("p1"), Protocol::Role::Passenger});
        QCOMPARE(m_a->request(first, MessageType::BeaconUpdate,
                              {{QStringLiteral("is_active"), true},
                               {QStringLiteral("lat"), -6.2010},
                               {QStringLiteral("lng"), 106.8170}})
                         .type,
                 MessageType::Ack);
        QCOMPARE(m_b->request(second, MessageType::BeaconUpdate,
                              {{QStringLiteral("is_active"), true},
                               {QStringLiteral("lat"), -6.2100},
                               {QStringLiteral("lng"), 106.8200}})
                         .type,
                 MessageType::Ack);
        QVERIFY(QTest::qWaitFor([&] { return m_a->hub->availableDriverCount() == 2; }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return m_b->hub->availableDriverCount() == 2; }, 5000));
        const QString matchId =
                m_b->request(passenger, MessageType::FinderUpdate,
                             {{QStringLiteral("pickup"), latLng(-6.2, 106.8166)},
                              {QStringLiteral("destination"), latLng(-6.225, 106.83)}})
                        .payload.value(QStringLiteral("match_id"))
                        .toString();
        QVERIFY(QTest::qWaitFor(
                [&] { return m_a->events(first, MessageType::MatchProposal).size() == 1; }, 5000));
        QCOMPARE(m_a->request(first, MessageType::MatchConfirm,
                              {{QStringLiteral("match_id"), matchId},
                               {QStringLiteral("accepted"), true}})
                         .type,
                 MessageType::Ack);
        QVERIFY(QTest::qWaitFor(
                [&] { return m_b->events(passenger, MessageType::MatchStatus).size() == 1; },
                5000));
        const QJsonObject card = m_b->events(passenger, MessageType::MatchStatus)
                                         .constLast()
                                         .payload.value(QStringLiteral("driver"))
                                         .toObject();
        QCOMPARE(card.value(QStringLiteral("name")).toString(), QStringLiteral("Budi"));
        QCOMPARE(card.value(QStringLiteral("plate")).toString(), QStringLiteral("B 1234 XYZ"));

        const Envelope dropped =
                m_a->request(first, MessageType::RideCancel,
                             {{QStringLiteral("match_id"), matchId},
                              {QStringLiteral("reason"), QStringLiteral("Flat tyre")}});
        QCOMPARE(dropped.payload.value(QStringLiteral("status")).toString(),
                 QStringLiteral("searching"));
        QVERIFY(QTest::qWaitFor(
                [&] { return m_b->events(passenger, MessageType::MatchStatus).size() == 2; },
                5000));
        const Envelope told = m_b->events(passenger, MessageType::MatchStatus).constLast();
        QCOMPARE(told.payload.value(QStringLiteral("status")).toString(),
                 QStringLiteral("driver_cancelled"));
        QCOMPARE(told.payload.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("Flat tyre"));
        // Node a proposed the request to the driver on node b.
        QVERIFY(QTest::qWaitFor(
                [&] { return m_b->events(second, MessageType::MatchProposal).size() == 1; }, 5000));
        QCOMPARE(m_b->request(second, MessageType::MatchConfirm,
                              {{QStringLiteral("match_id"), matchId},
                               {QStringLiteral("accepted"), true}})
                         .type,
                 MessageType::Ack);
    }

private:
    QTemporaryDir m_dir;
    int m_run = 0;
    QList<LoopbackLink *> m_links;
    std::unique_ptr<Node> m_a;
    std::unique_ptr<Node> m_b;
};

QTEST_GUILESS_MAIN(TestHubClusterLink)
#include "tst_hub_clusterlink.moc"
