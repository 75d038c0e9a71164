// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace NebengJek::TestClient {

// One line typed in interactive mode, understood:
//   ping                      an app-level ping with the client time
//   send TYPE [JSON]          an envelope of TYPE with JSON as payload (default {})
//   {...}                     a raw JSON envelope, sent as typed
//   raw TEXT                  TEXT sent verbatim (error cases: not JSON, wrong shapes)
//   wait MS                   pause reading input (scripted sessions through a pipe)
//   close [CODE]   quit      end the session
//   help
struct InputLine
{
    enum class Kind { Empty, Help, Send, Wait, Close, Quit, Invalid };

    Kind kind = Kind::Empty;
    QByteArray frame; // Send: the text to send
    int number = 0; // Wait: ms; Close: code
    QString error; // Invalid: why

    // `nextId` names a request when the line does not (envelopes built from `send`/`ping`).
    static InputLine parse(const QString &line, const QString &nextId, qint64 nowMs);
    static QString helpText();
};

} // namespace NebengJek::TestClient
