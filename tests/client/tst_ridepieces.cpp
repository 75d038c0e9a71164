// SPDX-License-Identifier: MIT
// The pieces RideController is built from, each on its own: PartnerPresence (offline while we
// are disconnected), ProposalCountdown (with an injected clock), RideCache (round trip), the
// sign-out sentences, the match outcome names, the shared development token, the offline track
// (disk round trip, increasing times) and the route legs.
#include "models/appsession.h"
#include "models/driverlocationsender.h"
#include "models/offlinetrack.h"
#include "models/partnerpresence.h"
#include "models/proposalcountdown.h"
#include "models/ridecache.h"
#include "models/rideroute.h"

#include <devtoken/devtoken.h>
#include <protocol/matchoutcome.h>
#include <protocol/messages/presencemessages.h>

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace NebengJek;
using namespace NebengJek::Client;
using namespace NebengJek::Protocol;

class TestRidePieces : public QObject
{
    Q_OBJECT

private slots:
    void presenceIsUnknownWhileDisconnected();
    void presenceFollowsEventsForThePartnerOnly();
    void countdownUsesTheInjectedClock();
    void countdownDistrustsSkewedExpiry();
    void rideCacheRoundTrip();
    void offlineTrackSurvivesARestart();
    void offlineTrackKeepsTimesIncreasingAndOneRide();
    void rideRouteLengthAndEta();
    void liveLocationIsPacedAndTheNewestGoesOut();
    void signedOutMessagesAreSentences();
    void matchOutcomeNamesRoundTrip();
    void devTokenSignsHs256();
};

void TestRidePieces::presenceIsUnknownWhileDisconnected()
{
    PartnerPresence presence;
    QSignalSpy changed(&presence, &PartnerPresence::partnerOnlineChanged);
    presence.setConnected(true);
    presence.setPartner(QStringLiteral("d1"));
    presence.assumeOnline(QStringLiteral("d1"));
    QVERIFY(presence.partnerOnline());
    QCOMPARE(changed.count(), 1);
    // Our connection drops: what we knew may be stale, so the dot goes grey.
    presence.setConnected(false);
    QVERIFY(!presence.partnerOnline());
    QCOMPARE(changed.count(), 2);
    presence.setConnected(true);
    QVERIFY(presence.partnerOnline());
    QCOMPARE(changed.count(), 3);
}

void TestRidePieces::presenceFollowsEventsForThePartnerOnly()
{
    PartnerPresence presence;
    presence.setConnected(true);
    presence.setPartner(QStringLiteral("d1"));
    QVERIFY(!presence.partnerOnline());
    QSignalSpy changed(&presence, &PartnerPresence::partnerOnlineChanged);
    presence.handle(
            Envelope::make(MessageType::UserOnline, UserOnline {QStringLiteral("d2"), 1}.toJson()));
    QCOMPARE(changed.count(), 0);
    presence.handle(
            Envelope::make(MessageType::UserOnline, UserOnline {QStringLiteral("d1"), 1}.toJson()));
    QVERIFY(presence.partnerOnline());
    presence.handle(Envelope::make(MessageType::UserOffline,
                                   UserOffline {QStringLiteral("d1"), 2}.toJson()));
    QVERIFY(!presence.partnerOnline());
    // assumeOnline does not override what the hub said.
    presence.assumeOnline(QStringLiteral("d1"));
    QVERIFY(!presence.partnerOnline());
    presence.handle(Envelope::make(
            MessageType::Typing, QJsonObject {{QStringLiteral("user_id"), QStringLiteral("d1")}}));
    QVERIFY(presence.partnerOnline());
    QCOMPARE(changed.count(), 3);
}

void TestRidePieces::countdownUsesTheInjectedClock()
{
    qint64 now = 1'000'000;
    ProposalCountdown countdown;
    countdown.setClock([&now] { return now; });
    QSignalSpy expired(&countdown, &ProposalCountdown::expired);
    countdown.start(now + 10'000);
    QCOMPARE(countdown.totalSeconds(), 10);
    QCOMPARE(countdown.secondsLeft(), 10);
    now += 3'500;
    countdown.update();
    QCOMPARE(countdown.secondsLeft(), 7);
    QCOMPARE(expired.count(), 0);
    now += 6'500;
    countdown.update();
    QCOMPARE(countdown.secondsLeft(), 0);
    QCOMPARE(expired.count(), 1);
    QVERIFY(!countdown.isRunning());
    countdown.update(); // once only
    QCOMPARE(expired.count(), 1);
}

void TestRidePieces::countdownDistrustsSkewedExpiry()
{
    qint64 now = 5'000'000;
    ProposalCountdown countdown;
    countdown.setClock([&now] { return now; });
    countdown.start(now - 1); // already past: our clock is ahead
    QCOMPARE(countdown.totalSeconds(), ProposalCountdown::kFallbackMs / 1000);
    countdown.start(now + ProposalCountdown::kMaxMs + 1); // implausibly far
    QCOMPARE(countdown.totalSeconds(), ProposalCountdown::kFallbackMs / 1000);
}

void TestRidePieces::offlineTrackSurvivesARestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("track.json"));
    qint64 now = 1700000000000;
    {
        OfflineTrack track;
        track.setClock([&now] { return now; });
        track.setPath(path);
        QVERIFY(track.isEmpty());
        track.record(QStringLiteral("r1"), {-6.2, 106.8});
        now += 1000;
        track.record(QStringLiteral("r1"), {-6.201, 106.8});
        QCOMPARE(track.size(), 2);
    }
    // The app was killed offline: the fixes are still there, with their times.
    OfflineTrack track;
    track.setPath(path);
    QCOMPARE(track.rideId(), QStringLiteral("r1"));
    const QList<OfflineTrack::Fix> fixes = track.take();
    QCOMPARE(fixes.size(), 2);
    QCOMPARE(fixes.at(0).ts, qint64(1700000000000));
    QCOMPARE(fixes.at(1).ts, qint64(1700000001000));
    QCOMPARE(fixes.at(1).location.lat, -6.201);
    // Handed over: nothing is sent twice after another restart.
    QVERIFY(track.isEmpty());
    OfflineTrack again;
    again.setPath(path);
    QVERIFY(again.isEmpty());
}

void TestRidePieces::offlineTrackKeepsTimesIncreasingAndOneRide()
{
    qint64 now = 5000;
    OfflineTrack track;
    track.setClock([&now] { return now; });
    track.record(QStringLiteral("r1"), {1, 1});
    // The server wants strictly increasing times: a second fix in the same millisecond (or a
    // clock stepping back) is left out.
    track.record(QStringLiteral("r1"), {1, 2});
    now -= 10;
    track.record(QStringLiteral("r1"), {1, 3});
    QCOMPARE(track.size(), 1);
    // A fix of another ride starts a new track: the old ride is over.
    now += 100;
    track.record(QStringLiteral("r2"), {2, 2});
    QCOMPARE(track.size(), 1);
    QCOMPARE(track.rideId(), QStringLiteral("r2"));
    track.record({}, {3, 3}); // no ride: nothing to count it in
    QCOMPARE(track.size(), 1);
    // A new track starts at the last position the server got live (it may have lost it).
    track.take();
    track.setLastSent(QStringLiteral("r2"), {{4, 4}, now - 50});
    now += 100;
    track.record(QStringLiteral("r2"), {5, 5});
    const QList<OfflineTrack::Fix> fixes = track.take();
    QCOMPARE(fixes.size(), 2);
    QCOMPARE(fixes.at(0).location.lat, 4.0);
    QCOMPARE(fixes.at(1).location.lat, 5.0);
}

void TestRidePieces::rideRouteLengthAndEta()
{
    const GeoPoint a {-6.2, 106.8};
    const GeoPoint b {-6.21, 106.81};
    const QList<GeoPoint> route = RideRoute::via(a, {b});
    // Along the streets: one corner, so longer than the straight line.
    QCOMPARE(route.size(), 3);
    const double straight = distanceMeters(a, b);
    const double length = RideRoute::lengthMeters(route);
    QVERIFY(length > straight * 1.3);
    QVERIFY(length < straight * 1.5);
    QCOMPARE(RideRoute::lengthMeters({a}), 0.0);
    QCOMPARE(RideRoute::etaSeconds(0), 0);
    QCOMPARE(RideRoute::etaSeconds(1), 1); // rounded up: "under a minute" until the end
}

void TestRidePieces::rideCacheRoundTrip()
{
    QTemporaryDir dir;
    RideCache cache;
    QVERIFY(!cache.load());
    cache.setPath(dir.filePath(QStringLiteral("u/ride.json")));
    QVERIFY(!cache.load());
    RideSnapshot s;
    s.role = QStringLiteral("driver");
    s.state = QStringLiteral("on_ride");
    s.online = true;
    s.matchId = QStringLiteral("m1");
    s.rideId = QStringLiteral("r1");
    s.partnerId = QStringLiteral("p1");
    s.pickup = GeoPoint {-6.1, 106.8};
    s.destination = GeoPoint {-6.2, 106.9};
    s.fare = 18500;
    s.distanceMeters = 5400;
    Profile card;
    card.userId = QStringLiteral("p1");
    card.name = QStringLiteral("Budi");
    card.vehicle = QStringLiteral("Honda Vario");
    card.plate = QStringLiteral("B 1234 XYZ");
    card.rating = 4.5;
    card.ratingCount = 2;
    s.partnerProfile = card;
    cache.save(s);
    const auto loaded = cache.load();
    QVERIFY(loaded);
    QCOMPARE(loaded->state, QStringLiteral("on_ride"));
    QCOMPARE(loaded->rideId, QStringLiteral("r1"));
    QVERIFY(loaded->online);
    QCOMPARE(*loaded->destination, (GeoPoint {-6.2, 106.9}));
    QVERIFY(!loaded->ownLocation);
    QCOMPARE(loaded->fare, 18500);
    QCOMPARE(loaded->currency, QStringLiteral("IDR"));
    QVERIFY(loaded->partnerProfile);
    QCOMPARE(loaded->partnerProfile->name, QStringLiteral("Budi"));
    QCOMPARE(loaded->partnerProfile->plate, QStringLiteral("B 1234 XYZ"));
    QCOMPARE(loaded->partnerProfile->rating, std::optional<double>(4.5));
    QCOMPARE(loaded->partnerProfile->ratingCount, 2);

    // Without a card none comes back (a passenger still searching).
    s.partnerProfile.reset();
    cache.save(s);
    QVERIFY(!cache.load()->partnerProfile);
}

void TestRidePieces::liveLocationIsPacedAndTheNewestGoesOut()
{
    qint64 now = 1'000'000;
    QList<QJsonObject> sent;
    DriverLocationSender sender([&sent](MessageType type, const QJsonObject &payload) {
        QCOMPARE(type, MessageType::LocationUpdate);
        sent.append(payload);
    });
    sender.setClock([&now] { return now; });
    QSignalSpy due(&sender, &DriverLocationSender::locationDue);
    sender.sendLocation({-6.1, 106.8}, 90.0, 12.0);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.last().value(QStringLiteral("heading")).toDouble(), 90.0);
    // Within the interval: held back, and asked for again once it has passed.
    now += 500;
    sender.sendLocation({-6.2, 106.8});
    QCOMPARE(sent.size(), 1);
    QVERIFY(due.wait(DriverLocationSender::kLocationIntervalMs + 1000));
    now += DriverLocationSender::kLocationIntervalMs;
    sender.sendLocation({-6.2, 106.8});
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.last().value(QStringLiteral("lat")).toDouble(), -6.2);
    // After a reconnect the next one goes at once.
    sender.catchUp();
    sender.sendLocation({-6.3, 106.8});
    QCOMPARE(sent.size(), 3);
}

void TestRidePieces::signedOutMessagesAreSentences()
{
    for (const char *reason : {"http_401", "auth_failed", "http_403", "forbidden",
                               "session_replaced", "auth_timeout", "code_4999", ""}) {
        const QString text = AppSession::signedOutMessage(QString::fromLatin1(reason));
        QVERIFY2(!text.isEmpty(), reason);
        QVERIFY2(!text.contains(QLatin1Char('_')) && !text.contains(QLatin1String("http")),
                 qPrintable(text));
    }
    QVERIFY(AppSession::signedOutMessage(QStringLiteral("http_401"))
                    .contains(QLatin1String("token")));
}

void TestRidePieces::matchOutcomeNamesRoundTrip()
{
    for (const MatchOutcome o :
         {MatchOutcome::Accepted, MatchOutcome::Rejected, MatchOutcome::Expired,
          MatchOutcome::NoDriver, MatchOutcome::Cancelled, MatchOutcome::DriverCancelled})
        QCOMPARE(matchOutcomeFromName(matchOutcomeName(o)), o);
    QCOMPARE(matchOutcomeName(MatchOutcome::NoDriver), QStringLiteral("no_driver"));
    QVERIFY(!matchOutcomeFromName(u"maybe"));
    QCOMPARE(matchOutcomeName(MatchOutcome::DriverCancelled), QStringLiteral("driver_cancelled"));
    QCOMPARE(matchOutcomeNames().size(), 6);
}

void TestRidePieces::devTokenSignsHs256()
{
    Dev::TokenClaims claims;
    claims.userId = QStringLiteral("u1");
    claims.role = QStringLiteral("driver");
    claims.issuedAt = 1'700'000'000;
    claims.lifetimeSeconds = 60;
    claims.notBefore = true;
    claims.extra = {{QStringLiteral("role"), QStringLiteral("admin")}};
    const QByteArray token = Dev::mintToken(claims, "k");
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(2),
             Dev::base64Url(QMessageAuthenticationCode::hash(parts.at(0) + '.' + parts.at(1), "k",
                                                             QCryptographicHash::Sha256)));
    const QJsonObject body =
            QJsonDocument::fromJson(
                    QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding))
                    .object();
    QCOMPARE(body.value(QStringLiteral("exp")).toInteger(), 1'700'000'060);
    QCOMPARE(body.value(QStringLiteral("nbf")).toInteger(), 1'700'000'000);
    QCOMPARE(body.value(QStringLiteral("role")).toString(), QStringLiteral("admin")); // extra wins
    QCOMPARE(body.value(QStringLiteral("sub")).toString(), QStringLiteral("u1"));
}

QTEST_GUILESS_MAIN(TestRidePieces)
#include "tst_ridepieces.moc"
