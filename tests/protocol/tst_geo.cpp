// SPDX-License-Identifier: MIT
// GeoPoint and the haversine distance (geo.h).
#include <protocol/geo.h>

#include <QTest>

#include <cmath>

using namespace NebengJek::Protocol;

namespace {
constexpr double kEarthRadiusM = 6371008.8; // mean radius, as in geo.cpp
const double kOneDegreeM = kEarthRadiusM * M_PI / 180.0; // ~111 195 m
} // namespace

class TestGeo : public QObject
{
    Q_OBJECT

private slots:
    void distance_data();
    void distance();
    void symmetricAndZero();
    void toJson();
};

void TestGeo::distance_data()
{
    QTest::addColumn<double>("lat1");
    QTest::addColumn<double>("lng1");
    QTest::addColumn<double>("lat2");
    QTest::addColumn<double>("lng2");
    QTest::addColumn<double>("expectedM");
    QTest::addColumn<double>("tolerance"); // relative

    QTest::newRow("one degree of latitude") << 0.0 << 0.0 << 1.0 << 0.0 << kOneDegreeM << 1e-9;
    QTest::newRow("one degree of longitude at the equator")
            << 0.0 << 0.0 << 0.0 << 1.0 << kOneDegreeM << 1e-9;
    QTest::newRow("one degree of longitude at 60 degrees")
            << 60.0 << 0.0 << 60.0 << 1.0 << kOneDegreeM * 0.5 << 1e-4;
    QTest::newRow("across the antimeridian")
            << 0.0 << 179.5 << 0.0 << -179.5 << kOneDegreeM << 1e-9;
    QTest::newRow("quarter of the equator")
            << 0.0 << 0.0 << 0.0 << 90.0 << kEarthRadiusM * M_PI / 2 << 1e-12;
    QTest::newRow("pole to pole") << 90.0 << 0.0 << -90.0 << 0.0 << kEarthRadiusM * M_PI << 1e-12;
    QTest::newRow("antipodes") << -6.2 << 106.8 << 6.2 << -73.2 << kEarthRadiusM * M_PI << 1e-9;
    // City scale, against independently computed great-circle distances.
    QTest::newRow("Monas to Blok M")
            << -6.1754 << 106.8272 << -6.2443 << 106.7982 << 8305.0 << 5e-3;
    QTest::newRow("Jakarta to Bandung")
            << -6.2088 << 106.8456 << -6.9175 << 107.6191 << 116300.0 << 5e-3;
    QTest::newRow("London to Paris") << 51.5074 << -0.1278 << 48.8566 << 2.3522 << 343560.0 << 5e-3;
    QTest::newRow("ten metres") << -6.2 << 106.8 << -6.2 + 10.0 / kOneDegreeM << 106.8 << 10.0
                                << 1e-6;
}

void TestGeo::distance()
{
    QFETCH(double, lat1);
    QFETCH(double, lng1);
    QFETCH(double, lat2);
    QFETCH(double, lng2);
    QFETCH(double, expectedM);
    QFETCH(double, tolerance);
    const double d = distanceMeters({lat1, lng1}, {lat2, lng2});
    QVERIFY2(std::fabs(d - expectedM) <= expectedM * tolerance,
             qPrintable(QStringLiteral("got %1 m, expected %2 m")
                                .arg(d, 0, 'f', 3)
                                .arg(expectedM, 0, 'f', 3)));
}

void TestGeo::symmetricAndZero()
{
    const GeoPoint a {-6.2088, 106.8456};
    const GeoPoint b {-6.9175, 107.6191};
    QCOMPARE(distanceMeters(a, a), 0.0);
    QCOMPARE(distanceMeters(a, b), distanceMeters(b, a));
    QVERIFY(distanceMeters(a, b) > 0);
    // Never more than half the circumference, never NaN at the extremes.
    const double half = kEarthRadiusM * M_PI;
    for (const GeoPoint &p :
         {GeoPoint {90, 0}, GeoPoint {-90, 180}, GeoPoint {0, -180}, GeoPoint {45, 45}}) {
        for (const GeoPoint &q : {GeoPoint {-90, 0}, GeoPoint {90, -180}, GeoPoint {0, 180}, a}) {
            const double d = distanceMeters(p, q);
            QVERIFY(std::isfinite(d));
            QVERIFY(d >= 0 && d <= half + 1e-6);
        }
    }
}

void TestGeo::toJson()
{
    const QJsonObject o = GeoPoint {-6.2088, 106.8456}.toJson();
    QCOMPARE(o.size(), 2);
    QCOMPARE(o.value(QStringLiteral("lat")).toDouble(), -6.2088);
    QCOMPARE(o.value(QStringLiteral("lng")).toDouble(), 106.8456);
    QVERIFY((GeoPoint {1, 2} == GeoPoint {1, 2}));
    QVERIFY(!(GeoPoint {1, 2} == GeoPoint {2, 1}));
}

QTEST_GUILESS_MAIN(TestGeo)
#include "tst_geo.moc"
