// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace NebengJek::TestClient {

// How the token travels. The gateway accepts all three; QA needs each to test each.
enum class TokenTransport {
    Header, // Authorization: Bearer <token> on the upgrade request (the default)
    Query, // ?token=<token> (legacy clients)
    Message, // an "auth" message right after the upgrade
    None, // no token at all (error cases)
};

TokenTransport tokenTransportFromName(const QString &name, bool *ok = nullptr);

struct ConnectionOptions
{
    QUrl url;
    QByteArray token; // never printed or logged
    TokenTransport transport = TokenTransport::Header;
    QString origin; // sent as Origin when set
};

} // namespace NebengJek::TestClient
