// SPDX-License-Identifier: MIT
#include "serverprocess.h"

#include "../core/logging.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>

namespace NebengJek::TestClient {

namespace {
// A graceful shutdown drains clients within its own deadline; past this the server is killed.
constexpr int kStopTimeoutMs = 10000;
constexpr int kSecretBytes = 32;
} // namespace

QStringList ServerProcess::defaultArguments()
{
    // Port 0: the server binds any free port and logs it, so parallel test runs cannot race for
    // a port between choosing and binding it. No overload shedding: a scenario expects exact
    // replies, and a stall of the (shared, loaded) test machine must not turn one into
    // UNAVAILABLE.
    return {QStringLiteral("--listen"),   QStringLiteral("{host}"),
            QStringLiteral("--port"),     QStringLiteral("0"),
            QStringLiteral("--data-dir"), QStringLiteral("{data_dir}"),
            QStringLiteral("--shed-lag"), QStringLiteral("0")};
}

ServerProcess::ServerProcess() = default;

ServerProcess::~ServerProcess()
{
    stop();
}

int ServerProcess::freePort()
{
    // The kernel picks an unused port; the tiny window until the server binds it is acceptable
    // for tests, and a clash shows up as a start failure, not as a wrong result.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString ServerProcess::logPath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("server.log")) : QString();
}

QString ServerProcess::logTail(int lines) const
{
    QFile log(logPath());
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(log.readAll()).split(QLatin1Char('\n'));
    return all.mid(qMax<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

bool ServerProcess::start(const QString &program, const QStringList &argumentTemplate,
                          int readyTimeoutMs, QString *error)
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a temporary data directory");
        return false;
    }
    // Only a template that names {port} needs one chosen here; otherwise it is read from the log.
    m_port = argumentTemplate.join(QLatin1Char(' ')).contains(QStringLiteral("{port}")) ? freePort()
                                                                                        : 0;
    QByteArray random(kSecretBytes, Qt::Uninitialized);
    for (char &c : random)
        c = char(QRandomGenerator::system()->bounded(256));
    m_secret = random.toHex();

    QStringList arguments;
    for (QString a : argumentTemplate) {
        a.replace(QStringLiteral("{port}"), QString::number(m_port));
        a.replace(QStringLiteral("{host}"), QStringLiteral("127.0.0.1"));
        a.replace(QStringLiteral("{data_dir}"), m_dir->filePath(QStringLiteral("data")));
        arguments.append(a);
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WS_JWT_SECRET"), QString::fromLatin1(m_secret));
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(logPath());
    qCInfo(lcTestClient) << "starting" << program << arguments.join(QLatin1Char(' '));
    m_process.start(program, arguments);
    if (!m_process.waitForStarted()) {
        *error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
        return false;
    }
    if (!waitUntilListening(readyTimeoutMs)) {
        *error = QStringLiteral("the server did not listen (port %1) within %2 ms; its log:\n%3")
                         .arg(m_port)
                         .arg(readyTimeoutMs)
                         .arg(logTail(30));
        stop();
        return false;
    }
    return true;
}

bool ServerProcess::waitUntilListening(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    // The gateway logs "event=listening address=... port=N" once it accepts connections.
    static const QRegularExpression listening(QStringLiteral("event=listening .*port=(\\d+)"));
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running)
            return false;
        if (m_port == 0) {
            QFile log(logPath());
            if (log.open(QIODevice::ReadOnly)) {
                const auto match = listening.match(QString::fromUtf8(log.readAll()));
                if (match.hasMatch())
                    m_port = match.captured(1).toInt();
            }
            if (m_port == 0) {
                QThread::msleep(50);
                continue;
            }
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, quint16(m_port));
        if (probe.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    return false;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(kStopTimeoutMs)) {
        qCWarning(lcTestClient) << "server did not stop within" << kStopTimeoutMs
                                << "ms; killing it";
        m_process.kill();
        m_process.waitForFinished();
    }
}

} // namespace NebengJek::TestClient
