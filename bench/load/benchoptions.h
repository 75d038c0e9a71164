// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <sys/types.h>

#include <vector>

namespace NebengJek::Bench {

// Which server is under test decides the protocol around the measured messages.
enum class Target {
    NebengJek, // the real gateway + hub: auth_success, a ride per pair, rooms
    Peer, // the Node ws peer (bench/peer): same envelopes, fixed pairs, rooms
    Echo, // the bare Qt echo: no auth, messages come back (echo) or go to all (broadcast)
};

enum class Mode { Idle, Storm, Relay, Fanout, Chat };

struct BenchOptions
{
    Target target = Target::NebengJek;
    Mode mode = Mode::Relay;
    QString host = QStringLiteral("127.0.0.1");
    int port = 0;
    // relay, chat: passengers connect to this port (another node of a cluster), drivers to `port`.
    // 0: everyone on `port`.
    int passengerPort = 0;
    QString path = QStringLiteral("/ws");
    QByteArray secret;
    QString issuer = QStringLiteral("nebengjek");
    QString audience = QStringLiteral("nebengjek-realtime");
    QString prefix; // user id prefix, unique per run
    std::vector<pid_t> serverPids; // CPU and RSS are summed over these (the cluster's nodes)

    int connections = 1000; // idle, storm
    int pairs = 2000; // relay: drivers, each with a passenger
    double rate = 1; // relay: locations per second per driver; 0: saturate (closed loop)
                     // chat: message.send per second per driver in the fixed-rate phase
    int window = 1; // saturation: messages in flight per driver / publishes in flight
    int subscribers = 1000; // fanout
    int publishers = 1;
    int concurrency = 256; // handshakes in flight
    int sourceAddresses = 8; // 127.0.0.1 .. 127.0.0.N
    double warmupSeconds = 3;
    double durationSeconds = 10;
    double settleSeconds = 3; // idle: before reading RSS
    double setupTimeoutSeconds = 120;
    QString jsonPath;
};

// Parses argv; on error prints it and returns false.
bool parseBenchOptions(const QStringList &arguments, BenchOptions *options);

} // namespace NebengJek::Bench
