// SPDX-License-Identifier: MIT
#pragma once

#include <protocol/geo.h>

#include <QList>
#include <QString>

#include <functional>

namespace NebengJek::Client {

// The positions a driver's car recorded while disconnected during a ride, with the time of each
// fix, kept on disk (track.json beside the ride cache) so neither an outage nor an app restart
// loses distance; on reconnect they go to the server as location_batch messages (the server
// counts them in the fare, docs/protocol.md) and the file is emptied.
class OfflineTrack
{
public:
    struct Fix
    {
        Protocol::GeoPoint location;
        qint64 ts = 0; // ms since the epoch, device clock
    };
    // About two hours of fixes at one a second: an outage longer than that is not a ride the
    // app can reconstruct; later fixes are dropped (the server then counts a straight line).
    static constexpr int kMaxFixes = 7200;

    using WallClock = std::function<qint64()>;
    void setClock(WallClock clock) { m_clock = std::move(clock); }
    // Empty: in memory only. Loads what is there.
    void setPath(const QString &path);

    // Records a fix for `rideId` (a fix for another ride starts a new track). Fixes closer in
    // time than the last one are ignored (the server wants strictly increasing times).
    void record(const QString &rideId, const Protocol::GeoPoint &location);
    // The last position the server got live, as the track's first fix when it starts: the
    // server chains a batch onto the last position it knows, which it may have lost (a
    // restart); a point it already has is ignored by its time.
    void setLastSent(const QString &rideId, const Fix &fix);
    QString rideId() const { return m_rideId; }
    bool isEmpty() const { return m_fixes.isEmpty(); }
    int size() const { return int(m_fixes.size()); }
    // Hands the fixes over (oldest first) and forgets them.
    QList<Fix> take();
    void clear();

private:
    void load();
    void save() const;

    QString m_path;
    QString m_rideId;
    QList<Fix> m_fixes;
    QString m_lastSentRideId;
    Fix m_lastSent;
    WallClock m_clock;
};

} // namespace NebengJek::Client
