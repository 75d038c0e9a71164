// SPDX-License-Identifier: MIT
// Time-ordered ids (chat message ids): unique, in creation order as text, UUIDv7 layout.
#include <hub/timeorderedid.h>

#include <QDateTime>
#include <QSet>
#include <QTest>
#include <QUuid>

using namespace NebengJek::Server;

class TestTimeOrderedId : public QObject
{
    Q_OBJECT

private slots:
    void ordersAsTextAndNeverRepeats();
    void isAVersion7Uuid();
};

void TestTimeOrderedId::ordersAsTextAndNeverRepeats()
{
    TimeOrderedIdGenerator ids;
    // Far more than the 4,096 a millisecond's counter holds: the order survives the overflow.
    constexpr int kCount = 20000;
    QSet<QString> seen;
    QString previous = ids.next();
    seen.insert(previous);
    for (int i = 1; i < kCount; ++i) {
        const QString id = ids.next();
        QVERIFY2(id > previous, qPrintable(previous + QStringLiteral(" then ") + id));
        seen.insert(id);
        previous = id;
    }
    QCOMPARE(seen.size(), kCount);

    // Two generators (two nodes) in the same millisecond still differ: the random part.
    TimeOrderedIdGenerator other;
    QVERIFY(!seen.contains(other.next()));
}

void TestTimeOrderedId::isAVersion7Uuid()
{
    TimeOrderedIdGenerator ids;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QString text = ids.next();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QUuid id(text);
    QVERIFY(!id.isNull());
    QCOMPARE(text, id.toString(QUuid::WithoutBraces));
    // Qt 6.4's QUuid::version() knows versions 1-5 only: read the field itself.
    QCOMPARE(id.data3 >> 12, 7);
    QCOMPARE(id.variant(), QUuid::DCE);
    const qint64 stamp = qint64((quint64(id.data1) << 16) | id.data2);
    QVERIFY(stamp >= before && stamp <= after);
}

QTEST_GUILESS_MAIN(TestTimeOrderedId)
#include "tst_timeorderedid.moc"
