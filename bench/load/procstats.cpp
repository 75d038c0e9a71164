// SPDX-License-Identifier: MIT
#include "procstats.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace NebengJek::Bench {

ProcSample sampleProcess(pid_t pid)
{
    ProcSample s;
    if (pid <= 0)
        return s;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    FILE *f = std::fopen(path, "r");
    if (!f)
        return s;
    char buffer[1024];
    const size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
    std::fclose(f);
    buffer[n] = 0;
    // The command name (field 2) may contain spaces; fields are counted after its ')'.
    const char *p = std::strrchr(buffer, ')');
    if (!p)
        return s;
    unsigned long utime = 0, stime = 0;
    // Fields 3..15: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
    // stime
    if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime)
        != 2)
        return s;
    s.cpuSeconds = double(utime + stime) / double(sysconf(_SC_CLK_TCK));

    std::snprintf(path, sizeof path, "/proc/%d/status", int(pid));
    f = std::fopen(path, "r");
    if (!f)
        return s;
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, "VmRSS:", 6) == 0) {
            s.rssKb = std::strtol(line + 6, nullptr, 10);
            break;
        }
    }
    std::fclose(f);
    s.ok = true;
    return s;
}

ProcSample sampleProcesses(const std::vector<pid_t> &pids)
{
    ProcSample sum;
    sum.ok = !pids.empty();
    for (const pid_t pid : pids) {
        const ProcSample one = sampleProcess(pid);
        sum.ok = sum.ok && one.ok;
        sum.cpuSeconds += one.cpuSeconds;
        sum.rssKb += one.rssKb;
        sum.cpuSecondsByProcess.push_back(one.cpuSeconds);
    }
    return sum;
}

} // namespace NebengJek::Bench
