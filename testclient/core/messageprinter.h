// SPDX-License-Identifier: MIT
#pragma once

#include "receivedmessage.h"

#include <QJsonValue>
#include <QString>

class QTextStream;

namespace NebengJek::TestClient {

// Formats traffic for people: a timestamped header line (who, direction, type, id, seq) and
// the indented JSON below it. Tokens are replaced before anything is formatted, so no code
// path can print one.
class MessagePrinter
{
public:
    enum class Direction { Incoming, Outgoing };

    explicit MessagePrinter(bool compact = false)
        : m_compact(compact)
    { }

    // Exact strings (the tokens in use) scrubbed from every line this printer makes, even from
    // frames that are not JSON or keys not called "token".
    void addSecret(const QByteArray &secret);

    QString format(Direction direction, const QString &actor, const QByteArray &frame,
                   qint64 atMs) const;
    QString formatReceived(const QString &actor, const ReceivedMessage &message) const;

    // Replaces the value of every "token" key (at any depth) with "<redacted>".
    static QJsonValue redacted(const QJsonValue &value);
    static QString timestamp(qint64 msSinceEpoch);
    // Compact one-line JSON of a value, for diffs and summaries.
    static QString oneLine(const QJsonValue &value);

private:
    QString scrubbed(QString text) const;
    QString formatUnscrubbed(Direction direction, const QString &actor, const QByteArray &frame,
                             qint64 atMs) const;

    bool m_compact = false;
    QList<QString> m_secrets;
};

} // namespace NebengJek::TestClient
