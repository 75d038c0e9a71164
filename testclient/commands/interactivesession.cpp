// SPDX-License-Identifier: MIT
#include "interactivesession.h"

#include "../core/inputline.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <unistd.h>

namespace NebengJek::TestClient {

InteractiveSession::InteractiveSession(const ConnectionOptions &options, const QString &actorLabel,
                                       int lingerMs, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_label(actorLabel)
    , m_lingerMs(lingerMs)
    , m_stdinNotifier(STDIN_FILENO, QSocketNotifier::Read)
    , m_out(stdout)
{
    m_printer.addSecret(options.token);
    m_stdinNotifier.setEnabled(false);
    connect(&m_stdinNotifier, &QSocketNotifier::activated, this,
            &InteractiveSession::onStdinReadable);
    connect(&m_connection, &TestConnection::opened, this, [this] {
        print(QStringLiteral("[%1] connected to %2 as %3 (token via %4)")
                      .arg(MessagePrinter::timestamp(QDateTime::currentMSecsSinceEpoch()),
                           m_options.url.toString(QUrl::RemoveQuery), m_label,
                           m_options.transport == TokenTransport::Header ? QStringLiteral("header")
                                   : m_options.transport == TokenTransport::Query
                                   ? QStringLiteral("query")
                                   : m_options.transport == TokenTransport::Message
                                   ? QStringLiteral("auth message")
                                   : QStringLiteral("nothing")));
        processPendingLines();
    });
    connect(&m_connection, &TestConnection::messageReceived, this,
            [this](const ReceivedMessage &m) { print(m_printer.formatReceived(m_label, m)); });
    connect(&m_connection, &TestConnection::messageSent, this, [this](const QByteArray &text) {
        print(m_printer.format(MessagePrinter::Direction::Outgoing, m_label, text,
                               QDateTime::currentMSecsSinceEpoch()));
    });
    connect(&m_connection, &TestConnection::closed, this, [this] {
        const bool refused =
                m_connection.rejectedStatus() > 0 || !m_connection.errorString().isEmpty();
        if (m_connection.rejectedStatus() > 0)
            print(QStringLiteral("connection refused: HTTP %1").arg(m_connection.rejectedStatus()));
        else if (!m_connection.errorString().isEmpty() && m_connection.closeCode() <= 1000)
            print(QStringLiteral("connection failed: %1").arg(m_connection.errorString()));
        else
            print(QStringLiteral("[%1] closed: code %2 %3")
                          .arg(MessagePrinter::timestamp(QDateTime::currentMSecsSinceEpoch()))
                          .arg(m_connection.closeCode())
                          .arg(m_connection.closeReason()));
        const int code = m_connection.closeCode();
        finish(refused || (code != 1000 && code != 0) ? 1 : 0);
    });
}

void InteractiveSession::start()
{
    if (isatty(STDIN_FILENO))
        print(InputLine::helpText());
    m_stdinNotifier.setEnabled(true);
    m_connection.open(m_options);
}

void InteractiveSession::print(const QString &text)
{
    m_out << text << '\n';
    m_out.flush();
}

void InteractiveSession::onStdinReadable()
{
    char buffer[4096];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0) {
        m_stdinNotifier.setEnabled(false);
        m_stdinClosed = true;
        if (!m_stdinBuffer.isEmpty())
            m_pendingLines.append(QString::fromUtf8(std::exchange(m_stdinBuffer, {})));
        processPendingLines();
        return;
    }
    m_stdinBuffer.append(buffer, n);
    qsizetype newline;
    while ((newline = m_stdinBuffer.indexOf('\n')) >= 0) {
        m_pendingLines.append(QString::fromUtf8(m_stdinBuffer.left(newline)));
        m_stdinBuffer.remove(0, newline + 1);
    }
    processPendingLines();
}

void InteractiveSession::processPendingLines()
{
    while (!m_paused && !m_finished && m_connection.state() == TestConnection::State::Open
           && !m_pendingLines.isEmpty())
        handleLine(m_pendingLines.takeFirst());
    if (m_stdinClosed && m_pendingLines.isEmpty() && !m_paused && !m_finished
        && m_connection.state() == TestConnection::State::Open) {
        // Input ended (a pipe): keep listening a little for the answers to what was sent.
        QTimer::singleShot(m_lingerMs, this, [this] {
            if (m_connection.state() == TestConnection::State::Open)
                m_connection.close();
            else
                finish(m_exitCode);
        });
        m_stdinClosed = false; // schedule once
    }
}

void InteractiveSession::handleLine(const QString &line)
{
    const InputLine input = InputLine::parse(line, m_connection.nextRequestId(),
                                             QDateTime::currentMSecsSinceEpoch());
    switch (input.kind) {
    case InputLine::Kind::Empty:
        break;
    case InputLine::Kind::Help:
        print(InputLine::helpText());
        break;
    case InputLine::Kind::Invalid:
        print(QStringLiteral("!! ") + input.error);
        break;
    case InputLine::Kind::Send:
        m_connection.sendText(input.frame);
        break;
    case InputLine::Kind::Wait:
        m_paused = true;
        QTimer::singleShot(input.number, this, [this] {
            m_paused = false;
            processPendingLines();
        });
        break;
    case InputLine::Kind::Close:
        m_connection.close(input.number);
        break;
    case InputLine::Kind::Quit:
        m_connection.close();
        break;
    }
}

void InteractiveSession::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = exitCode;
    m_stdinNotifier.setEnabled(false);
    emit finished();
}

} // namespace NebengJek::TestClient
