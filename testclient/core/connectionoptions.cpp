// SPDX-License-Identifier: MIT
#include "connectionoptions.h"

namespace NebengJek::TestClient {

TokenTransport tokenTransportFromName(const QString &name, bool *ok)
{
    if (ok)
        *ok = true;
    if (name == QLatin1String("header"))
        return TokenTransport::Header;
    if (name == QLatin1String("query"))
        return TokenTransport::Query;
    if (name == QLatin1String("message"))
        return TokenTransport::Message;
    if (name == QLatin1String("none"))
        return TokenTransport::None;
    if (ok)
        *ok = false;
    return TokenTransport::Header;
}

} // namespace NebengJek::TestClient
