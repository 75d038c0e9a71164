// SPDX-License-Identifier: MIT
#include "originpolicy.h"

namespace NebengJek::Server {

OriginPolicy::OriginPolicy(const QStringList &allowed)
    : m_any(allowed.isEmpty())
{
    for (const QString &entry : allowed) {
        QByteArray e = entry.trimmed().toLower().toUtf8();
        while (e.endsWith('/'))
            e.chop(1);
        if (e == "*") {
            m_any = true;
        } else if (const qsizetype star = e.indexOf("://*."); star > 0) {
            m_wildcards.emplaceBack(e.left(star + 3),
                                    e.mid(star + 4)); // "https://", ".example.com"
        } else if (!e.isEmpty()) {
            m_exact.append(e);
        }
    }
}

bool OriginPolicy::allows(QByteArrayView origin) const
{
    if (m_any || origin.isNull())
        return true;
    const QByteArray o = origin.toByteArray().trimmed().toLower();
    if (m_exact.contains(o))
        return true;
    for (const auto &[scheme, suffix] : m_wildcards) {
        if (!o.startsWith(scheme) || !o.endsWith(suffix))
            continue;
        // At least one label before the suffix, and no path/userinfo tricks.
        const QByteArrayView host =
                QByteArrayView(o).sliced(scheme.size(), o.size() - scheme.size() - suffix.size());
        if (!host.isEmpty() && !host.contains('/') && !host.contains('@'))
            return true;
    }
    return false;
}

} // namespace NebengJek::Server
