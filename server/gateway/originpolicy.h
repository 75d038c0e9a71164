// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

namespace NebengJek::Server {

// The Origin allow-list for browser clients. Entries: an exact origin
// ("https://app.nebengjek.id"), a subdomain wildcard ("https://*.nebengjek.id") or "*".
// An empty list allows every origin. A request without an Origin header is a native client
// (browsers always send one on a WebSocket upgrade) and is allowed.
class OriginPolicy
{
public:
    OriginPolicy() = default;
    explicit OriginPolicy(const QStringList &allowed);

    bool allows(QByteArrayView origin) const;

private:
    bool m_any = true;
    QList<QByteArray> m_exact;
    QList<std::pair<QByteArray, QByteArray>> m_wildcards; // scheme "://", ".domain"
};

} // namespace NebengJek::Server
