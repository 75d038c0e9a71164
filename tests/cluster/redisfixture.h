// SPDX-License-Identifier: MIT
// A real, throw-away redis-server for tests: a free loopback port, its own temporary
// directory, no persistence. It can be killed (SIGKILL) and restarted on the same port.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace NebengJek::Tests {

class RedisServer
{
public:
    RedisServer();
    ~RedisServer();

    // Returns false with a reason when the server cannot be started.
    bool start(QString *error);
    void kill();
    bool isRunning() const;
    int port() const { return m_port; }
    QString url() const { return QStringLiteral("redis://127.0.0.1:%1/0").arg(m_port); }

private:
    bool launch(QString *error);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
};

} // namespace NebengJek::Tests
