// SPDX-License-Identifier: MIT
#pragma once

#include "../core/connectionoptions.h"
#include "../core/messageprinter.h"
#include "../core/testconnection.h"

#include <QObject>
#include <QSocketNotifier>
#include <QTextStream>

namespace NebengJek::TestClient {

// The interactive loop: stdin lines become frames, frames become printed messages. Reading
// stdin through a notifier keeps the event loop (and so incoming messages) running while the
// user types; a pipe works the same way, so sessions can be scripted.
class InteractiveSession : public QObject
{
    Q_OBJECT
public:
    InteractiveSession(const ConnectionOptions &options, const QString &actorLabel, int lingerMs,
                       QObject *parent = nullptr);

    void start();
    int exitCode() const { return m_exitCode; }

signals:
    void finished();

private:
    void onStdinReadable();
    void handleLine(const QString &line);
    void processPendingLines();
    void finish(int exitCode);
    void print(const QString &text);

    ConnectionOptions m_options;
    QString m_label;
    int m_lingerMs = 0;
    TestConnection m_connection;
    MessagePrinter m_printer;
    QSocketNotifier m_stdinNotifier;
    QTextStream m_out;
    QByteArray m_stdinBuffer;
    QStringList m_pendingLines; // read while open was still in progress, or during a wait
    bool m_paused = false;
    bool m_stdinClosed = false;
    bool m_finished = false;
    int m_exitCode = 0;
};

} // namespace NebengJek::TestClient
