// SPDX-License-Identifier: MIT
#include "routesimulator.h"

#include <QVariantMap>

#include <cmath>

namespace NebengJek::Client {

using Protocol::GeoPoint;

namespace {
double bearingDegrees(const GeoPoint &a, const GeoPoint &b)
{
    constexpr double kDegToRad = M_PI / 180.0;
    const double y = std::sin((b.lng - a.lng) * kDegToRad) * std::cos(b.lat * kDegToRad);
    const double x = std::cos(a.lat * kDegToRad) * std::sin(b.lat * kDegToRad)
            - std::sin(a.lat * kDegToRad) * std::cos(b.lat * kDegToRad)
                    * std::cos((b.lng - a.lng) * kDegToRad);
    const double deg = std::atan2(y, x) / kDegToRad;
    return std::fmod(deg + 360.0, 360.0);
}
} // namespace

RouteSimulator::RouteSimulator(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this,
            [this] { advance(m_speedMps * m_timer.interval() / 1000.0); });
}

void RouteSimulator::setPosition(const GeoPoint &position)
{
    m_position = position;
    Q_EMIT positionChanged();
}

void RouteSimulator::driveTo(const QList<GeoPoint> &waypoints)
{
    m_waypoints = waypoints;
    m_active = !m_waypoints.isEmpty();
    if (m_active)
        m_timer.start();
    else
        m_timer.stop();
}

void RouteSimulator::stop()
{
    m_waypoints.clear();
    m_active = false;
    m_timer.stop();
}

QList<GeoPoint> RouteSimulator::remainingRoute() const
{
    QList<GeoPoint> route {m_position};
    route.append(m_waypoints);
    return route;
}

double RouteSimulator::remainingMeters() const
{
    double total = 0;
    GeoPoint from = m_position;
    for (const GeoPoint &p : m_waypoints) {
        total += Protocol::distanceMeters(from, p);
        from = p;
    }
    return total;
}

void RouteSimulator::advance(double meters)
{
    if (!m_active)
        return;
    while (meters > 0 && !m_waypoints.isEmpty()) {
        const GeoPoint target = m_waypoints.first();
        const double d = Protocol::distanceMeters(m_position, target);
        if (d > 0)
            m_heading = bearingDegrees(m_position, target);
        if (d <= meters) {
            m_position = target;
            m_waypoints.removeFirst();
            meters -= d;
        } else {
            // Linear interpolation in degrees is exact enough over a few metres.
            const double f = meters / d;
            m_position.lat += (target.lat - m_position.lat) * f;
            m_position.lng += (target.lng - m_position.lng) * f;
            meters = 0;
        }
    }
    Q_EMIT positionChanged();
    if (m_waypoints.isEmpty()) {
        m_active = false;
        m_timer.stop();
        Q_EMIT arrived();
    }
}

QList<GeoPoint> RouteSimulator::streetRoute(const GeoPoint &from, const GeoPoint &to)
{
    // Jakarta's arterial roads run roughly north-south and east-west.
    const GeoPoint corner {to.lat, from.lng};
    if (Protocol::distanceMeters(from, corner) < 1 || Protocol::distanceMeters(corner, to) < 1)
        return {to};
    return {corner, to};
}

QVariantList RouteSimulator::toVariantList(const QList<GeoPoint> &points)
{
    QVariantList list;
    list.reserve(points.size());
    for (const GeoPoint &p : points)
        list.append(QVariantMap {{QStringLiteral("lat"), p.lat}, {QStringLiteral("lng"), p.lng}});
    return list;
}

} // namespace NebengJek::Client
