// SPDX-License-Identifier: MIT
#include "loadreport.h"

#include "loadrunner.h"

#include <QJsonArray>

namespace NebengJek::TestClient {

namespace {
QJsonObject countsToJson(const QMap<QString, qint64> &counts)
{
    QJsonObject o;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        o.insert(it.key(), double(it.value()));
    return o;
}

QString latencyLine(const QJsonObject &o)
{
    if (o.value(QStringLiteral("count")).toDouble() == 0)
        return QStringLiteral("no samples");
    return QStringLiteral("n=%1  p50 %2  p95 %3  p99 %4  max %5 ms")
            .arg(o.value(QStringLiteral("count")).toInteger())
            .arg(o.value(QStringLiteral("p50_ms")).toDouble(), 0, 'f', 2)
            .arg(o.value(QStringLiteral("p95_ms")).toDouble(), 0, 'f', 2)
            .arg(o.value(QStringLiteral("p99_ms")).toDouble(), 0, 'f', 2)
            .arg(o.value(QStringLiteral("max_ms")).toDouble(), 0, 'f', 2);
}
} // namespace

QJsonObject LoadReport::toJson(const LoadConfig &config, LoadRunner &runner)
{
    LoadStats &s = runner.stats();
    const double seconds = qMax(0.001, runner.steadySeconds());
    return {
            {QStringLiteral("config"),
             QJsonObject {{QStringLiteral("url"), config.url.toString(QUrl::RemoveQuery)},
                          {QStringLiteral("drivers"), config.drivers},
                          {QStringLiteral("passengers"), config.passengers},
                          {QStringLiteral("ramp_up_s"), config.rampUpSeconds},
                          {QStringLiteral("duration_s"), config.durationSeconds},
                          {QStringLiteral("locations_per_s"), config.locationsPerSecond},
                          {QStringLiteral("chat_interval_s"), config.chatIntervalSeconds},
                          {QStringLiteral("ride_s"), config.rideSeconds}}},
            {QStringLiteral("connections"),
             QJsonObject {{QStringLiteral("target"), config.drivers + config.passengers},
                          {QStringLiteral("peak_open"), double(s.peakOpenConnections)},
                          {QStringLiteral("open_at_end"), double(s.openConnections)},
                          {QStringLiteral("attempts"), double(s.connectAttempts)},
                          {QStringLiteral("failed"), double(s.connectFailures)},
                          {QStringLiteral("unexpected_closes"), double(s.unexpectedCloses)},
                          {QStringLiteral("reconnects"), double(s.reconnects)}}},
            {QStringLiteral("messages"),
             QJsonObject {
                     {QStringLiteral("sent"), double(s.sent)},
                     {QStringLiteral("received"), double(s.received)},
                     {QStringLiteral("steady_seconds"), runner.steadySeconds()},
                     {QStringLiteral("sent_per_s"), double(runner.steadySent()) / seconds},
                     {QStringLiteral("received_per_s"), double(runner.steadyReceived()) / seconds},
                     {QStringLiteral("received_by_type"), countsToJson(s.receivedByType)}}},
            {QStringLiteral("latency"),
             QJsonObject {{QStringLiteral("location_relay"),
                           LatencyStats::toJson(s.locationLatency.summary())},
                          {QStringLiteral("chat"), LatencyStats::toJson(s.chatLatency.summary())}}},
            {QStringLiteral("lost_locations"), double(s.lostLocations)},
            {QStringLiteral("rides"),
             QJsonObject {{QStringLiteral("matched"), double(s.matches)},
                          {QStringLiteral("started"), double(s.ridesStarted)},
                          {QStringLiteral("completed"), double(s.ridesCompleted)},
                          {QStringLiteral("chats_sent"), double(s.chatsSent)}}},
            {QStringLiteral("errors_by_code"), countsToJson(s.errorsByCode)},
    };
}

QString LoadReport::toText(const QJsonObject &r)
{
    const QJsonObject c = r.value(QStringLiteral("connections")).toObject();
    const QJsonObject m = r.value(QStringLiteral("messages")).toObject();
    const QJsonObject l = r.value(QStringLiteral("latency")).toObject();
    const QJsonObject rides = r.value(QStringLiteral("rides")).toObject();
    const QJsonObject errors = r.value(QStringLiteral("errors_by_code")).toObject();
    QStringList errorParts;
    for (auto it = errors.constBegin(); it != errors.constEnd(); ++it)
        errorParts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value().toInteger()));
    QString text;
    text += QStringLiteral(
                    "connections   peak %1 of %2, failed %3, unexpected closes %4, reconnects %5\n")
                    .arg(c.value(QStringLiteral("peak_open")).toInteger())
                    .arg(c.value(QStringLiteral("target")).toInteger())
                    .arg(c.value(QStringLiteral("failed")).toInteger())
                    .arg(c.value(QStringLiteral("unexpected_closes")).toInteger())
                    .arg(c.value(QStringLiteral("reconnects")).toInteger());
    text += QStringLiteral("messages      sent %1, received %2; steady state %3/s out, %4/s in "
                           "over %5 s\n")
                    .arg(m.value(QStringLiteral("sent")).toInteger())
                    .arg(m.value(QStringLiteral("received")).toInteger())
                    .arg(m.value(QStringLiteral("sent_per_s")).toDouble(), 0, 'f', 1)
                    .arg(m.value(QStringLiteral("received_per_s")).toDouble(), 0, 'f', 1)
                    .arg(m.value(QStringLiteral("steady_seconds")).toDouble(), 0, 'f', 1);
    text += QStringLiteral("location      %1 (lost %2)\n")
                    .arg(latencyLine(l.value(QStringLiteral("location_relay")).toObject()))
                    .arg(r.value(QStringLiteral("lost_locations")).toInteger());
    text += QStringLiteral("chat          %1\n")
                    .arg(latencyLine(l.value(QStringLiteral("chat")).toObject()));
    text += QStringLiteral("rides         matched %1, started %2, completed %3, chats sent %4\n")
                    .arg(rides.value(QStringLiteral("matched")).toInteger())
                    .arg(rides.value(QStringLiteral("started")).toInteger())
                    .arg(rides.value(QStringLiteral("completed")).toInteger())
                    .arg(rides.value(QStringLiteral("chats_sent")).toInteger());
    text += QStringLiteral("errors        %1\n")
                    .arg(errorParts.isEmpty() ? QStringLiteral("none")
                                              : errorParts.join(QStringLiteral(", ")));
    return text;
}

} // namespace NebengJek::TestClient
