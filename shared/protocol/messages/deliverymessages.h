// SPDX-License-Identifier: MIT
#pragma once

#include "../fieldreader.h"
#include "../messagetype.h"

namespace NebengJek::Protocol {

// Client -> server after (re)connecting: replay every durable event with seq > last_seq.
struct Resume
{
    static constexpr MessageType kType = MessageType::Resume;
    qint64 lastSeq = 0;
    QJsonObject toJson() const;
    static Resume read(FieldReader &r);
};

// Server -> client: the replay is complete; live events follow.
struct ResumeDone
{
    static constexpr MessageType kType = MessageType::ResumeDone;
    qint64 fromSeq = 0; // first replayed (0 if none)
    qint64 toSeq = 0; // newest seq now held for the user
    int replayed = 0;
    QJsonObject toJson() const;
    static ResumeDone read(FieldReader &r);
};

// Server -> client: the gap is older than the retention window; reload state (notification
// list, ride state) instead of replaying. Events from oldest_seq on were still replayed.
struct ResyncRequired
{
    static constexpr MessageType kType = MessageType::ResyncRequired;
    qint64 oldestSeq = 0;
    qint64 latestSeq = 0;
    QJsonObject toJson() const;
    static ResyncRequired read(FieldReader &r);
};

} // namespace NebengJek::Protocol
