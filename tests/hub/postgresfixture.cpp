// SPDX-License-Identifier: MIT
#include "postgresfixture.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace NebengJek::Tests {

namespace {

constexpr int kInitdbTimeoutMs = 120000; // a loaded 2-core CI machine
constexpr int kStartTimeoutMs = 120000;

QString findBinDir()
{
    const QByteArray fromEnv = qgetenv("NEBENGJEK_PG_BINDIR");
    if (!fromEnv.isEmpty())
        return QString::fromLocal8Bit(fromEnv);
    // Debian keeps the server binaries out of PATH, per major version; take the newest.
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions) {
        const QString bin = root.filePath(v + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")))
            return bin;
    }
    return {};
}

int freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool chownTree(const QString &path, uid_t uid, gid_t gid)
{
    return ::chown(QFile::encodeName(path).constData(), uid, gid) == 0;
}

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::binary(const QString &name) const
{
    return m_binDir + QLatin1Char('/') + name;
}

bool PostgresServer::run(const QString &program, const QStringList &arguments, QString *output,
                         int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir->path());
    if (m_asPostgresUser) {
        process.start(QStringLiteral("runuser"),
                      QStringList {QStringLiteral("-u"), QStringLiteral("postgres"),
                                   QStringLiteral("--"), program}
                              + arguments);
    } else {
        process.start(program, arguments);
    }
    const bool finished = process.waitForStarted(timeoutMs) && process.waitForFinished(timeoutMs);
    *output = QString::fromLocal8Bit(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        output->append(QStringLiteral("\n(timed out)"));
        return false;
    }
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool PostgresServer::start(QString *error)
{
    m_binDir = findBinDir();
    if (m_binDir.isEmpty()) {
        *error = QStringLiteral("PostgreSQL server binaries not found (install postgresql or set "
                                "NEBENGJEK_PG_BINDIR)");
        return false;
    }
    // A short path: the server's unix socket goes in here and socket paths are limited to
    // about 100 bytes.
    m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/njpg-XXXXXX"));
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    m_asPostgresUser = ::geteuid() == 0;
    if (m_asPostgresUser) {
        const passwd *pw = ::getpwnam("postgres");
        if (!pw) {
            *error = QStringLiteral("running as root but there is no postgres user");
            return false;
        }
        if (!chownTree(m_dir->path(), pw->pw_uid, pw->pw_gid)) {
            *error = QStringLiteral("cannot hand the temporary directory to postgres");
            return false;
        }
    }
    m_dataDir = m_dir->filePath(QStringLiteral("data"));
    QString output;
    if (!run(binary(QStringLiteral("initdb")),
             {QStringLiteral("-D"), m_dataDir, QStringLiteral("-E"), QStringLiteral("UTF8"),
              QStringLiteral("--locale=C"), QStringLiteral("-A"), QStringLiteral("trust"),
              QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("--no-sync")},
             &output, kInitdbTimeoutMs)) {
        *error = QStringLiteral("initdb failed: ") + output.right(2000);
        return false;
    }
    // Another process may grab a port between the probe and the start: try a few.
    for (int attempt = 0; attempt < 5 && !m_running; ++attempt) {
        m_port = freePort();
        const QString options =
                QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off")
                        .arg(m_port)
                        .arg(m_dir->path());
        m_running = run(binary(QStringLiteral("pg_ctl")),
                        {QStringLiteral("-D"), m_dataDir, QStringLiteral("-o"), options,
                         QStringLiteral("-l"), m_dir->filePath(QStringLiteral("server.log")),
                         QStringLiteral("-t"), QString::number(kStartTimeoutMs / 1000),
                         QStringLiteral("-w"), QStringLiteral("start")},
                        &output, kStartTimeoutMs + 5000);
    }
    if (!m_running) {
        QFile log(m_dir->filePath(QStringLiteral("server.log")));
        log.open(QIODevice::ReadOnly);
        *error = QStringLiteral("pg_ctl start failed: ") + output.right(1000)
                + QString::fromLocal8Bit(log.readAll().right(2000));
        return false;
    }
    return true;
}

void PostgresServer::stop()
{
    if (!m_running)
        return;
    QString output;
    run(binary(QStringLiteral("pg_ctl")),
        {QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"), QStringLiteral("immediate"),
         QStringLiteral("-w"), QStringLiteral("stop")},
        &output, 60000);
    m_running = false;
}

QString PostgresServer::urlFor(const QString &database) const
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

QString PostgresServer::createDatabase(const QString &name, QString *error)
{
    const QString connectionName = QStringLiteral("pgfixture-") + QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(QStringLiteral("postgres"));
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            ok = query.exec(QStringLiteral("CREATE DATABASE %1").arg(name));
            if (!ok)
                *error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return ok ? urlFor(name) : QString();
}

} // namespace NebengJek::Tests
