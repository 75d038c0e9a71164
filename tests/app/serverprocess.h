// SPDX-License-Identifier: MIT
// The real nebengjek-server as a child process for the app's end-to-end tests: --dev on a
// loopback port with its data directory in the test's temporary folder; kill() is a SIGKILL
// (nothing flushed, no close frames) and start() again reuses the port and the data.
#pragma once

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace NebengJek::Test {

class ServerProcess
{
public:
    // Process start on a loaded CI machine.
    static constexpr int kStartTimeoutMs = 30000;

    ServerProcess(QString binary, QString dataDir, QStringList extraArgs = {})
        : m_binary(std::move(binary))
        , m_dataDir(std::move(dataDir))
        , m_extraArgs(std::move(extraArgs))
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
    }
    ~ServerProcess() { stop(); }

    int port() const { return m_port; }
    QString url() const { return QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port); }

    bool start(QString *error)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->setStandardOutputFile(QProcess::nullDevice());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"),
                   QStringLiteral("*.debug=false;*.info=false"));
        m_process->setProcessEnvironment(env);
        m_process->start(m_binary,
                         QStringList {QStringLiteral("--dev"), QStringLiteral("--listen"),
                                      QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                                      QString::number(m_port), QStringLiteral("--data-dir"),
                                      m_dataDir}
                                 + m_extraArgs);
        if (!m_process->waitForStarted(kStartTimeoutMs)) {
            *error = QStringLiteral("cannot start %1").arg(m_binary);
            return false;
        }
        const bool up = QTest::qWaitFor(
                [this] {
                    if (m_process->state() != QProcess::Running)
                        return true;
                    QTcpSocket probe;
                    probe.connectToHost(QHostAddress::LocalHost, quint16(m_port));
                    return probe.waitForConnected(200);
                },
                kStartTimeoutMs);
        if (!up || m_process->state() != QProcess::Running) {
            *error = QStringLiteral("the server did not come up (exit code %1)")
                             .arg(m_process->exitCode());
            return false;
        }
        return true;
    }

    void kill()
    {
        if (!m_process)
            return;
        m_process->kill();
        m_process->waitForFinished(kStartTimeoutMs);
        m_process.reset();
    }

    void stop()
    {
        if (!m_process)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(kStartTimeoutMs))
            m_process->kill();
        m_process->waitForFinished(5000);
        m_process.reset();
    }

private:
    QString m_binary;
    QString m_dataDir;
    QStringList m_extraArgs;
    int m_port = 0;
    std::unique_ptr<QProcess> m_process;
};

} // namespace NebengJek::Test
