// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace NebengJek::TestClient {

// Starts a real nebengjek-server for a scenario run (`run --spawn-server PATH`): a free port on
// 127.0.0.1, a fresh data directory and a random JWT secret, so each run starts from nothing and
// no two runs (or parallel ctest jobs) share state. Stopped with SIGTERM, as in production.
class ServerProcess
{
public:
    // The server's arguments; {port} (a free port chosen here), {data_dir}, {host} are replaced.
    // Without {port} the server is expected to log "event=listening ... port=N". The secret goes in
    // the environment (WS_JWT_SECRET), never on the command line where `ps` shows it.
    static QStringList defaultArguments();

    ServerProcess();
    ~ServerProcess();

    bool start(const QString &program, const QStringList &argumentTemplate, int readyTimeoutMs,
               QString *error);
    void stop();

    int port() const { return m_port; }
    QByteArray secret() const { return m_secret; }
    QString logPath() const;
    // The last lines of the server's output, for a failure report.
    QString logTail(int lines) const;

private:
    static int freePort();
    bool waitUntilListening(int timeoutMs);

    QProcess m_process;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_secret;
    int m_port = 0;
};

} // namespace NebengJek::TestClient
