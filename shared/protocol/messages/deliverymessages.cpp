// SPDX-License-Identifier: MIT
#include "deliverymessages.h"

namespace NebengJek::Protocol {

QJsonObject Resume::toJson() const
{
    return {{QStringLiteral("last_seq"), double(lastSeq)}};
}

Resume Resume::read(FieldReader &r)
{
    return {r.integer("last_seq", 0, kMaxSequence)};
}

QJsonObject ResumeDone::toJson() const
{
    return {{QStringLiteral("from_seq"), double(fromSeq)},
            {QStringLiteral("to_seq"), double(toSeq)},
            {QStringLiteral("replayed"), replayed}};
}

ResumeDone ResumeDone::read(FieldReader &r)
{
    ResumeDone m;
    m.fromSeq = r.integer("from_seq", 0, kMaxSequence);
    m.toSeq = r.integer("to_seq", 0, kMaxSequence);
    m.replayed = int(r.integer("replayed", 0, 1000000000));
    return m;
}

QJsonObject ResyncRequired::toJson() const
{
    return {{QStringLiteral("oldest_seq"), double(oldestSeq)},
            {QStringLiteral("latest_seq"), double(latestSeq)}};
}

ResyncRequired ResyncRequired::read(FieldReader &r)
{
    ResyncRequired m;
    m.oldestSeq = r.integer("oldest_seq", 0, kMaxSequence);
    m.latestSeq = r.integer("latest_seq", 0, kMaxSequence);
    return m;
}

} // namespace NebengJek::Protocol
