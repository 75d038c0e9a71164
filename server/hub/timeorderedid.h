// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace NebengJek::Server {

// UUIDv7-style ids (RFC 9562): a 48-bit millisecond timestamp, then a 12-bit counter that
// keeps ids of the same millisecond in order, then 62 random bits. Their text sorts in the
// order they were made, so a unique index on them appends at its right edge instead of
// dirtying a random page per insert (a group commit of 250 chat messages wrote ~250 index
// pages to the WAL for the random UUIDs). The random part keeps ids of several nodes apart.
class TimeOrderedIdGenerator
{
public:
    // Lower-case, without braces, e.g. 0193e0a4-7c1e-7000-8f3a-...; never repeats nor goes
    // backwards within one generator, even if the wall clock does.
    QString next();

private:
    qint64 m_lastMs = 0;
    int m_counter = 0;
};

} // namespace NebengJek::Server
