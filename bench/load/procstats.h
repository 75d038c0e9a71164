// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

#include <vector>

namespace NebengJek::Bench {

// What the benchmark reads about the server process: CPU time (utime + stime of all its threads,
// /proc/<pid>/stat) and resident memory (VmRSS, /proc/<pid>/status).
struct ProcSample
{
    bool ok = false;
    double cpuSeconds = 0;
    long rssKb = 0;
    std::vector<double> cpuSecondsByProcess; // sampleProcesses: one entry per process
};

ProcSample sampleProcess(pid_t pid);
// The sum over several processes (the nodes of a cluster): ok only if every one was read.
ProcSample sampleProcesses(const std::vector<pid_t> &pids);

} // namespace NebengJek::Bench
