// SPDX-License-Identifier: MIT
#include "redisfixture.h"

#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace NebengJek::Tests {

namespace {

constexpr int kStartTimeoutMs = 30000;

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// PING -> +PONG over a plain socket: the server accepts commands.
bool answersPing(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(port));
    if (!socket.waitForConnected(500))
        return false;
    socket.write("PING\r\n");
    if (!socket.waitForBytesWritten(500) || !socket.waitForReadyRead(500))
        return false;
    return socket.readAll().startsWith("+PONG");
}

} // namespace

RedisServer::RedisServer() = default;

RedisServer::~RedisServer()
{
    kill();
}

bool RedisServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool RedisServer::start(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    // Another process may take a port between the probe and the start: try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (m_port == 0 || attempt > 0)
            m_port = freePort();
        if (launch(error))
            return true;
    }
    return false;
}

bool RedisServer::launch(QString *error)
{
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (binary.isEmpty()) {
        *error = QStringLiteral("redis-server not found (apt-get install redis-server)");
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("redis.log")),
                                     QIODevice::Append);
    m_process->start(binary,
                     {QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                      QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(),
                      QStringLiteral("--appendonly"), QStringLiteral("no"), QStringLiteral("--dir"),
                      m_dir.path(), QStringLiteral("--daemonize"), QStringLiteral("no")});
    if (!m_process->waitForStarted(kStartTimeoutMs)) {
        *error = QStringLiteral("cannot start redis-server");
        return false;
    }
    const bool up = QTest::qWaitFor([this] { return !isRunning() || answersPing(m_port); },
                                    kStartTimeoutMs);
    if (!up || !isRunning()) {
        *error = QStringLiteral("redis-server did not come up on port %1").arg(m_port);
        kill();
        return false;
    }
    return true;
}

// Restart with start(): the same port is tried first, so clients reconnect to it.
void RedisServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(kStartTimeoutMs);
    m_process.reset();
}

} // namespace NebengJek::Tests
