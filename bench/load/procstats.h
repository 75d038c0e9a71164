// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

namespace NebengJek::Bench {

// What the benchmark reads about the server process: CPU time (utime + stime of all its threads,
// /proc/<pid>/stat) and resident memory (VmRSS, /proc/<pid>/status).
struct ProcSample
{
    bool ok = false;
    double cpuSeconds = 0;
    long rssKb = 0;
};

ProcSample sampleProcess(pid_t pid);

} // namespace NebengJek::Bench
