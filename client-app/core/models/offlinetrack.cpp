// SPDX-License-Identifier: MIT
#include "offlinetrack.h"

#include "logging.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace NebengJek::Client {

void OfflineTrack::setPath(const QString &path)
{
    m_path = path;
    m_rideId.clear();
    m_fixes.clear();
    load();
}

void OfflineTrack::record(const QString &rideId, const Protocol::GeoPoint &location)
{
    if (rideId.isEmpty())
        return;
    if (rideId != m_rideId) {
        m_rideId = rideId;
        m_fixes.clear();
    }
    const qint64 now = m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
    if (m_fixes.isEmpty() && m_lastSentRideId == rideId && m_lastSent.ts > 0 && m_lastSent.ts < now)
        m_fixes.append(m_lastSent);
    if (!m_fixes.isEmpty() && now <= m_fixes.constLast().ts)
        return;
    if (m_fixes.size() >= kMaxFixes) {
        qCWarning(lcClientRide) << "offline track full; fix dropped";
        return;
    }
    m_fixes.append({location, now});
    save();
}

void OfflineTrack::setLastSent(const QString &rideId, const Fix &fix)
{
    m_lastSentRideId = rideId;
    m_lastSent = fix;
}

QList<OfflineTrack::Fix> OfflineTrack::take()
{
    QList<Fix> fixes = std::exchange(m_fixes, {});
    save();
    return fixes;
}

void OfflineTrack::clear()
{
    m_rideId.clear();
    m_fixes.clear();
    save();
}

void OfflineTrack::load()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    m_rideId = root.value(QLatin1String("ride_id")).toString();
    const QJsonArray fixes = root.value(QLatin1String("fixes")).toArray();
    for (const QJsonValue &v : fixes) {
        const QJsonArray f = v.toArray(); // [lat, lng, ts]: compact, the file is rewritten a lot
        if (f.size() != 3 || m_fixes.size() >= kMaxFixes)
            continue;
        m_fixes.append({{f.at(0).toDouble(), f.at(1).toDouble()}, qint64(f.at(2).toDouble())});
    }
}

void OfflineTrack::save() const
{
    if (m_path.isEmpty())
        return;
    if (m_fixes.isEmpty()) {
        QFile::remove(m_path);
        return;
    }
    QJsonArray fixes;
    for (const Fix &f : m_fixes)
        fixes.append(QJsonArray {f.location.lat, f.location.lng, double(f.ts)});
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(QJsonObject {{QStringLiteral("ride_id"), m_rideId},
                                          {QStringLiteral("fixes"), fixes}})
                       .toJson(QJsonDocument::Compact));
    file.commit();
}

} // namespace NebengJek::Client
