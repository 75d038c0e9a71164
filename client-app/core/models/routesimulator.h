// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/estimates.h>
#include <protocol/geo.h>

#include <QList>
#include <QObject>
#include <QTimer>
#include <QVariantList>

namespace NebengJek::Client {

// A simulated GPS for desktops (no positioning hardware, QtPositioning optional): moves a point
// along a polyline at a constant speed, one step per tick.
class RouteSimulator : public QObject
{
    Q_OBJECT
public:
    // The speed the server's estimates and the app's ETA assume, so the remaining time shown
    // counts down in step with the simulated car.
    static constexpr double kDefaultSpeedMps = Protocol::kAverageCitySpeedMps;
    // GPS fixes on phones arrive about once a second.
    static constexpr int kDefaultIntervalMs = 1000;

    explicit RouteSimulator(QObject *parent = nullptr);

    Protocol::GeoPoint position() const { return m_position; }
    void setPosition(const Protocol::GeoPoint &position);
    double heading() const { return m_heading; }
    double speed() const { return m_active ? m_speedMps : 0.0; }
    void setSpeed(double metersPerSecond) { m_speedMps = metersPerSecond; }
    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }

    // Drives from the current position through `waypoints` to the last one.
    void driveTo(const QList<Protocol::GeoPoint> &waypoints);
    void stop();
    bool isDriving() const { return m_active; }
    // The remaining polyline, current position first (for drawing).
    QList<Protocol::GeoPoint> remainingRoute() const;
    double remainingMeters() const;

    // A street-like route between two points: along one axis, then the other.
    static QList<Protocol::GeoPoint> streetRoute(const Protocol::GeoPoint &from,
                                                 const Protocol::GeoPoint &to);
    static QVariantList toVariantList(const QList<Protocol::GeoPoint> &points);
    // Advances by `meters`; public so tests can step without waiting for the timer.
    void advance(double meters);

Q_SIGNALS:
    void positionChanged();
    void arrived();

private:
    QTimer m_timer;
    Protocol::GeoPoint m_position;
    QList<Protocol::GeoPoint> m_waypoints; // still ahead
    double m_speedMps = kDefaultSpeedMps;
    double m_heading = 0;
    bool m_active = false;
};

} // namespace NebengJek::Client
