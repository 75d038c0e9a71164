// SPDX-License-Identifier: MIT
#pragma once

#include "benchrun.h"

namespace NebengJek::Bench {

// Figures 1 and 2. Idle: open N authenticated connections, let the server settle, read its RSS
// (per connection = growth / N), keep them open. Storm: open N as fast as the server accepts
// them (bounded concurrency) and report authenticated connections per second.
class ConnectBench : public BenchRun
{
public:
    explicit ConnectBench(const BenchOptions &options);
    QJsonObject run() override;

private:
    std::string userId(uint32_t index) const override;
    bool isDriver(uint32_t index) const override { return index % 2 == 0; }
    void onMessage(uint32_t, std::string_view) override { }
};

} // namespace NebengJek::Bench
